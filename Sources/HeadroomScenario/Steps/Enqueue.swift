import Foundation

/// Puts a job on a queue (JSON `{"enqueue": "reports", ...}`) and goes on at once: the request
/// does not wait for the job (the user sees "report queued"). The job waits in the queue for one
/// of its workers, does the worker's own work (`serviceTime`), runs `then` while holding the
/// worker, and is retried by the queue's policy when it fails.
public struct Enqueue: StepSpec {
    /// `"enqueue"`.
    public static let kind = StepKind.enqueue

    /// The id of the queue.
    public var queue: String
    /// The queue's priority level for this job; nil: the queue's last (lowest) level.
    public var priority: String?
    /// The job's own work at the worker, replacing the worker pool's service time.
    public var serviceTime: DistributionSpec?
    /// Chance that an attempt fails at the end of its own work (an exception in the job), in [0, 1].
    public var failureProbability: Double
    /// What the job does while it holds its worker (calls to a database, an API…).
    public var then: [Step]

    public init(
        _ queue: String, priority: String? = nil, serviceTime: DistributionSpec? = nil, failureProbability: Double = 0,
        then: [Step] = []
    ) {
        self.queue = queue
        self.priority = priority
        self.serviceTime = serviceTime
        self.failureProbability = failureProbability
        self.then = then
    }

    /// Its keys; a job holds a worker of the queue's pool while `then` runs, in a request of its own.
    public static var descriptor: StepDescriptor<Enqueue> {
        StepDescriptor(
            description: "Puts a job on a queue and goes on at once; the job runs then at one of the queue's workers.",
            prototype: Enqueue(""),
            fields: [
                .required("enqueue", \.queue, queueID, "The id of the queue."),
                .optional(
                    "priority", \.priority, priorityName, ifAbsent: "the queue's last (lowest) priority",
                    "One of the queue's priorities: the level the job waits at."),
                .optional(
                    "serviceTime", \.serviceTime, .distribution, ifAbsent: "the worker pool's service time",
                    "The job's own work at its worker, replacing the worker pool's service time."),
                .defaulted(
                    "failureProbability", \.failureProbability,
                    .number(NumberBounds(lower: .inclusive(0), upper: .inclusive(1)), expected: "a probability from 0 to 1"),
                    default: 0, "The chance an attempt fails at the end of its own work (then the queue retries it)."),
                .steps("then", \.then, "What the job does while it holds its worker."),
            ],
            holds: \.queue,
            checks: [CrossCheck { validation, step, path in validation.checkPriority(step, at: path) }],
            detached: true)
    }

    /// A queue's id.
    static var queueID: ValueFormat<String> {
        let expected = "a queue id such as \"jobs\""
        return ValueFormat(
            expected: expected, schema: [("type", "string")],
            read: { reader, value, path in reader.readString(value, at: path, expected: expected) },
            encode: { .string($0) },
            check: { validation, id, path in validation.checkReference(id, at: path, accepts: { $0.kind == .queue }, expected: "a queue") })
    }

    /// A priority name (checked against the queue's by the step's cross check).
    static var priorityName: ValueFormat<String> {
        let expected = "a priority name such as \"urgent\""
        return ValueFormat(
            expected: expected, schema: [("type", "string")],
            read: { reader, value, path in reader.readString(value, at: path, expected: expected) },
            encode: { .string($0) },
            check: { _, _, _ in })
    }
}

extension Validation {
    /// An enqueue's priority is one its queue declares.
    fileprivate mutating func checkPriority(_ step: Enqueue, at path: JSONPath) {
        guard let priority = step.priority, let queue = scenario.component(step.queue)?.spec(as: MessageQueue.self) else { return }
        if queue.priorities.isEmpty {
            report(path.key("priority"), "queue \(JSONWriter.quoted(step.queue)) has no priorities; expected no \"priority\" (or a \"priorities\" list on the queue)")
        } else if !queue.priorities.contains(priority) {
            report(
                path.key("priority"),
                "queue \(JSONWriter.quoted(step.queue)) has no priority \(Wording.quotedShort(priority))\(Wording.suggestion(for: priority, among: queue.priorities))")
        }
    }
}

extension Step {
    /// An enqueue step: `.enqueue(Enqueue("jobs"))`.
    public static func enqueue(_ enqueue: Enqueue) -> Step { Step(enqueue) }

    /// The enqueue, when this is an enqueue step.
    public var enqueue: Enqueue? { spec as? Enqueue }
}

extension Queue {
    /// Puts a job on this queue, as a route step (JSON `{"enqueue": id, ...}`); the route goes on at once.
    ///
    /// - Parameters:
    ///   - priority: one of the queue's priorities; nil: its last.
    ///   - serviceTime: the job's own work at its worker, replacing the worker pool's.
    ///   - failureProbability: the chance an attempt fails at the end of its own work.
    ///   - then: what the job does while it holds its worker.
    public func enqueue(
        priority: String? = nil, serviceTime: DistributionSpec? = nil, failureProbability: Double = 0,
        @RouteBuilder then: () -> [RouteStep] = { [] }
    ) -> RouteStep {
        let inner = then()
        let step = Step.enqueue(Enqueue(
            component.id, priority: priority, serviceTime: serviceTime, failureProbability: failureProbability, then: inner.map(\.step)))
        return RouteStep(step: step, references: [component] + references + inner.flatMap(\.references))
    }
}

/// A message broker's queue (JSON `"kind": "queue"`; Redis lists behind Sidekiq or Celery,
/// RabbitMQ, SQS): jobs that routes `enqueue` wait here until a worker of its `workers` pool
/// takes them, first by priority level, then first come first served.
///
/// A job runs its `enqueue` step's steps while holding the worker. When it fails (its own failure
/// probability, or an error of a call it makes) it is tried again after `backoff`, up to
/// `maxAttempts` attempts in all; a job that fails its last attempt is a dead letter.
public struct MessageQueue: ComponentSpec {
    /// `"queue"`.
    public static let kind = ComponentKind.queue

    /// What happens to a job enqueued when the queue holds `capacity` jobs.
    public enum WhenFull: String, Hashable, Sendable, CaseIterable {
        /// The enqueue step fails with `rejected`: the producer sees the error (RabbitMQ's
        /// `reject-publish`).
        case reject
        /// The new job is discarded and the request goes on as if it had been queued
        /// (fire-and-forget publishing to a bounded buffer); it is counted as dropped.
        case drop
    }

    /// How long a failed job waits before its next attempt.
    public enum Backoff: Hashable, Sendable {
        /// The waits before the 2nd, 3rd, … attempt, in order; the last one repeats (the seeds'
        /// "retry after 5 minutes, then 15 minutes" is `["5m", "15m"]`).
        case fixed([TimeSpan])
        /// Before attempt n + 1: min(`max`, `base` × 2^(n−1)); with full jitter, a uniform draw
        /// between 0 and that (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015).
        case exponential(base: TimeSpan, max: TimeSpan, jitter: Bool)
    }

    /// The id of the service whose workers take the jobs.
    public var workers: String
    /// The most jobs that may wait; nil is unbounded.
    public var capacity: Int?
    /// What happens to a job enqueued when the queue is full.
    public var whenFull: WhenFull
    /// Priority level names, served strictly in this order (the first first); empty: one level.
    public var priorities: [String]
    /// Attempts per job in all (1: no retries).
    public var maxAttempts: Int
    /// The wait before each retry; nil: retried at once.
    public var backoff: Backoff?

    public init(
        workers: String, capacity: Int? = nil, whenFull: WhenFull = .reject, priorities: [String] = [], maxAttempts: Int = 1,
        backoff: Backoff? = nil
    ) {
        self.workers = workers
        self.capacity = capacity
        self.whenFull = whenFull
        self.priorities = priorities
        self.maxAttempts = maxAttempts
        self.backoff = backoff
    }

    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed, without
    /// jitter: the upper bound of the jittered draw.
    public func backoffCeiling(afterAttempt attempt: Int) -> TimeSpan {
        switch backoff {
        case nil: return .zero
        case .fixed(let waits)?: return waits.isEmpty ? .zero : waits[min(attempt, waits.count) - 1]
        case .exponential(let base, let max, _)?:
            let doubled = base.seconds * Double(sign: .plus, exponent: Swift.min(attempt - 1, 1_000), significand: 1)
            return TimeSpan(seconds: Swift.min(max.seconds, doubled))
        }
    }

    /// Queued jobs: up to a hundred million, as a pool's queue.
    public static let capacityLimits = 1...100_000_000
    /// Attempts per job.
    public static let attemptLimits = 1...1_000
    /// Priority levels a queue may declare.
    public static let priorityLimit = 16

    /// Its keys; it is not called (routes `enqueue` to it) and not priced.
    public static var descriptor: KindDescriptor<MessageQueue> {
        KindDescriptor(
            noun: "queue",
            description: "A message broker's queue: jobs wait here for a worker of its workers pool; failed jobs are retried, then dead-lettered.",
            prototype: MessageQueue(workers: ""),
            fields: [
                .required("workers", \.workers, .componentID, "The service whose workers take the jobs (its instances × concurrency)."),
                .optional(
                    "capacity", \.capacity, .integer(in: capacityLimits), ifAbsent: "an unbounded queue",
                    "The most jobs that may wait for a worker."),
                .defaulted(
                    "whenFull", \.whenFull, .choice(noun: "full-queue behaviour"), default: .reject,
                    "What happens to a job enqueued when the queue is full: reject (the enqueue step fails) or drop (the job is lost, the request goes on)."),
                .defaulted(
                    "priorities", \.priorities, priorityNames, default: [],
                    "Priority level names, served strictly in this order; an enqueue step names its level."),
                .defaulted(
                    "maxAttempts", \.maxAttempts, .integer(in: attemptLimits), default: 1,
                    "Attempts per job in all, the first included; a job that fails its last is a dead letter."),
                .optional(
                    "backoff", \.backoff, backoffFormat, ifAbsent: "retried at once",
                    "The wait before each retry: durations in order (the last repeats), or {\"exponential\": base, \"max\": cap} with full jitter."),
            ],
            pricing: [],
            checks: [CrossCheck { validation, queue, path in validation.checkQueue(queue, at: path) }],
            references: { [$0.workers] },
            callHolds: CallHolds(role: "worker pool") { [$0.workers] },
            callable: false,
            summary: \.summary)
    }

    /// Priority names: distinct, not blank, at most ``priorityLimit``.
    static var priorityNames: ValueFormat<[String]> {
        let expected = "an array of priority names such as [\"urgent\", \"normal\"]"
        return ValueFormat(
            expected: expected,
            schema: [("type", "array"), ("items", .object([("type", "string"), ("minLength", 1)])), ("maxItems", .int(priorityLimit))],
            read: { reader, value, path in
                reader.readArray(value, at: path, expected: expected) { reader, element, path in
                    reader.readString(element, at: path, expected: "a priority name such as \"urgent\"")
                }
            },
            encode: { .array($0.map(JSONValue.string)) },
            check: { validation, names, path in
                if names.count > priorityLimit {
                    validation.report(path, "found \(names.count) priorities; expected at most \(priorityLimit)")
                }
                var seen: [String: Int] = [:]
                for (i, name) in names.enumerated() {
                    if name.trimmingCharacters(in: .whitespaces).isEmpty {
                        validation.report(path.index(i), "found \(Wording.quotedShort(name)); expected a non-empty priority name")
                    } else if let first = seen[name] {
                        validation.report(path.index(i), "duplicate priority \(JSONWriter.quoted(name)) (first at priorities[\(first)])")
                    } else {
                        seen[name] = i
                    }
                }
            })
    }

    /// The keys of an exponential backoff object.
    static let exponentialKeys = ["exponential", "max", "jitter"]

    /// A backoff: an array of durations, or `{"exponential": "1s", "max": "10m", "jitter": true}`.
    static var backoffFormat: ValueFormat<Backoff> {
        let expected = "an array of durations such as [\"5m\", \"15m\"] or {\"exponential\": \"1s\", \"max\": \"10m\"}"
        let duration: [(String, JSONValue)] = [("$ref", "#/$defs/duration")]
        return ValueFormat(
            expected: expected,
            schema: [("oneOf", [
                .object([
                    ("description", "The waits before the 2nd, 3rd, … attempt; the last one repeats."),
                    ("type", "array"), ("items", .object(duration)), ("minItems", 1),
                ]),
                .object([
                    ("description", "Exponential backoff: before attempt n+1, min(max, exponential × 2^(n−1)), drawn uniformly below that with full jitter."),
                    ("type", "object"),
                    ("properties", .object([
                        ("exponential", .object([("description", "The first wait (its ceiling, with jitter); > 0.")] + duration)),
                        ("max", .object([("description", "The longest wait; >= exponential.")] + duration)),
                        ("jitter", .object([("description", "Full jitter (default true): each wait is uniform between 0 and its ceiling."), ("type", "boolean"), ("default", true)])),
                    ])),
                    ("required", ["exponential", "max"]), ("additionalProperties", false),
                ]),
            ])],
            read: { reader, value, path in reader.readBackoff(value, at: path, expected: expected) },
            encode: { backoff in
                switch backoff {
                case .fixed(let waits): .array(waits.map { .string($0.formatted) })
                case .exponential(let base, let max, let jitter):
                    .object([("exponential", .string(base.formatted)), ("max", .string(max.formatted))] + (jitter ? [] : [("jitter", .bool(false))]))
                }
            },
            check: { validation, backoff, path in
                switch backoff {
                case .fixed(let waits):
                    if waits.isEmpty { validation.report(path, "found an empty array; expected at least one wait") }
                    for (i, wait) in waits.enumerated() { validation.check(wait, at: path.index(i), positive: false) }
                case .exponential(let base, let max, _):
                    let valid = validation.check(base, at: path.key("exponential"), positive: true)
                    if validation.check(max, at: path.key("max"), positive: true), valid, max < base {
                        validation.report(
                            path.key("max"), "found \(Wording.duration(max)); expected a duration >= exponential (\(Wording.duration(base)))")
                    }
                }
            })
    }

    /// "queue for report-workers, capacity 1,000 (rejects when full), priorities urgent, normal; 3 attempts, backoff 5 min, 15 min".
    var summary: String {
        var parts = ["queue for \(workers)"]
        if let capacity {
            parts.append("capacity \(Wording.grouped(capacity)) (\(whenFull == .reject ? "rejects" : "drops") when full)")
        } else {
            parts.append("unbounded")
        }
        if !priorities.isEmpty { parts.append("priorities \(priorities.joined(separator: " > "))") }
        var attempts = maxAttempts == 1 ? "no retries" : "\(maxAttempts) attempts"
        switch backoff {
        case nil where maxAttempts > 1: attempts += ", retried at once"
        case nil: break
        case .fixed(let waits)?: attempts += ", backoff \(waits.map(\.humanReadable).joined(separator: ", "))"
        case .exponential(let base, let max, let jitter)?:
            attempts += ", exponential backoff from \(base.humanReadable) to \(max.humanReadable)\(jitter ? " with full jitter" : "")"
        }
        parts.append(attempts)
        return parts.joined(separator: ", ")
    }
}

extension ScenarioReader {
    /// A backoff: an array of durations, or an exponential backoff object.
    fileprivate mutating func readBackoff(_ value: JSONValue, at path: JSONPath, expected: String) -> MessageQueue.Backoff? {
        switch value {
        case .array:
            return readArray(value, at: path, expected: expected) { reader, element, path in reader.readDuration(element, at: path) }
                .map { .fixed($0) }
        case .object:
            guard
                let f = fields(
                    value, at: path, expected: expected, allowed: MessageQueue.exponentialKeys, required: ["exponential", "max"])
            else { return nil }
            let base = duration(f, "exponential")
            let max = duration(f, "max")
            var jitter = true
            if let value = f["jitter"] {
                guard case .bool(let b) = value else {
                    mismatch(path.key("jitter"), found: value, expected: "true or false")
                    return nil
                }
                jitter = b
            }
            guard let base = base.required, let max = max.required else { return nil }
            return .exponential(base: base, max: max, jitter: jitter)
        default:
            mismatch(path, found: value, expected: expected)
            return nil
        }
    }
}

extension Validation {
    /// A queue's workers are a service or database that only it feeds: no other queue, no
    /// direct calls, no waiting room of its own; a backoff needs retries.
    fileprivate mutating func checkQueue(_ queue: MessageQueue, at path: JSONPath) {
        let workersPath = path.key("workers")
        checkReference(queue.workers, at: workersPath, accepts: { $0.pool != nil }, expected: "a service or database")
        if let workers = scenario.component(queue.workers)?.pool {
            if workers.queueCapacity != nil {
                report(
                    workersPath,
                    "\(JSONWriter.quoted(queue.workers)) has a queueCapacity; expected none: its jobs wait in the queue, whose capacity bounds them")
            }
            let feeders = scenario.components.filter { $0.spec(as: MessageQueue.self)?.workers == queue.workers }
            if feeders.count > 1, let first = feeders.first, let index = scenario.components.firstIndex(of: first),
                path.description != "components[\(index)]"
            {
                report(workersPath, "\(JSONWriter.quoted(queue.workers)) already takes the jobs of queue \(JSONWriter.quoted(first.id)) (components[\(index)]); expected a pool of its own")
            }
            if let caller = Self.firstCall(to: queue.workers, in: scenario) {
                report(workersPath, "\(JSONWriter.quoted(queue.workers)) is also called by \(caller); expected workers that take jobs only")
            }
        }
        if queue.backoff != nil && queue.maxAttempts == 1 {
            report(path.key("backoff"), "a backoff needs retries; expected \"maxAttempts\" above 1 beside it")
        }
    }

    /// Where a route or a balancer first reaches `id` synchronously (a call, or a backend), as a path.
    static func firstCall(to id: String, in scenario: Scenario) -> String? {
        for (c, component) in scenario.components.enumerated() {
            if let balancer = component.spec(as: LoadBalancer.self), let b = balancer.backends.firstIndex(where: { $0.component == id }) {
                return "components[\(c)].backends[\(b)]"
            }
        }
        func search(_ steps: [Step], _ path: JSONPath) -> String? {
            for (i, step) in steps.enumerated() {
                let stepPath = path.index(i)
                if step.call?.component == id { return stepPath.description }
                for nested in step.descriptor.object.nestedSteps(step) {
                    if let found = search(nested.steps, stepPath.key(nested.key)) { return found }
                }
            }
            return nil
        }
        for (r, route) in scenario.routes.enumerated() {
            if let found = search(route.steps, JSONPath.root.key("routes").index(r).key("steps")) { return found }
        }
        return nil
    }
}

/// A queue in a Swift scenario (JSON `"kind": "queue"`) whose jobs `workers` take; see
/// ``MessageQueue`` for every parameter. Routes put jobs on it with ``enqueue(priority:serviceTime:failureProbability:then:)``.
public struct Queue: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component
    /// The worker pool.
    public let references: [Component]

    /// A queue feeding `workers`.
    public init<Workers: PoolDeclaration>(
        _ id: String, workers: Workers, capacity: Int? = nil, whenFull: MessageQueue.WhenFull = .reject, priorities: [String] = [],
        maxAttempts: Int = 1, backoff: MessageQueue.Backoff? = nil
    ) {
        component = Component(
            id: id,
            MessageQueue(
                workers: workers.component.id, capacity: capacity, whenFull: whenFull, priorities: priorities, maxAttempts: maxAttempts,
                backoff: backoff))
        references = [workers.component]
    }
}

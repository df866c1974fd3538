/// A synchronous call to a component (JSON `{"call": "db", ...}`): wait for a worker at the
/// component, do its work, run `then` while still holding the worker (thread-per-request), then
/// return to the caller.
public struct Call: StepSpec {
    /// `"call"`.
    public static let kind = StepKind.call

    /// The id of the component called.
    public var component: String
    /// Chance that the call happens at all (e.g. a cache-miss path); 1 means always.
    public var probability: Double
    /// This call's own service time, overriding the component's (e.g. writes are slower than reads).
    public var serviceTime: DistributionSpec?
    /// Calls made from inside the component while it holds the worker. For a load balancer,
    /// these run at the backend instance it chose.
    public var then: [Step]

    public init(_ component: String, probability: Double = 1, serviceTime: DistributionSpec? = nil, then: [Step] = []) {
        self.component = component
        self.probability = probability
        self.serviceTime = serviceTime
        self.then = then
    }

    /// Its keys; a call holds the called component's worker while `then` runs.
    public static var descriptor: StepDescriptor<Call> {
        StepDescriptor(
            description: "A synchronous call to a component; then runs inside it while it holds the worker.",
            prototype: Call(""),
            fields: [
                .required("call", \.component, .callableComponentID, "The id of the component called."),
                .defaulted(
                    "probability", \.probability,
                    .number(.above(0, atMost: 1), expected: "a probability greater than 0 and at most 1"), default: 1,
                    "The chance the call happens at all, in (0, 1], drawn per request; when skipped, its then is skipped too."),
                .optional(
                    "serviceTime", \.serviceTime, .distribution, ifAbsent: "the component's service time",
                    "This call's own service time, replacing the component's (for a load balancer, the chosen backend's)."),
                .steps("then", \.then, "Calls made from inside the called component while it holds the worker."),
            ],
            holds: \.component)
    }
}

extension Step {
    /// A call step: `.call(Call("db"))`.
    public static func call(_ call: Call) -> Step { Step(call) }

    /// The call, when this is a call step.
    public var call: Call? { spec as? Call }
}

extension ComponentDeclaration {
    /// A synchronous call to this component, as a route step (JSON `{"call": id, ...}`).
    ///
    /// - Parameters:
    ///   - probability: chance that the call happens at all, in (0, 1].
    ///   - serviceTime: this call's own service time, replacing the component's.
    ///   - then: calls made from inside this component while it holds the worker.
    public func call(
        probability: Double = 1, serviceTime: DistributionSpec? = nil, @RouteBuilder then: () -> [RouteStep] = { [] }
    ) -> RouteStep {
        let inner = then()
        let step = Step.call(Call(component.id, probability: probability, serviceTime: serviceTime, then: inner.map(\.step)))
        return RouteStep(step: step, references: [component] + references + inner.flatMap(\.references))
    }
}

/// A synchronous call to a component (JSON `{"call": "db", ...}`): wait for a worker at the
/// component, do its work, run `then` while still holding the worker (thread-per-request), then
/// return to the caller.
///
/// The caller's side of the call can be made resilient: a client `timeout` per attempt,
/// `retry` with a backoff (and a retry budget), client-side `throttling`, and a `fallback` —
/// steps run instead when the call fails for good, after which the route goes on.
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
    /// The caller's timeout for one attempt, overriding the component's `timeout`.
    public var timeout: TimeSpan?
    /// Retries of a failed attempt; nil: none.
    public var retry: Retry?
    /// Client-side adaptive throttling of the attempts; nil: none.
    public var throttling: Throttling?
    /// Steps run instead when the call fails for good (retries included); the route then goes on
    /// after the call as if it had succeeded. Empty: the error goes to the caller.
    public var fallback: [Step]

    public init(
        _ component: String, probability: Double = 1, serviceTime: DistributionSpec? = nil, then: [Step] = [],
        timeout: TimeSpan? = nil, retry: Retry? = nil, throttling: Throttling? = nil, fallback: [Step] = []
    ) {
        self.component = component
        self.probability = probability
        self.serviceTime = serviceTime
        self.then = then
        self.timeout = timeout
        self.retry = retry
        self.throttling = throttling
        self.fallback = fallback
    }

    /// Whether the caller's side does more than wait for the answer (retries, throttling, a fallback).
    public var isResilient: Bool { retry != nil || throttling != nil || !fallback.isEmpty }

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
                .optional(
                    "timeout", \.timeout, .duration(positive: true), ifAbsent: "the component's timeout",
                    "The caller's timeout for one attempt, replacing the component's; > 0."),
                .optional(
                    "retry", \.retry, Retry.format, ifAbsent: "no retries",
                    "Retries of a failed attempt: attempts, which errors, backoff (constant, exponential, fullJitter), base, cap, budget."),
                .optional(
                    "throttling", \.throttling, .section(Throttling.object, expected: Throttling.expected), ifAbsent: "no throttling",
                    "Client-side adaptive throttling (SRE book): attempts rejected locally with probability max(0, (requests − k·accepts)/(requests + 1))."),
                .steps(
                    "fallback", \.fallback, inside: false,
                    "Steps run instead when the call fails for good; the route then goes on after the call."),
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
    ///   - timeout: the caller's timeout for one attempt, replacing the component's.
    ///   - retry: retries of a failed attempt.
    ///   - throttling: client-side adaptive throttling.
    ///   - fallback: steps run instead when the call fails for good.
    public func call(
        probability: Double = 1, serviceTime: DistributionSpec? = nil, timeout: TimeSpan? = nil, retry: Retry? = nil,
        throttling: Throttling? = nil, @RouteBuilder then: () -> [RouteStep] = { [] },
        @RouteBuilder fallback: () -> [RouteStep] = { [] }
    ) -> RouteStep {
        let inner = then()
        let instead = fallback()
        let call = Call(
            component.id, probability: probability, serviceTime: serviceTime, then: inner.map(\.step), timeout: timeout,
            retry: retry, throttling: throttling, fallback: instead.map(\.step))
        return RouteStep(
            step: .call(call), references: [component] + references + inner.flatMap(\.references) + instead.flatMap(\.references))
    }
}

/// A circuit breaker on the calls to one dependency (JSON `"kind": "circuitBreaker"`): every
/// route step that calls `target` goes through it. While it is open those calls fail at once
/// (cause `circuitOpen`) without reaching the target; after `openFor` it lets calls through to
/// test the target (half-open), and closes again when they succeed.
///
/// Two policies decide when it opens:
/// - `consecutiveFailures` — the seeds' breaker: open after `failureThreshold` failures in a row
///   (a success resets the count). After `openFor`, the next call finds it half-open and every
///   call goes through; a success closes it, a failure opens it again.
/// - `failureRate` — open when, over the last `window`, at least `minimumCalls` calls ended and
///   at least `failureRate` percent of them failed; half-open lets `halfOpenCalls` test calls
///   through and closes when fewer than `failureRate` percent of them fail.
public struct CircuitBreaker: ComponentSpec {
    /// `"circuitBreaker"`.
    public static let kind = ComponentKind.circuitBreaker

    /// When the breaker opens.
    public enum Policy: String, Hashable, Sendable, CaseIterable {
        /// After `failureThreshold` failures in a row.
        case consecutiveFailures
        /// When the share of failed calls in a sliding window reaches `failureRate` percent.
        case failureRate
    }

    /// The component whose calls it guards.
    public var target: String
    /// When it opens.
    public var policy: Policy
    /// How long it stays open before it lets calls through to test the target.
    public var openFor: TimeSpan
    /// A timeout for the calls it guards (the seeds' breaker has 3 s), unless the call step sets its own.
    public var callTimeout: TimeSpan?
    /// `consecutiveFailures`: failures in a row that open it (nil: 5).
    public var failureThreshold: Int?
    /// `failureRate`: the sliding window outcomes are counted over (nil: 10 s).
    public var window: TimeSpan?
    /// `failureRate`: the fewest outcomes in the window before it may open (nil: 20).
    public var minimumCalls: Int?
    /// `failureRate`: the percentage of failed calls that opens it (nil: 50).
    public var failureRate: Double?
    /// `failureRate`: test calls let through when half-open (nil: 3).
    public var halfOpenCalls: Int?

    public init(
        target: String, policy: Policy = .consecutiveFailures, openFor: TimeSpan = .seconds(30), callTimeout: TimeSpan? = nil,
        failureThreshold: Int? = nil, window: TimeSpan? = nil, minimumCalls: Int? = nil, failureRate: Double? = nil,
        halfOpenCalls: Int? = nil
    ) {
        self.target = target
        self.policy = policy
        self.openFor = openFor
        self.callTimeout = callTimeout
        self.failureThreshold = failureThreshold
        self.window = window
        self.minimumCalls = minimumCalls
        self.failureRate = failureRate
        self.halfOpenCalls = halfOpenCalls
    }

    /// Defaults of the policies' own keys.
    public static let defaultFailureThreshold = 5
    public static let defaultWindow = TimeSpan.seconds(10)
    public static let defaultMinimumCalls = 20
    public static let defaultFailureRate = 50.0
    public static let defaultHalfOpenCalls = 3

    /// Failures in a row, calls in a window, test calls: counts a breaker may ask for.
    public static let countLimits = 1...1_000_000

    /// Its keys; each policy's own keys only with that policy.
    public static var descriptor: KindDescriptor<CircuitBreaker> {
        KindDescriptor(
            noun: "circuit breaker",
            description: "Fails fast the calls to a dependency that keeps failing (circuitOpen), then tests it before closing again.",
            prototype: CircuitBreaker(target: ""),
            fields: [
                .required(
                    "target", \.target, .target("a component that takes calls", accepts: { $0.descriptor.callable }),
                    "The component whose calls it guards: every route step calling it goes through the breaker."),
                .defaulted(
                    "policy", \.policy, .choice(noun: "policy"), default: .consecutiveFailures, alwaysWritten: true,
                    "When it opens: consecutiveFailures (failureThreshold in a row) or failureRate (a share of a window's calls)."),
                .defaulted(
                    "openFor", \.openFor, .duration(positive: true), default: .seconds(30),
                    "How long it stays open (failing calls at once) before it lets calls through to test the target; > 0."),
                .optional(
                    "callTimeout", \.callTimeout, .duration(positive: true), ifAbsent: "no timeout of its own",
                    "A timeout for the calls it guards, unless the call step sets its own; > 0."),
                .optional(
                    "failureThreshold", \.failureThreshold, .integer(in: countLimits), ifAbsent: "5",
                    "consecutiveFailures: failures in a row that open it."),
                .optional(
                    "window", \.window, .duration(positive: true), ifAbsent: "\"10s\"",
                    "failureRate: the sliding window outcomes are counted over; > 0."),
                .optional(
                    "minimumCalls", \.minimumCalls, .integer(in: countLimits), ifAbsent: "20",
                    "failureRate: the fewest outcomes in the window before it may open."),
                .optional(
                    "failureRate", \.failureRate,
                    .number(NumberBounds(lower: .exclusive(0), upper: .inclusive(100)), expected: "a percentage > 0 and at most 100"),
                    ifAbsent: "50", "failureRate: the percentage of failed calls in the window that opens it."),
                .optional(
                    "halfOpenCalls", \.halfOpenCalls, .integer(in: countLimits), ifAbsent: "3",
                    "failureRate: test calls let through when half-open."),
            ],
            pricing: [],
            checks: [CrossCheck(run: check)],
            references: { [$0.target] },
            callable: false,
            summary: \.summary)
    }

    /// Each policy's keys with that policy only; the target is called; one breaker per target.
    static func check(_ validation: inout Validation, _ breaker: CircuitBreaker, at path: JSONPath) {
        let rateKeys: [(String, Bool)] = [
            ("window", breaker.window != nil), ("minimumCalls", breaker.minimumCalls != nil),
            ("failureRate", breaker.failureRate != nil), ("halfOpenCalls", breaker.halfOpenCalls != nil),
        ]
        switch breaker.policy {
        case .consecutiveFailures:
            for (key, present) in rateKeys where present {
                validation.report(path.key(key), "key \"\(key)\" applies to policy \"failureRate\"; this breaker's policy is \"consecutiveFailures\"")
            }
        case .failureRate:
            if breaker.failureThreshold != nil {
                validation.report(
                    path.key("failureThreshold"),
                    "key \"failureThreshold\" applies to policy \"consecutiveFailures\"; this breaker's policy is \"failureRate\" (use \"failureRate\" and \"minimumCalls\")")
            }
        }
        guard let target = validation.scenario.component(breaker.target), target.descriptor.callable else { return }
        let components = validation.scenario.components
        for other in components[..<(validation.componentIndex(at: path) ?? components.count)] {
            if other.spec(as: CircuitBreaker.self)?.target == breaker.target {
                validation.report(
                    path.key("target"),
                    "\(JSONWriter.quoted(breaker.target)) already has a circuit breaker, \(JSONWriter.quoted(other.id)); expected one breaker per component")
                return
            }
        }
        if !validation.routesCall(breaker.target) {
            validation.report(
                path.key("target"),
                "no route calls \(JSONWriter.quoted(breaker.target)); expected a component that a route step calls (a breaker guards calls to it)")
        }
    }

    /// "circuit breaker on db: open after 5 failures in a row, for 30 s, then half-open; calls time out after 3 s".
    var summary: String {
        var text = "circuit breaker on \(target): "
        switch policy {
        case .consecutiveFailures:
            text += "open after \(Wording.count(failureThreshold ?? Self.defaultFailureThreshold, "failure")) in a row, for \(openFor.humanReadable), then half-open"
        case .failureRate:
            text += "open when \(TimeSpan.trim(failureRate ?? Self.defaultFailureRate)) % of at least "
            text += "\(minimumCalls ?? Self.defaultMinimumCalls) calls in \((window ?? Self.defaultWindow).humanReadable) fail, "
            text += "for \(openFor.humanReadable), then \(Wording.count(halfOpenCalls ?? Self.defaultHalfOpenCalls, "test call"))"
        }
        if let callTimeout { text += "; calls time out after \(callTimeout.humanReadable)" }
        return text
    }
}

/// A circuit breaker in a Swift scenario (JSON `"kind": "circuitBreaker"`); see ``CircuitBreaker`` for every parameter.
///
/// ```swift
/// Breaker("db-breaker", on: db, failureThreshold: 5, openFor: .seconds(30), callTimeout: .seconds(3))
/// ```
public struct Breaker: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component
    /// The component guarded.
    public let references: [Component]

    /// The seeds' breaker: open after `failureThreshold` failures in a row, for `openFor`.
    public init(
        _ id: String, on target: some ComponentDeclaration, failureThreshold: Int? = nil, openFor: TimeSpan = .seconds(30),
        callTimeout: TimeSpan? = nil
    ) {
        component = Component(
            id: id, CircuitBreaker(target: target.id, openFor: openFor, callTimeout: callTimeout, failureThreshold: failureThreshold))
        references = [target.component]
    }

    /// A failure-rate breaker: open when `failureRate` percent of at least `minimumCalls` calls in `window` fail.
    public init(
        _ id: String, on target: some ComponentDeclaration, failureRate: Double, window: TimeSpan? = nil, minimumCalls: Int? = nil,
        halfOpenCalls: Int? = nil, openFor: TimeSpan = .seconds(30), callTimeout: TimeSpan? = nil
    ) {
        component = Component(
            id: id,
            CircuitBreaker(
                target: target.id, policy: .failureRate, openFor: openFor, callTimeout: callTimeout, window: window,
                minimumCalls: minimumCalls, failureRate: failureRate, halfOpenCalls: halfOpenCalls))
        references = [target.component]
    }
}

/// A rate limiter (JSON `"kind": "rateLimiter"`): a token bucket that a route calls before the
/// work it protects. A call takes a token and goes on after the limiter's own latency; when the
/// bucket is empty the call fails at once with HTTP 429 (cause `rateLimited`), which fails the
/// request unless the step handles the error.
///
/// The bucket holds `burst` tokens and refills at `rate` per second. With `scope: global` there
/// is one bucket; with `scope: key` there is one per request key (per user, per API key), so a
/// heavy client is limited while the others are not. Over a long window the admitted rate is
/// min(offered, rate) per bucket, and at most rate × t + burst in any interval of length t.
public struct RateLimiter: ComponentSpec {
    /// `"rateLimiter"`.
    public static let kind = ComponentKind.rateLimiter

    /// Which requests share a bucket.
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        /// One bucket for every request.
        case global
        /// One bucket per request key (the route's `keys`): a limit per user.
        case key
    }

    /// Tokens added per second: the sustained rate allowed (per bucket).
    public var rate: Double
    /// Tokens the bucket holds when full: how many calls may arrive at once. Defaults to one second's worth.
    public var burst: Int?
    /// Which requests share a bucket.
    public var scope: Scope
    /// The limiter's own time to decide (a round trip to a shared store), if any.
    public var latency: DistributionSpec?

    public init(rate: Double, burst: Int? = nil, scope: Scope = .global, latency: DistributionSpec? = nil) {
        self.rate = rate
        self.burst = burst
        self.scope = scope
        self.latency = latency
    }

    /// The bucket size in effect.
    public var effectiveBurst: Int { burst ?? ExternalAPI.oneSecondOfTokens(rate) }

    /// Its keys; charged per million calls (as an API gateway's limiter is).
    public static var descriptor: KindDescriptor<RateLimiter> {
        KindDescriptor(
            noun: "rate limiter",
            description: "A token bucket, global or per request key: over-limit calls get an immediate 429 (rateLimited).",
            prototype: RateLimiter(rate: 1),
            fields: [
                .required(
                    "rate", \.rate, .number(.above(0, atMost: ExternalAPI.maximumRateLimit), expected: ExternalAPI.rateLimitExpectation),
                    "Calls per second allowed (per bucket): the rate the bucket refills."),
                .optional(
                    "burst", \.burst, .integer(in: ExternalAPI.burstLimits), ifAbsent: "one second's worth of calls",
                    "Tokens the bucket holds when full: how many calls may arrive at once."),
                .defaulted(
                    "scope", \.scope, .choice(noun: "scope"), default: .global, alwaysWritten: true,
                    "global (one bucket) or key (one bucket per request key: a limit per user)."),
                .optional(
                    "latency", \.latency, .distribution, ifAbsent: "no delay",
                    "The limiter's own time to decide (a round trip to a shared store such as Redis)."),
            ],
            pricing: [.perMillionRequests],
            checks: [CrossCheck(run: check)],
            summary: \.summary)
    }

    /// A per-key limiter needs callers whose requests carry keys.
    static func check(_ validation: inout Validation, _ limiter: RateLimiter, at path: JSONPath) {
        guard limiter.scope == .key, let me = validation.componentIndex(at: path) else { return }
        let id = validation.scenario.components[me].id
        if let route = validation.routesCalling(id).first(where: { $0.keys == nil }) {
            validation.report(
                path.key("scope"),
                "route \(JSONWriter.quoted(route.requestClass)) calls \(JSONWriter.quoted(id)) without \"keys\"; expected every route calling a per-key limiter to give its requests keys (or \"scope\": \"global\")")
        }
    }

    /// "rate limiter, 100/s per key (burst 20), latency constant 1 ms".
    var summary: String {
        var text = "rate limiter, \(TimeSpan.trim(rate))/s \(scope == .global ? "in all" : "per key") (burst \(effectiveBurst))"
        if let latency { text += ", " + latency.summary(of: "latency") }
        return text
    }
}

/// A rate limiter in a Swift scenario (JSON `"kind": "rateLimiter"`); see ``RateLimiter``.
///
/// ```swift
/// let limit = RateLimit("per-user", rate: 10, burst: 20, scope: .key)
/// ```
public struct RateLimit: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// A token bucket refilled at `rate` per second holding `burst` tokens, one per `scope`.
    public init(
        _ id: String, rate: Double, burst: Int? = nil, scope: RateLimiter.Scope = .global, latency: DistributionSpec? = nil,
        pricing: Pricing? = nil
    ) {
        component = Component(id: id, RateLimiter(rate: rate, burst: burst, scope: scope, latency: latency), pricing: pricing)
    }
}

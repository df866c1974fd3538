/// A third-party API (JSON `"kind": "externalAPI"`; payments, search, an AI model): answers after
/// its latency, with as many calls in flight as you send, but refuses calls beyond its rate limit
/// (HTTP 429).
public struct ExternalAPI: ComponentSpec {
    /// `"externalAPI"`.
    public static let kind = ComponentKind.externalAPI

    /// Response time of one call.
    public var latency: DistributionSpec
    /// Calls per second the provider allows (a token bucket refilled at this rate); nil is unlimited.
    public var rateLimit: Double?
    /// Calls the bucket holds when full: how many may arrive at once. Defaults to one second's worth.
    public var burst: Int?
    /// Longest time a call may take before the caller gives up.
    public var timeout: TimeSpan?

    public init(latency: DistributionSpec, rateLimit: Double? = nil, burst: Int? = nil, timeout: TimeSpan? = nil) {
        self.latency = latency
        self.rateLimit = rateLimit
        self.burst = burst
        self.timeout = timeout
    }

    /// The bucket size in effect.
    public var effectiveBurst: Int { burst ?? Self.oneSecondOfTokens(rateLimit ?? 1) }

    /// A token bucket's default size: one second's worth of its rate, at least one token.
    static func oneSecondOfTokens(_ rate: Double) -> Int { max(1, Int(rate.rounded(.up))) }

    /// The largest rate limit, calls per second: a billion is unlimited in practice, and keeps
    /// ``effectiveBurst`` an integer.
    public static let maximumRateLimit = 1e9
    /// A rate limit in words.
    static let rateLimitExpectation = "a number of calls per second > 0 and at most \(Wording.grouped(Int(maximumRateLimit)))"
    /// Bucket sizes: up to a billion calls.
    public static let burstLimits = 1...1_000_000_000

    /// Its keys; charged per call. A burst needs a rate limit.
    public static var descriptor: KindDescriptor<ExternalAPI> {
        KindDescriptor(
            noun: "external API",
            description: "A third-party API: paid per call, rate-limited by its provider.",
            prototype: ExternalAPI(latency: .constant(.zero)),
            fields: [
                .required("latency", \.latency, .distribution, "Response time of one call."),
                .optional(
                    "rateLimit", \.rateLimit, .number(.above(0, atMost: maximumRateLimit), expected: rateLimitExpectation),
                    ifAbsent: "no rate limit", "Calls per second the provider allows (a token bucket)."),
                .optional(
                    "burst", \.burst, .integer(in: burstLimits), ifAbsent: "one second's worth of calls",
                    "Calls the bucket holds when full: how many may arrive at once; needs rateLimit."),
                .optional(
                    "timeout", \.timeout, .duration(positive: true), ifAbsent: "no timeout",
                    "The longest a call may take before its caller gives up; > 0."),
            ],
            pricing: [.perCall],
            checks: [.needs("burst", \.burst, "rateLimit", \.rateLimit)],
            summary: \.summary)
    }

    /// "external API, lognormal latency median 120 ms p99 600 ms, rate limit 25/s (burst 25)".
    var summary: String {
        var parts = ["external API", latency.summary(of: "latency")]
        parts.append(rateLimit.map { "rate limit \(TimeSpan.trim($0))/s (burst \(effectiveBurst))" } ?? "no rate limit")
        if let timeout { parts.append("timeout \(timeout.humanReadable)") }
        return parts.joined(separator: ", ")
    }
}

/// A third-party API in a Swift scenario (JSON `"kind": "externalAPI"`); see ``ExternalAPI`` for every parameter.
public struct ExternalService: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// An API answering after `latency`, refusing calls beyond `rateLimit` per second.
    public init(
        _ id: String, latency: DistributionSpec, rateLimit: Double? = nil, burst: Int? = nil, timeout: TimeSpan? = nil,
        pricing: Pricing? = nil
    ) {
        component = Component(
            id: id, ExternalAPI(latency: latency, rateLimit: rateLimit, burst: burst, timeout: timeout),
            pricing: pricing)
    }
}

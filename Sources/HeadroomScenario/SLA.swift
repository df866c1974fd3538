/// Service-level objectives: what a run must achieve to pass.
public struct SLA: Hashable, Sendable {
    /// The objectives, in declaration order. Empty means nothing is judged.
    public var objectives: [Objective]

    public init(objectives: [Objective]) { self.objectives = objectives }

    /// The seeds' targets, applied when a scenario has no `sla` block: p95 ≤ 200 ms,
    /// availability ≥ 99.9 %, success rate ≥ 99.5 %.
    public static let defaults = SLA(objectives: [
        Objective(.latency(percentile: 95, max: .milliseconds(200))),
        Objective(.availability(minPercent: 99.9)),
        Objective(.successRate(minPercent: 99.5)),
    ])
}

/// One objective: a metric, a bound, and optionally the request class it is about.
public struct Objective: Hashable, Sendable {
    /// What is measured and the bound it must meet.
    public enum Kind: Hashable, Sendable {
        /// The latency percentile (e.g. 95) of completed requests is at most `max`.
        case latency(percentile: Double, max: TimeSpan)
        /// At least this percentage of requests is admitted (not rejected by a full queue,
        /// throttling or a rate limit).
        case availability(minPercent: Double)
        /// At least this percentage of requests completes (not rejected, not failed).
        case successRate(minPercent: Double)
        /// At most this percentage of requests is rejected or fails.
        case errorRate(maxPercent: Double)
        /// At least this many requests per second complete.
        case throughput(minRps: Double)
        /// The cost extrapolated to a 30-day month is at most this many dollars.
        case monthlyCost(maxDollars: Double)

        /// The discriminator written in JSON (`"metric"`).
        public var metric: String {
            switch self {
            case .latency: "latency"
            case .availability: "availability"
            case .successRate: "successRate"
            case .errorRate: "errorRate"
            case .throughput: "throughput"
            case .monthlyCost: "monthlyCost"
            }
        }

        /// Every metric an objective may name.
        public static let metrics = ["latency", "availability", "successRate", "errorRate", "throughput", "monthlyCost"]
    }

    /// The metric and its bound.
    public var kind: Kind
    /// The request class the objective is about; nil for all requests.
    public var requestClass: String?

    public init(_ kind: Kind, requestClass: String? = nil) {
        self.kind = kind
        self.requestClass = requestClass
    }

    /// A short name such as "p95 latency", "availability (read)".
    public var name: String {
        let base: String
        switch kind {
        case .latency(let p, _): base = "p\(TimeSpan.trim(p)) latency"
        case .availability: base = "availability"
        case .successRate: base = "success rate"
        case .errorRate: base = "error rate"
        case .throughput: base = "throughput"
        case .monthlyCost: base = "monthly cost"
        }
        return requestClass.map { "\(base) (\($0))" } ?? base
    }
}

import HeadroomModel
import HeadroomScenario

/// The verdict on each service-level objective.
public struct SLAReport: Sendable, Equatable {
    /// Where the objectives came from.
    public enum Source: String, Sendable, Equatable {
        /// The scenario's `sla` block.
        case scenario
        /// No `sla` block: the defaults (p95 ≤ 200 ms, availability ≥ 99.9 %, success rate ≥ 99.5 %).
        case defaults = "default"
    }

    /// One objective's verdict.
    public struct Verdict: Sendable, Equatable {
        /// "p95 latency", "availability (read)", …
        public var name: String
        /// The objective's metric (`latency`, `availability`, …).
        public var metric: String
        /// The request class, or nil for all requests.
        public var requestClass: String?
        /// The bound: at most (`max`) or at least (`min`).
        public var bound: Bound
        /// The target value, in `unit`.
        public var target: Double
        /// The measured value, in `unit`; nil when there was nothing to measure — a latency
        /// objective when no request completed, a share when no request arrived — which fails.
        public var measured: Double?
        /// `ms`, `%`, `req/s` or `USD/month`.
        public var unit: String
        /// Why the measured value cannot be trusted, when it cannot (an unstable run's latency):
        /// such an objective fails whatever the value.
        public var untrusted: String?
        /// How far inside the target the measurement is (negative: by how much it misses); nil
        /// when nothing was measured.
        public var margin: Double? { measured.map { bound == .max ? target - $0 : $0 - target } }
        /// True when the objective is met: measured, trusted, and within the target.
        public var passed: Bool { (margin ?? -1) >= 0 && untrusted == nil }
        /// True for objectives whose value depends on the load — latency, availability, success
        /// and error rates — which a capacity search uses as its boundary. Cost and throughput
        /// move with the load by design (more load, more cost; a floor met only above some rate).
        public var isLoadDependent: Bool { SLAReport.loadDependentMetrics.contains(metric) }
    }

    /// The metrics whose value depends on the load (see ``Verdict/isLoadDependent``).
    public static let loadDependentMetrics: Set = ["latency", "availability", "successRate", "errorRate"]

    /// Whether the target is an upper or a lower bound.
    public enum Bound: String, Sendable, Equatable { case max, min }

    public var source: Source
    public var verdicts: [Verdict]
    /// True when every objective is met (and when there are none).
    public var passed: Bool { verdicts.allSatisfy(\.passed) }
    /// The objectives that failed.
    public var failed: [Verdict] { verdicts.filter { !$0.passed } }

    /// Judges `m` against the scenario's objectives (or the defaults).
    ///
    /// Shares (availability, success and error rates) are over every request that arrived in the
    /// measured window, those still in flight at the end included: a request that never got an
    /// answer was not served. Availability is the share neither rejected nor still waiting;
    /// success rate the share completed.
    public init(_ m: RunMeasurements, scenario: Scenario, monthlyCost: Double, stability: Stability = .stable) {
        source = scenario.sla == nil ? .defaults : .scenario
        verdicts = scenario.effectiveSLA.objectives.map { objective in
            let counts = objective.requestClass.flatMap { name in m.classes.first { $0.name == name } } ?? m.overall
            let arrived = counts.completed + counts.rejected + counts.failed + counts.inSystemAtEnd
            func percent(_ part: Int) -> Double? { arrived > 0 ? 100 * Double(part) / Double(arrived) : nil }
            let (bound, target, measured, unit): (Bound, Double, Double?, String)
            switch objective.kind {
            case .latency(let p, let max):
                let value = counts.completed > 0 ? Double(counts.latencyNanoseconds.valueAtPercentile(p)) / 1e6 : nil
                (bound, target, measured, unit) = (.max, max.milliseconds, value, "ms")
            case .availability(let min):
                (bound, target, measured, unit) = (.min, min, percent(counts.completed + counts.failed), "%")
            case .successRate(let min):
                (bound, target, measured, unit) = (.min, min, percent(counts.completed), "%")
            case .errorRate(let max):
                (bound, target, measured, unit) = (.max, max, percent(counts.completed).map { 100 - $0 }, "%")
            case .throughput(let min):
                (bound, target, measured, unit) = (.min, min, Double(counts.completed) / m.measuredSeconds, "req/s")
            case .monthlyCost(let max):
                (bound, target, measured, unit) = (.max, max, monthlyCost, "USD/month")
            }
            var untrusted: String?
            if case .latency = objective.kind, let unstable = stability.summary { untrusted = "unstable: \(unstable)" }
            return Verdict(
                name: objective.name, metric: objective.kind.metric, requestClass: objective.requestClass, bound: bound,
                target: target, measured: measured, unit: unit, untrusted: untrusted)
        }
    }
}

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
        /// The measured value, in `unit`.
        public var measured: Double
        /// `ms`, `%`, `req/s` or `USD/month`.
        public var unit: String
        /// Why the measured value cannot be trusted, when it cannot (an unstable run's latency):
        /// such an objective fails whatever the value.
        public var untrusted: String?
        /// How far inside the target the measurement is (negative: by how much it misses).
        public var margin: Double { bound == .max ? target - measured : measured - target }
        /// True when the objective is met by a value that can be trusted.
        public var passed: Bool { margin >= 0 && untrusted == nil }
    }

    /// Whether the target is an upper or a lower bound.
    public enum Bound: String, Sendable, Equatable { case max, min }

    public var source: Source
    public var verdicts: [Verdict]
    /// True when every objective is met (and when there are none).
    public var passed: Bool { verdicts.allSatisfy(\.passed) }
    /// The objectives that failed.
    public var failed: [Verdict] { verdicts.filter { !$0.passed } }

    /// Judges `m` against the scenario's objectives (or the defaults).
    public init(_ m: RunMeasurements, scenario: Scenario, monthlyCost: Double, stability: Stability = .stable) {
        source = scenario.sla == nil ? .defaults : .scenario
        verdicts = scenario.effectiveSLA.objectives.map { objective in
            let counts = objective.requestClass.flatMap { name in m.classes.first { $0.name == name } } ?? m.overall
            let outcomes = counts.completed + counts.rejected + counts.failed
            func percent(_ part: Int) -> Double { outcomes > 0 ? 100 * Double(part) / Double(outcomes) : 100 }
            let (bound, target, measured, unit): (Bound, Double, Double, String)
            switch objective.kind {
            case .latency(let p, let max):
                let value = counts.completed > 0 ? Double(counts.latencyNanoseconds.valueAtPercentile(p)) / 1e6 : 0
                (bound, target, measured, unit) = (.max, max.milliseconds, value, "ms")
            case .availability(let min):
                (bound, target, measured, unit) = (.min, min, percent(outcomes - counts.rejected), "%")
            case .successRate(let min):
                (bound, target, measured, unit) = (.min, min, percent(counts.completed), "%")
            case .errorRate(let max):
                (bound, target, measured, unit) = (.max, max, 100 - percent(counts.completed), "%")
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

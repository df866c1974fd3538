/// What N independent replications of a scenario say together: each key metric as a mean with a
/// Student-t confidence interval, and the SLA judged on the means.
///
/// Replication k runs with seed `base + k` (``Replications/seed(_:replication:)``); within-run
/// observations are autocorrelated, so the spread *between* replications is the honest measure
/// of how precise a simulated number is.
public struct ReplicationSummary: Sendable, Equatable {
    /// One metric across the replications.
    public struct Metric: Sendable, Equatable {
        /// "completed throughput", "p95 latency", "app utilization", …
        public var name: String
        /// `req/s`, `ms`, `%`, `USD/month` or `` (a fraction or a count).
        public var unit: String
        /// Nil when a replication has no value (a latency when nothing completed in it).
        public var interval: ConfidenceInterval?
        public var minimum: Double?
        public var maximum: Double?
    }

    /// One objective judged on the replication means.
    public struct Verdict: Sendable, Equatable {
        public var name: String
        public var bound: SLAReport.Bound
        public var target: Double
        public var unit: String
        /// Nil when a replication measured nothing (see ``SLAReport/Verdict/measured``).
        public var interval: ConfidenceInterval?
        /// Replications in which the objective was met.
        public var passedCount: Int
        /// The verdict on the mean; failed when a replication measured nothing.
        public var passed: Bool {
            guard let interval else { return false }
            return bound == .max ? interval.mean <= target : interval.mean >= target
        }
    }

    public var scenario: String
    /// The first replication's seed.
    public var seed: UInt64
    public var replications: Int
    public var confidence: Double
    public var metrics: [Metric]
    public var verdicts: [Verdict]
    /// Every objective met on the means.
    public var passed: Bool { verdicts.allSatisfy(\.passed) }

    /// Summarises `results` (at least two replications of one scenario, in replication order).
    public init(_ results: [Results], confidence: Double = 0.95) {
        precondition(results.count >= 2, "a replication summary needs at least two replications")
        let first = results[0]
        scenario = first.scenario
        seed = first.seed
        replications = results.count
        self.confidence = confidence
        /// A metric over the replications; absent (nil interval) when one of them has no value.
        func interval(_ values: [Double?]) -> ConfidenceInterval? {
            let known = values.compactMap { $0 }
            return known.count == values.count ? ConfidenceInterval(estimates: known, confidence: confidence) : nil
        }
        func metric(_ name: String, _ unit: String, _ value: (Results) -> Double?) -> Metric {
            let values = results.map(value)
            let interval = interval(values)
            return Metric(
                name: name, unit: unit, interval: interval,
                minimum: interval == nil ? nil : values.compactMap { $0 }.min(), maximum: interval == nil ? nil : values.compactMap { $0 }.max())
        }
        /// A share of the requests that arrived, those still in flight at the end counted as not served (as ``SLAReport`` does).
        func percent(_ r: Results, _ part: Int) -> Double? {
            r.requests.offered > 0 ? 100 * Double(part) / Double(r.requests.offered) : nil
        }
        var metrics = [
            metric("completed throughput", "req/s") { $0.throughput.completedRps },
            metric("mean latency", "ms") { $0.latencyMs?.mean },
            metric("p50 latency", "ms") { $0.latencyMs?.p50 },
            metric("p95 latency", "ms") { $0.latencyMs?.p95 },
            metric("p99 latency", "ms") { $0.latencyMs?.p99 },
            metric("p99.9 latency", "ms") { $0.latencyMs?.p999 },
            metric("availability", "%") { percent($0, $0.requests.completed + $0.requests.failed) },
            metric("success rate", "%") { percent($0, $0.requests.completed) },
            metric("monthly cost", "USD/month") { $0.cost.perMonthDollars },
        ]
        for (c, component) in first.components.enumerated() where component.saturable {
            metrics.append(metric("\(component.id) utilization", "") { $0.components[c].utilization })
            metrics.append(metric("\(component.id) mean wait", "ms") { $0.components[c].meanWaitMs })
        }
        self.metrics = metrics
        verdicts = first.sla.verdicts.indices.map { i in
            let v = first.sla.verdicts[i]
            return Verdict(
                name: v.name, bound: v.bound, target: v.target, unit: v.unit,
                interval: interval(results.map { $0.sla.verdicts[i].measured }),
                passedCount: results.filter { $0.sla.verdicts[i].passed }.count)
        }
    }
}

/// What N independent replications of a scenario say together: each key metric as a mean with a
/// Student-t confidence interval, and each SLA objective judged on its interval: pass when the
/// whole interval meets the target, fail when none of it does, inconclusive in between.
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
        /// The value in each replication, in replication order (nil where it had none).
        public var values: [Double?] = []
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
        /// The measured value in each replication, in replication order (nil where nothing was
        /// measured).
        public var values: [Double?] = []
        /// Replications whose value could not be trusted (an unstable run's latency): any makes
        /// the objective fail, as it fails a single run.
        public var untrustedCount = 0
        /// True when the whole confidence interval meets the target (``outcome`` is `.pass`).
        public var passed: Bool { outcome == .pass }
    }

    /// One replication: its seed, its warm-up and whether it met every objective on its own.
    public struct Run: Sendable, Equatable {
        public var seed: UInt64
        public var warmupSeconds: Double
        public var slaPassed: Bool
    }

    public var scenario: String
    /// The first replication's seed.
    public var seed: UInt64
    public var replications: Int
    public var confidence: Double
    public var metrics: [Metric]
    public var verdicts: [Verdict]
    /// Latency percentile distributions with confidence intervals: all requests, then each class.
    public var latencyBands: [LatencyBand] = []
    /// Each replication, in order.
    public var runs: [Run] = []
    /// How the warm-up was found when the scenario set none (nil when it set one).
    public var warmupDetection: WarmupDetection?
    /// What `--precision` asked and achieved (nil without it).
    public var precision: PrecisionOutcome?
    /// Every objective's interval lies on the good side of its target.
    public var passed: Bool { outcome == .pass }
    /// Fail when an objective's interval lies on the bad side, else inconclusive when one
    /// straddles its target, else pass.
    public var outcome: IntervalVerdict { IntervalVerdict.worst(verdicts.map(\.outcome)) }

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
                minimum: interval == nil ? nil : values.compactMap { $0 }.min(), maximum: interval == nil ? nil : values.compactMap { $0 }.max(),
                values: values)
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
            let values = results.map { $0.sla.verdicts[i].measured }
            return Verdict(
                name: v.name, bound: v.bound, target: v.target, unit: v.unit,
                interval: interval(values),
                passedCount: results.filter { $0.sla.verdicts[i].passed }.count, values: values,
                untrustedCount: results.filter { $0.sla.verdicts[i].untrusted != nil }.count)
        }
        latencyBands = Self.latencyBands(results, confidence: confidence)
        runs = results.map { Run(seed: $0.seed, warmupSeconds: $0.warmupSeconds, slaPassed: $0.sla.passed) }
    }
}

import HeadroomModel
import HeadroomScenario

/// What to run for one scenario: its replications, how its warm-up is chosen and whether more
/// replications are added until the intervals are narrow enough.
public struct ReplicationPlan: Sendable {
    /// The scenario, with every override already applied.
    public var scenario: Scenario
    /// The first replication's seed; replication k uses ``Replications/seed(_:replication:)``.
    public var baseSeed: UInt64
    /// Replications to run (at least 1; the first round when `precision` is set).
    public var replications: Int
    /// True when the scenario sets no warm-up: it is then found by MSER-5 on a pilot run.
    public var detectWarmup: Bool
    /// The relative half-width every objective's interval must reach (0.02 for ±2 %), or nil.
    public var precision: Double?
    /// The most replications `precision` may add up to.
    public var maxReplications: Int
    /// Coverage of the confidence intervals.
    public var confidence: Double

    /// A plan of `replications` runs of `scenario` from `baseSeed` (the scenario's own seed when nil).
    public init(
        scenario: Scenario, baseSeed: UInt64? = nil, replications: Int, detectWarmup: Bool = false,
        precision: Double? = nil, maxReplications: Int = 100, confidence: Double = 0.95
    ) {
        precondition(replications >= 1, "a plan runs at least one replication")
        self.scenario = scenario
        self.baseSeed = baseSeed ?? scenario.seed
        self.replications = replications
        self.detectWarmup = detectWarmup
        self.precision = precision
        self.maxReplications = max(maxReplications, replications)
        self.confidence = confidence
    }
}

/// What `--precision` asked for and what the replications achieved.
public struct PrecisionOutcome: Sendable, Equatable {
    /// The relative half-width asked for (0.02 for ±2 %).
    public var target: Double
    /// The cap on replications.
    public var maxReplications: Int
    /// True when every objective's interval is that narrow.
    public var reached: Bool
    /// The objectives whose relative half-width is still wider, with that width (nil: the mean is 0).
    public var wider: [(name: String, relativeHalfWidth: Double?)]

    public static func == (a: PrecisionOutcome, b: PrecisionOutcome) -> Bool {
        a.target == b.target && a.maxReplications == b.maxReplications && a.reached == b.reached
            && a.wider.map(\.name) == b.wider.map(\.name) && a.wider.map(\.relativeHalfWidth) == b.wider.map(\.relativeHalfWidth)
    }

    /// Judges `summary`'s objectives against `target`.
    public init(_ summary: ReplicationSummary, target: Double, maxReplications: Int) {
        self.target = target
        self.maxReplications = maxReplications
        wider = summary.verdicts.compactMap { v in
            guard let width = v.relativeHalfWidth else { return (v.name, nil) }
            return width <= target ? nil : (v.name, width)
        }
        reached = wider.isEmpty
    }

    /// The replications likely needed for every objective to reach `target`, from the widths
    /// now: the half-width shrinks as 1/√n, so n·(width/target)² (at least one more than now).
    static func replicationsNeeded(_ summary: ReplicationSummary, target: Double) -> Int {
        var needed = summary.replications
        for v in summary.verdicts {
            guard let width = v.relativeHalfWidth else { return Int.max }
            if width > target {
                let estimate = (Double(summary.replications) * (width / target) * (width / target)).rounded(.up)
                needed = max(needed, estimate >= Double(Int.max / 2) ? Int.max / 2 : Int(estimate))
            }
        }
        return needed
    }
}

/// What a plan produced.
public struct ReplicationOutcome: Sendable {
    /// The plan as given.
    public var plan: ReplicationPlan
    /// Each finished replication's results, in replication order (replications that did not
    /// finish — after an interruption — are missing, so check ``complete``).
    public var results: [Results]
    /// Replication numbers (0-based) of `results`.
    public var replicationNumbers: [Int]
    /// How the warm-up was found (nil when the scenario set one).
    public var warmup: WarmupDetection?
    /// The replications the plan came to (its count after `precision` added any).
    public var planned: Int
    /// What `precision` achieved (nil without it, or before the plan finished).
    public var precision: PrecisionOutcome?
    /// True when every planned replication finished.
    public var complete: Bool { results.count == planned && failure == nil }
    /// Why the plan could not run (a scenario the model refused), if it could not.
    public var failure: ScenarioError?

    /// The summary of the results (nil with fewer than two), carrying the warm-up and precision findings.
    public var summary: ReplicationSummary? {
        guard results.count >= 2 else { return nil }
        var summary = ReplicationSummary(results, confidence: plan.confidence)
        summary.warmupDetection = warmup
        summary.precision = precision
        return summary
    }
}

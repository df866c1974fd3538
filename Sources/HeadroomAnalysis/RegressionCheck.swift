/// One metric of a candidate compared with its baseline, replication by replication.
///
/// Baseline and candidate ran the same seeds (common random numbers), so the differences
/// D_k = candidate_k − baseline_k cancel the noise both runs share, and their Student-t interval
/// is far narrower than two separate intervals would be. Let W be the *worsening* (D for a
/// metric where higher is worse, −D otherwise) and T = tolerance × |baseline mean|:
///
/// - **regressed** when the whole interval of W lies above T (worse by more than the tolerance,
///   beyond the noise);
/// - **inconclusive** when it straddles T (it may or may not be worse than allowed);
/// - otherwise the change is within tolerance: **improved** when the whole interval is below 0,
///   **worse within tolerance** when it is above 0, and **no significant change** when it holds 0.
public struct MetricComparison: Sendable, Equatable {
    /// The comparison's finding.
    public enum Status: String, Sendable, Equatable {
        case regressed
        case inconclusive
        case worseWithinTolerance = "worse within tolerance"
        case noSignificantChange = "no significant change"
        case improved
    }

    public var metric: RegressionMetric
    /// The tolerance as a fraction of the baseline mean.
    public var tolerance: Double
    public var baselineMean: Double
    public var candidateMean: Double
    /// The interval of candidate − baseline over the paired replications.
    public var difference: ConfidenceInterval
    public var status: Status

    /// Compares paired values (same length, at least 2: replication k of each used the same seed).
    public init(metric: RegressionMetric, tolerance: Double, baseline: [Double], candidate: [Double], confidence: Double = 0.95) {
        precondition(baseline.count == candidate.count && baseline.count >= 2, "a paired comparison needs two or more pairs")
        self.metric = metric
        self.tolerance = tolerance
        baselineMean = baseline.reduce(0, +) / Double(baseline.count)
        candidateMean = candidate.reduce(0, +) / Double(candidate.count)
        difference = ConfidenceInterval(estimates: zip(candidate, baseline).map { $0 - $1 }, confidence: confidence)
        let sign = metric.higherIsWorse ? 1.0 : -1.0
        let worsening = sign * difference.mean
        let low = worsening - difference.halfWidth, high = worsening + difference.halfWidth
        let allowed = tolerance * abs(baselineMean)
        if low > allowed {
            status = .regressed
        } else if high > allowed {
            status = .inconclusive
        } else if high < 0 {
            status = .improved
        } else if low > 0 {
            status = .worseWithinTolerance
        } else {
            status = .noSignificantChange
        }
    }

    /// The change of the mean relative to the baseline mean (nil when that is 0).
    public var relativeChange: Double? { baselineMean != 0 ? difference.mean / abs(baselineMean) : nil }
    /// The half-width relative to the baseline mean (nil when that is 0).
    public var relativeHalfWidth: Double? { baselineMean != 0 ? difference.halfWidth / abs(baselineMean) : nil }
}

/// A candidate scenario's replications compared with its baseline record.
public struct BaselineComparison: Sendable, Equatable {
    /// The record compared with.
    public var entry: Baseline.Entry
    /// Why the baseline may no longer be a fair reference (empty when it is current): e.g. it was
    /// recorded by another Headroom version, whose model may draw or count differently.
    public var staleReasons: [String]
    /// True when the scenario document differs from the one recorded (the change under check).
    public var scenarioChanged: Bool
    /// One comparison per compared metric, in metric order.
    public var comparisons: [MetricComparison]

    /// Compares `candidate` (replications in order from the baseline's seed; at least as many as
    /// recorded) with `entry`, for the metrics `tolerances` names.
    public init(entry: Baseline.Entry, candidate: [Results], scenarioHash: String, tolerances: Tolerances, confidence: Double = 0.95) {
        self.entry = entry
        scenarioChanged = scenarioHash != entry.scenarioHash
        var reasons: [String] = []
        if entry.headroomVersion != HeadroomVersion.current {
            reasons.append("recorded by Headroom \(entry.headroomVersion), checked by \(HeadroomVersion.current)")
        }
        staleReasons = reasons
        let pairs = min(entry.replications, candidate.count)
        comparisons = pairs < 2 ? [] : tolerances.metrics.compactMap { metric in
            guard let recorded = entry.values[metric], let tolerance = tolerances.fractions[metric] else { return nil }
            // A candidate replication without the value (nothing completed) is not compared: its
            // SLA verdict already fails it.
            let values = candidate.prefix(pairs).compactMap { metric.value(in: $0).map(Baseline.quantized) }
            guard values.count == pairs else { return nil }
            return MetricComparison(
                metric: metric, tolerance: tolerance, baseline: Array(recorded.prefix(pairs)), candidate: values, confidence: confidence)
        }
    }

    /// True when the baseline may not be a fair reference.
    public var stale: Bool { !staleReasons.isEmpty }
    /// The metrics that regressed.
    public var regressions: [MetricComparison] { comparisons.filter { $0.status == .regressed } }
    /// The metrics whose comparison could not decide.
    public var inconclusive: [MetricComparison] { comparisons.filter { $0.status == .inconclusive } }
}

/// What `headroom check` found for one scenario file.
public struct ScenarioCheck: Sendable {
    /// The file as given on the command line.
    public var file: String
    /// ``ScenarioFingerprint`` of its document (overrides included).
    public var scenarioHash: String
    /// Its replications, summarised, with every SLA objective's interval verdict.
    public var summary: ReplicationSummary
    /// The comparison with its baseline; nil when checked without one.
    public var baseline: BaselineComparison?

    public init(file: String, scenarioHash: String, summary: ReplicationSummary, baseline: BaselineComparison?) {
        self.file = file
        self.scenarioHash = scenarioHash
        self.summary = summary
        self.baseline = baseline
    }

    /// The overall finding, most severe first: an SLA objective failed, a metric regressed,
    /// something could not be decided, or everything passed.
    public var verdict: CheckVerdict {
        if summary.outcome == .fail { return .slaFailed }
        if let baseline, !baseline.regressions.isEmpty { return .regressed }
        if summary.outcome == .inconclusive || !(baseline?.inconclusive.isEmpty ?? true) { return .inconclusive }
        return .pass
    }
}

/// The finding of a check, ordered by severity.
public enum CheckVerdict: String, Sendable, Comparable, CaseIterable {
    case pass
    case inconclusive
    case regressed
    case slaFailed

    /// `PASS`, `INCONCLUSIVE`, `REGRESSED` or `SLA FAILED`.
    public var word: String {
        switch self {
        case .pass: "PASS"
        case .inconclusive: "INCONCLUSIVE"
        case .regressed: "REGRESSED"
        case .slaFailed: "SLA FAILED"
        }
    }

    public static func < (a: CheckVerdict, b: CheckVerdict) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Everything one `headroom check` found: each scenario's check, and the baseline it used.
public struct CheckRun: Sendable {
    /// One check per scenario file, in the order checked.
    public var scenarios: [ScenarioCheck]
    /// The baseline file compared with or updated (as given); nil without one.
    public var baselineFile: String?
    /// True when this check recorded a new baseline instead of comparing with one.
    public var baselineUpdated: Bool

    public init(scenarios: [ScenarioCheck], baselineFile: String?, baselineUpdated: Bool) {
        self.scenarios = scenarios
        self.baselineFile = baselineFile
        self.baselineUpdated = baselineUpdated
    }

    /// The most severe verdict of all scenarios (pass when there are none).
    public var verdict: CheckVerdict { scenarios.map(\.verdict).max() ?? .pass }
}

import HeadroomEngine

/// A verdict that respects uncertainty: an objective judged by a confidence interval rather
/// than by a point estimate.
public enum IntervalVerdict: String, Sendable, Equatable, Comparable {
    /// The whole interval lies on the good side of the target (the target itself counts as good,
    /// as a single run's verdict does).
    case pass
    /// The interval straddles the target: these replications cannot tell.
    case inconclusive
    /// The whole interval lies on the bad side of the target.
    case fail

    /// Judges `interval` against `target` with `bound` (`max`: at most the target is good).
    public init(_ interval: ConfidenceInterval, bound: SLAReport.Bound, target: Double) {
        let low = interval.mean - interval.halfWidth, high = interval.mean + interval.halfWidth
        switch bound {
        case .max: self = high <= target ? .pass : low > target ? .fail : .inconclusive
        case .min: self = low >= target ? .pass : high < target ? .fail : .inconclusive
        }
    }

    /// Orders verdicts by severity: pass < inconclusive < fail.
    public static func < (a: IntervalVerdict, b: IntervalVerdict) -> Bool { a.severity < b.severity }

    private var severity: Int {
        switch self {
        case .pass: 0
        case .inconclusive: 1
        case .fail: 2
        }
    }

    /// The most severe of `verdicts` (pass when there are none).
    public static func worst<S: Sequence>(_ verdicts: S) -> IntervalVerdict where S.Element == IntervalVerdict {
        verdicts.max() ?? .pass
    }
}

extension ConfidenceInterval {
    /// How many more replications would likely make the interval's half-width smaller than
    /// `distance` (so that it no longer reaches a target that far from the mean), assuming the
    /// mean and the standard deviation stay as they are: the smallest n′ with
    /// t_{1−α/2, n′−1} · s / √n′ < distance, minus the replications so far.
    ///
    /// Nil when no number would do: the mean sits on the target (`distance` 0), or more than a
    /// million replications would be needed. O(log n′) quantile evaluations.
    public func additionalReplications(toResolve distance: Double) -> Int? {
        guard distance > 0, standardDeviation > 0 else { return distance > 0 ? 0 : nil }
        let level = 1 - (1 - confidence) / 2
        func resolves(_ n: Int) -> Bool {
            GSL.studentTQuantile(level, degreesOfFreedom: Double(n - 1)) * standardDeviation / Double(n).squareRoot() < distance
        }
        let limit = 1_000_000
        guard resolves(limit) else { return nil }
        // The half-width shrinks as n grows, so the first n that resolves is found by bisection.
        var low = max(count, 1), high = limit
        if resolves(low) { return 0 }
        while high - low > 1 {
            let mid = (low + high) / 2
            if resolves(mid) { high = mid } else { low = mid }
        }
        return high - count
    }
}

extension ReplicationSummary.Verdict {
    /// The verdict on the interval: pass, fail or inconclusive.
    /// Fail when a replication measured nothing or could not be trusted.
    public var outcome: IntervalVerdict {
        guard let interval, untrustedCount == 0 else { return .fail }
        return IntervalVerdict(interval, bound: bound, target: target)
    }

    /// For an inconclusive verdict, how many more replications would likely decide it (see
    /// ``ConfidenceInterval/additionalReplications(toResolve:)``); nil otherwise, or when none would.
    public var moreReplications: Int? {
        guard outcome == .inconclusive, let interval else { return nil }
        return interval.additionalReplications(toResolve: abs(interval.mean - target))
    }

    /// The half-width relative to the mean (nil when the mean is 0): what `--precision` bounds.
    public var relativeHalfWidth: Double? {
        guard let interval else { return nil }
        guard interval.mean != 0 else { return interval.halfWidth == 0 ? 0 : nil }
        return interval.halfWidth / abs(interval.mean)
    }
}

import HeadroomEngine

/// The MSER-5 truncation rule (White 1997; Franklin and White 2008): where a run's initial
/// transient ends, read from its response-time series.
///
/// The series is cut into batch means Z₁ … Z_m of 5 consecutive observations (more once
/// ``BatchMeans`` has merged them). For each candidate cut d the rule computes the marginal
/// standard error statistic
///
///     S(d) = Σ_{j>d} (Z_j − Z̄_d)² / (m − d)²,   Z̄_d the mean of Z_{d+1} … Z_m,
///
/// and cuts where S is smallest: dropping biased early batches shrinks the squared deviations
/// faster than it shrinks the sample, until only steady-state batches remain. A minimum past
/// half of the data means the transient has not ended within the run (or never ends, as in an
/// overloaded system): the rule then refuses to cut and says the run is too short.
public enum MSER {
    /// The fewest batches the rule is applied to: below this there is no series to read.
    public static let minimumBatches = 20
    /// Cuts leaving fewer than this many batches are not considered: S(d) over the last few
    /// batches rests on almost no data and dips by chance (with k batches left, S(m−k) is
    /// σ²·χ²_{k−1}/k², which falls below the whole series' σ²/m with non-negligible chance for
    /// k ≤ 3 even when nothing is biased).
    public static let minimumTail = 5

    /// What the rule says about one series.
    public struct Cut: Sendable, Equatable {
        /// The number of leading batch means to drop (0: no warm-up needed).
        public var batches: Int
        /// The batches in the series (m).
        public var of: Int
        /// False when the minimum of S lies past half the series, or the series is shorter than
        /// ``MSER/minimumBatches``: the run is too short to say where steady state starts, and `batches` is 0.
        public var decided: Bool
    }

    /// S(d) for d = 0 … m − ``minimumTail`` (empty when m ≤ that), computed from the end with
    /// Welford's update so it stays exact for long series. O(m).
    public static func statistics(_ z: [Double]) -> [Double] {
        let m = z.count
        guard m > minimumTail else { return [] }
        var result = [Double](repeating: 0, count: m - minimumTail + 1)
        var mean = 0.0, squares = 0.0, n = 0.0
        for d in stride(from: m - 1, through: 0, by: -1) {
            n += 1
            let delta = z[d] - mean
            mean += delta / n
            squares += delta * (z[d] - mean)
            if d < result.count { result[d] = squares / (n * n) }
        }
        return result
    }

    /// The MSER cut of the batch means `z`: the d minimizing S(d), the earliest on ties.
    public static func cut(_ z: [Double]) -> Cut {
        guard z.count >= minimumBatches else { return Cut(batches: 0, of: z.count, decided: false) }
        let s = statistics(z)
        var best = 0
        for d in s.indices where s[d] < s[best] { best = d }
        guard best <= z.count / 2 else { return Cut(batches: 0, of: z.count, decided: false) }
        return Cut(batches: best, of: z.count, decided: true)
    }
}

/// How a run's warm-up was found when its scenario sets none: MSER-5 on the overall
/// response-time series of a pilot run without warm-up.
public struct WarmupDetection: Sendable, Equatable {
    /// The rule, "MSER-5".
    public var method: String
    /// Observations (completed requests) in the pilot run's series.
    public var observations: Int
    /// Observations per batch mean the rule read (5, or a power-of-two multiple after merging).
    public var batchSize: Int
    /// Batch means the rule read (m).
    public var batches: Int
    /// Leading batch means dropped (d).
    public var cutBatches: Int
    /// The warm-up chosen, in simulated seconds (0 when no cut was needed or none could be decided).
    public var warmupSeconds: Double
    /// False when the run is too short for the rule: the minimum fell past half the series or the
    /// series was too short. The runs are then measured without warm-up.
    public var decided: Bool

    /// Applies MSER-5 to `series`, a pilot run's response times, and turns the cut into a
    /// warm-up: the time of the last observation of the last dropped batch, rounded up to three
    /// significant digits so reports show a readable number (rounding up only drops a little more).
    public init(series: BatchMeans) {
        let cut = MSER.cut(series.means)
        method = "MSER-5"
        observations = series.count
        batchSize = series.batchSize
        batches = series.means.count
        cutBatches = cut.batches
        decided = cut.decided
        if cut.batches > 0, series.batchEndTimes[cut.batches - 1].isFinite {
            warmupSeconds = Self.roundedUp(series.batchEndTimes[cut.batches - 1])
        } else {
            warmupSeconds = 0
        }
    }

    /// `x` rounded up to three significant digits (37.21 → 37.3, 0.0123 → 0.0123, 1234 → 1240).
    static func roundedUp(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 0 }
        var scale = 1.0
        while x * scale < 100 { scale *= 10 }
        while x * scale >= 1_000 { scale /= 10 }
        let y = x * scale
        // A value already on three digits (37.3 read back as 373.00000000000006) stays itself.
        let nearest = y.rounded()
        return (abs(y - nearest) <= 1e-9 * y ? nearest : y.rounded(.up)) / scale
    }
}

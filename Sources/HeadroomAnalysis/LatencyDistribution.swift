import HeadroomModel

/// Latency of completed requests at a fixed ladder of percentiles, from 0 (the fastest) to 99.99,
/// read from a run's HdrHistogram: the data of a percentile-distribution chart.
///
/// The ladder is the same for every run, so replications can be compared point by point
/// (``ReplicationSummary/latencyBands``). It is denser in the tail, where a chart plots the
/// percentile on a log scale of 1 / (1 − p).
public struct LatencyDistribution: Sendable, Equatable {
    /// One point: the latency at or below which `percentile` % of completed requests finished.
    public struct Point: Sendable, Equatable {
        public var percentile: Double
        public var milliseconds: Double

        public init(percentile: Double, milliseconds: Double) {
            self.percentile = percentile
            self.milliseconds = milliseconds
        }
    }

    /// The percentiles every distribution is read at, ascending.
    public static let percentiles: [Double] = [
        0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92, 94, 95, 96, 97, 98, 99,
        99.2, 99.4, 99.5, 99.6, 99.7, 99.8, 99.9, 99.92, 99.94, 99.95, 99.96, 99.97, 99.98, 99.99,
    ]

    /// One point per entry of ``percentiles``; empty when no request completed.
    public var points: [Point]
    /// Completed requests the histogram holds.
    public var count: Int

    /// A distribution of the given points (for tests and replications).
    public init(points: [Point], count: Int) {
        self.points = points
        self.count = count
    }

    /// No completed request.
    public static let empty = LatencyDistribution(points: [], count: 0)

    /// The distribution of `c`'s completed latencies (3 significant digits, as every percentile
    /// Headroom reports). O(percentiles × histogram buckets).
    public init(_ c: ClassMeasurements) {
        guard c.completed > 0 else {
            self = .empty
            return
        }
        let h = c.latencyNanoseconds
        points = Self.percentiles.map { Point(percentile: $0, milliseconds: Double(h.valueAtPercentile($0)) / 1e6) }
        count = c.completed
    }
}

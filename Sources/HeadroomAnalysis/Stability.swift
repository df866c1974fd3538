import HeadroomModel
import HeadroomScenario

/// Whether a run reached a steady state. When the offered load exceeds what a pool serves, its
/// unbounded queue grows for as long as the run lasts: its latency figures then measure the
/// run's length, not the system, so a report must say so and latency objectives must fail.
///
/// A pool is judged **unstable** when, over the measured window's whole time buckets (at least
/// six), (1) its workers were at least 97 % busy in the last third — the server is saturated, so
/// nothing drains the queue — and (2) its mean queue in the last third exceeds the first
/// third's by at least max(5, 25 %) — the backlog is still growing. A stable queue below 97 %
/// utilization is never flagged, however noisy; a pool on the edge (97–100 % busy with a rising
/// queue) is, because its figures depend on the run's length there too. A run stopped at the
/// in-flight cap is unstable by definition. Rejections by a bounded queue are not instability:
/// they show in availability.
public struct Stability: Sendable, Equatable {
    /// One pool whose backlog grew.
    public struct Growth: Sendable, Equatable {
        public var id: String
        /// Mean queue length in the first and last third of the measured window.
        public var queueFrom: Double
        public var queueTo: Double
        /// The backlog's growth, requests per second (least-squares slope over the window).
        public var growthPerSecond: Double
        /// Worker utilization in the last third.
        public var utilization: Double
    }

    /// Why the run ended early, if it did.
    public struct Stop: Sendable, Equatable {
        /// When, in simulated seconds.
        public var atSeconds: Double
        /// Requests in flight then (the cap).
        public var inFlight: Int
        /// The component holding the most of them.
        public var largestBacklog: String?
    }

    /// Pools whose backlog grew without bound, in declaration order.
    public var growing: [Growth]
    /// Set when the run was stopped at the in-flight cap.
    public var stopped: Stop?
    /// False when the window had too few whole buckets to judge (fewer than six).
    public var judged: Bool

    /// Nothing grew and the run ran to its end.
    public static let stable = Stability(growing: [], stopped: nil, judged: true)

    /// True when the run reached a steady state as far as can be told.
    public var isStable: Bool { growing.isEmpty && stopped == nil }

    /// One sentence naming what is unstable, or nil.
    public var summary: String? {
        if let stopped {
            let at = stopped.largestBacklog.map { ", most of them at \($0)" } ?? ""
            return "stopped at \(Self.seconds(stopped.atSeconds)) with \(stopped.inFlight) requests in flight\(at): the offered load exceeds what the architecture serves"
        }
        guard let worst = growing.max(by: { $0.growthPerSecond < $1.growthPerSecond }) else { return nil }
        let others = growing.count > 1 ? " (and \(growing.count - 1) more)" : ""
        return "\(worst.id)'s queue grew from \(Self.count(worst.queueFrom)) to \(Self.count(worst.queueTo)) (+\(Self.count(worst.growthPerSecond))/s) at \(Self.count(worst.utilization * 100)) % utilization\(others): latency figures depend on the run's length"
    }

    /// Judges the run `m` from its time series.
    public init(_ m: RunMeasurements, series: TimeSeries) {
        stopped = nil
        if case .tooManyInFlight(let at, let inFlight)? = m.stop {
            let largest = m.components.filter { $0.inFlightAtEnd > 0 }.max { $0.inFlightAtEnd < $1.inFlightAtEnd }
            stopped = Stop(atSeconds: at, inFlight: inFlight, largestBacklog: largest?.id)
        }
        let indices = series.measuredIndices
        judged = indices.count >= 6
        growing = []
        guard judged else { return }
        let third = indices.count / 3
        let first = Array(indices.prefix(third)), last = Array(indices.suffix(third))
        func mean(_ values: [Double], _ at: [Int]) -> Double { at.reduce(0) { $0 + values[$1] } / Double(at.count) }
        for (c, component) in m.components.enumerated() where component.unboundedQueue {
            let queue = series.components[c].meanQueueLength
            let utilization = mean(series.components[c].utilization, last)
            let from = mean(queue, first), to = mean(queue, last)
            guard utilization >= 0.97, to - from >= max(5, 0.25 * to) else { continue }
            growing.append(Growth(
                id: component.id, queueFrom: from, queueTo: to,
                growthPerSecond: Self.slope(indices.map { (series.buckets[$0].startSeconds, queue[$0]) }), utilization: utilization))
        }
    }

    init(growing: [Growth], stopped: Stop?, judged: Bool) {
        self.growing = growing
        self.stopped = stopped
        self.judged = judged
    }

    /// The least-squares slope of y on x.
    static func slope(_ points: [(Double, Double)]) -> Double {
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
        let sxy = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        return sxx > 0 ? sxy / sxx : 0
    }

    static func count(_ x: Double) -> String { x >= 100 ? String(Int(x.rounded())) : String(format: "%.1f", x) }
    static func seconds(_ x: Double) -> String { x >= 120 ? String(format: "%.1f min", x / 60) : String(format: "%.1f s", x) }
}

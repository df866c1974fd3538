import Foundation

/// Maps data values to pixels and chooses tick marks a reader can take in at a glance.
struct ChartScale {
    /// How data values map onto the axis.
    enum Kind {
        /// Proportional.
        case linear
        /// Percentiles on a log scale of 1 / (1 − p): 0, 90, 99, 99.9, 99.99 % equally spaced,
        /// as HdrHistogram's percentile plots draw the tail.
        case percentile
    }

    var kind: Kind
    /// The data values at the two ends of the axis.
    var domain: (low: Double, high: Double)
    /// The pixels of those ends.
    var range: (low: Double, high: Double)

    /// The pixel of `value` (clamped to the axis).
    func callAsFunction(_ value: Double) -> Double {
        let (a, b) = (transform(domain.low), transform(domain.high))
        let t = b > a ? (transform(value) - a) / (b - a) : 0
        return range.low + min(max(t, 0), 1) * (range.high - range.low)
    }

    private func transform(_ value: Double) -> Double {
        switch kind {
        case .linear: value
        case .percentile: Self.tailPosition(value)
        }
    }

    /// log₁₀(1 / (1 − p/100)): 0 at the 0th percentile, 1 at the 90th, 4 at the 99.99th.
    static func tailPosition(_ percentile: Double) -> Double { log10(100 / max(100 - percentile, 1e-6)) }

    /// Evenly spaced round ticks from 0 up to the first at or above `maximum`: the smallest step
    /// of 1, 2, 2.5 or 5 times a power of ten that needs at most `intervals` intervals. The last
    /// tick is the axis's top. Ticks are computed as whole multiples, so 0.6 is 0.6, not 0.6000000000000001.
    static func niceTicks(upTo maximum: Double, intervals: Int = 5) -> [Double] {
        guard maximum.isFinite, maximum > 0 else { return [0, 1] }
        let exponent = Int(floor(log10(maximum / Double(intervals))))
        for e in exponent...(exponent + 1) {
            for multiple in [1.0, 2, 2.5, 5] {
                // step = multiple × 10^e, as a ratio of whole numbers.
                let (numerator, denominator) = e >= 0 ? (multiple * pow(10, Double(e)), 1.0) : (multiple, pow(10, Double(-e)))
                let n = Int((maximum * denominator / numerator * (1 - 1e-12)).rounded(.up))
                if n <= intervals { return (0...max(n, 1)).map { Double($0) * numerator / denominator } }
            }
        }
        return [0, maximum]
    }

    /// Round ticks for a span of simulated seconds: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min,
    /// 1, 2, 3, 6, 12 h, days; at most about `count` intervals.
    static func timeTicks(from start: Double, to end: Double, count: Int = 8) -> [Double] {
        let span = end - start
        guard span.isFinite, span > 0 else { return [start] }
        let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400]
        let step = steps.first { span / $0 <= Double(count) } ?? (span / Double(count) / 86_400).rounded(.up) * 86_400
        let first = (start / step).rounded(.up) * step
        return stride(from: first, through: end + step * 1e-9, by: step).map { $0 }
    }

    /// The percentile ticks of a tail axis, with their labels.
    static let percentileTicks: [(percentile: Double, label: String)] = [
        (0, "0"), (50, "50"), (90, "90"), (99, "99"), (99.9, "99.9"), (99.99, "99.99"),
    ]
}

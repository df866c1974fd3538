/// A small, fast histogram of positive durations for per-bucket percentiles: 2 significant
/// digits (relative error below 1/128 < 0.8 %), for time-series charts, where the run-wide
/// figures come from HdrHistogram.
///
/// A value's bin is read straight from its IEEE-754 bits — the exponent and the top 7 bits of
/// the mantissa — so recording is a shift, a subtraction and an increment, with no division,
/// no logarithm and no copy-on-write check. Values from 2⁻³⁰ s (≈ 1 ns) to 2³³ s (≈ 270 years)
/// are binned; smaller ones count in the first bin, larger ones in the last.
///
/// Complexity: `record` O(1); `valueAtPercentile` and `reset` O(bins) = O(8,192).
public struct BucketHistogram: ~Copyable {
    @usableFromInline static let mantissaBits = 7
    static let lowestExponent = -30
    static let exponents = 64
    @usableFromInline static let binCount = exponents << mantissaBits
    /// The biased exponent field of 2^lowestExponent, shifted down with the mantissa bits kept.
    @usableFromInline static let firstKey = (1023 + lowestExponent) << mantissaBits

    @usableFromInline var counts: Table<UInt32>
    /// Values recorded since the last reset.
    @usableFromInline var storedCount = 0
    public var count: Int { storedCount }

    /// An empty histogram.
    public init() { counts = Table(repeating: 0, count: Self.binCount) }

    /// Records `seconds` (> 0).
    @inlinable
    public mutating func record(_ seconds: Double) {
        let key = Int(truncatingIfNeeded: seconds.bitPattern >> UInt64(52 - Self.mantissaBits)) - Self.firstKey
        let bin = key < 0 ? 0 : (key >= Self.binCount ? Self.binCount - 1 : key)
        counts[bin] &+= 1
        storedCount &+= 1
    }

    /// The smallest bin midpoint at or below which `percentile` % of the values lie; 0 when empty.
    public func valueAtPercentile(_ percentile: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((percentile / 100 * Double(count)).rounded(.up)))
        var seen = 0
        for bin in counts.indices {
            seen += Int(counts[bin])
            if seen >= rank { return Self.midpoint(of: bin) }
        }
        return Self.midpoint(of: Self.binCount - 1)
    }

    /// Forgets every value.
    public mutating func reset() {
        guard count > 0 else { return }
        for bin in counts.indices { counts[bin] = 0 }
        storedCount = 0
    }

    /// The middle of a bin's range, as a value.
    static func midpoint(of bin: Int) -> Double {
        let low = Double(bitPattern: UInt64(bin + firstKey) << UInt64(52 - mantissaBits))
        let high = Double(bitPattern: UInt64(bin + 1 + firstKey) << UInt64(52 - mantissaBits))
        return (low + high) / 2
    }
}

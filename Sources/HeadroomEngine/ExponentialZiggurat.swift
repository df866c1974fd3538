import Foundation

/// The tables of the ziggurat method for the standard exponential distribution (G. Marsaglia and
/// W. W. Tsang, "The Ziggurat Method for Generating Random Variables", Journal of Statistical
/// Software 5(8), 2000), in the layout of J. A. Doornik's ZIGNOR and of Rust's `rand_distr`: 256
/// layers of equal area `v` under e^(−x), the base layer holding the tail beyond `r`.
///
/// `x[0] = v / e^(−r)`, `x[1] = r`, `x[i] = −log(v / x[i−1] + e^(−x[i−1]))` for 2 ≤ i < 256,
/// `x[256] = 0`, and `f[i] = e^(−x[i])`. A draw picks layer i uniformly and a point `u·x[i]` in it:
/// about 97.8 % of draws fall inside the rectangle under the curve (`u·x[i] < x[i+1]`) and cost a
/// multiplication and a comparison; the rest test the wedge against e^(−x), or (layer 0) draw from
/// the tail as `r − log U`, which is exact by memorylessness.
///
/// The tables are computed once, at first use, never written again, and live for the whole
/// process (4 KiB): hence `nonisolated(unsafe)`.
@usableFromInline
enum ExponentialZiggurat {
    /// The right edge of the base rectangle.
    @usableFromInline static let r = 7.697_117_470_131_049_72
    /// The area of each layer.
    static let v = 0.003_949_659_822_581_557_199_3
    /// `x[0…256]` followed by `f[0…256]`.
    @usableFromInline nonisolated(unsafe) static let tables: UnsafePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 2 * 257)
        var x = [Double](repeating: 0, count: 257)
        x[0] = v / Foundation.exp(-r)
        x[1] = r
        for i in 2..<256 { x[i] = -Foundation.log(v / x[i - 1] + Foundation.exp(-x[i - 1])) }
        x[256] = 0
        precondition(x[255] > 0 && x[255] < x[254], "the exponential ziggurat's top layer did not close")
        for i in 0...256 {
            table[i] = x[i]
            table[257 + i] = Foundation.exp(-x[i])
        }
        return UnsafePointer(table)
    }()
}

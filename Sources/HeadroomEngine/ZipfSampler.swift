import Foundation

/// Draws ranks from a Zipf distribution over 1…n: P(k) ∝ 1/k^s, in O(1) time and O(1) memory
/// whatever n is, by rejection-inversion (W. Hörmann and G. Derflinger, "Rejection-inversion to
/// generate variates from monotone discrete distributions", ACM TOMACS 6(3), 1996 — the method
/// of Apache Commons RNG's `RejectionInversionZipfSampler`). Exact, not an approximation; the
/// expected number of uniform draws per rank is below 1.1 for every s ≥ 0.
public struct ZipfSampler: Sendable, Equatable {
    /// Number of ranks.
    public let count: Int
    /// The exponent s (0: uniform).
    public let exponent: Double
    private let hIntegralX1: Double
    private let hIntegralN: Double
    private let threshold: Double

    /// A sampler over ranks 1…`count` with exponent `exponent` ≥ 0.
    public init(count: Int, exponent: Double) {
        precondition(count >= 1 && exponent >= 0 && exponent.isFinite, "Zipf needs count >= 1 and a finite exponent >= 0")
        self.count = count
        self.exponent = exponent
        hIntegralX1 = Self.hIntegral(1.5, exponent) - 1
        hIntegralN = Self.hIntegral(Double(count) + 0.5, exponent)
        threshold = 2 - Self.hIntegralInverse(Self.hIntegral(2.5, exponent) - Self.h(2, exponent), exponent)
    }

    /// One rank in 1…count.
    public func sample(_ generator: RandomGenerator) -> Int {
        let s = exponent
        while true {
            let u = hIntegralN + generator.uniform() * (hIntegralX1 - hIntegralN)
            let x = Self.hIntegralInverse(u, s)
            var k = Int((x + 0.5).rounded(.down))
            if k < 1 { k = 1 } else if k > count { k = count }
            if Double(k) - x <= threshold || u >= Self.hIntegral(Double(k) + 0.5, s) - Self.h(Double(k), s) {
                return k
            }
        }
    }

    /// The exact probability of rank `k`: (1/k^s) / H(n, s). O(n) for the normaliser; for tests
    /// and the analytic formulas, not for sampling.
    public func probability(ofRank k: Int) -> Double {
        var harmonic = 0.0
        for i in 1...count { harmonic += Foundation.pow(Double(i), -exponent) }
        return Foundation.pow(Double(k), -exponent) / harmonic
    }

    private static func h(_ x: Double, _ s: Double) -> Double { Foundation.exp(-s * Foundation.log(x)) }

    /// H(x) = ∫ h: (x^(1−s) − 1)/(1 − s), written with expm1 so that s → 1 stays exact (log x).
    private static func hIntegral(_ x: Double, _ s: Double) -> Double {
        let logX = Foundation.log(x)
        return helper2((1 - s) * logX) * logX
    }

    private static func hIntegralInverse(_ x: Double, _ s: Double) -> Double {
        var t = x * (1 - s)
        if t < -1 { t = -1 }  // a rounding guard: the exact value is never below −1
        return Foundation.exp(helper1(t) * x)
    }

    /// log(1 + x)/x, with its series near 0.
    private static func helper1(_ x: Double) -> Double {
        abs(x) > 1e-8 ? Foundation.log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x))
    }

    /// (exp(x) − 1)/x, with its series near 0.
    private static func helper2(_ x: Double) -> Double {
        abs(x) > 1e-8 ? Foundation.expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x))
    }
}

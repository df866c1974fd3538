import CGSL
import Foundation
import Testing
@testable import HeadroomEngine

@Suite("The inlined taus2 step and the ziggurat exponential")
struct GeneratorTests {
    /// A GSL taus2 generator seeded with `seed`, and a second one in the same state.
    func pair(seed: UInt) -> (gsl: UnsafeMutablePointer<gsl_rng>, copy: UnsafeMutablePointer<gsl_rng>) {
        GSL.configure()
        let a = gsl_rng_alloc(cgsl_rng_taus2())!
        gsl_rng_set(a, seed)
        return (a, gsl_rng_clone(a)!)
    }

    @Test("bits32, uniform and index(below:) draw exactly what GSL's taus2 draws", arguments: [1, 42, 0x5eed, 4_294_967_295] as [UInt])
    func sameAsGSL(seed: UInt) {
        let (gsl, copy) = pair(seed: seed)
        defer { gsl_rng_free(gsl); gsl_rng_free(copy) }
        let inlined = RandomGenerator(pointer: copy)
        for i in 0..<100_000 {
            let expected = UInt32(truncatingIfNeeded: gsl_rng_get(gsl)), drawn = inlined.bits32()
            guard expected == drawn else {
                Issue.record("seed \(seed), draw \(i): bits \(drawn) vs GSL's \(expected)")
                return
            }
        }
        for i in 0..<100_000 {
            let expected = gsl_rng_uniform_pos(gsl), drawn = inlined.uniform()
            guard expected == drawn else {
                Issue.record("seed \(seed), draw \(i): uniform \(drawn) vs GSL's \(expected)")
                return
            }
        }
        for n in [1, 2, 3, 7, 1_000, 1 << 31 + 1, Int(UInt32.max)] {
            for i in 0..<10_000 {
                let expected = Int(gsl_rng_uniform_int(gsl, UInt(n))), drawn = inlined.index(below: n)
                guard expected == drawn else {
                    Issue.record("seed \(seed), n \(n), draw \(i): index \(drawn) vs GSL's \(expected)")
                    return
                }
            }
        }
        // GSL's own samplers read and advance the same state: the two interleave as one stream.
        #expect(gsl_ran_gaussian(gsl, 1) == gsl_ran_gaussian(copy, 1))
        #expect(gsl_rng_get(gsl) == UInt(inlined.bits32()))
    }

    /// The Kolmogorov–Smirnov distance between `sorted` and the exponential CDF with mean `mean`.
    func ksDistance(_ sorted: [Double], mean: Double) -> Double {
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = -Foundation.expm1(-x / mean)
            d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
        }
        return d
    }

    @Test("ziggurat exponentials follow 1 − e^(−x/mean): Kolmogorov–Smirnov, tail mass, mean and variance", arguments: [1.0, 0.003])
    func zigguratExponential(mean: Double) {
        let streams = RandomStreams(seed: 77)
        defer { withExtendedLifetime(streams) {} }
        let generator = streams.generator(named: "exp")
        let n = 1_000_000
        var draws = (0..<n).map { _ in generator.exponential(mean: mean) }
        draws.sort()
        #expect(draws[0] >= 0)
        // √n·D exceeds 1.95 with probability 0.001 under the hypothesis (Kolmogorov's distribution).
        let d = ksDistance(draws, mean: mean)
        #expect(d * Double(n).squareRoot() < 1.95, "mean \(mean): KS distance \(d)")
        // The tail beyond the base rectangle (drawn as r − log U) and the far tail: binomial counts
        // within 5 standard deviations of n·e^(−x/mean).
        for x in [ExponentialZiggurat.r, 10.0] {
            let p = Foundation.exp(-x)
            let count = n - (draws.firstIndex { $0 > x * mean } ?? n)
            let sd = (Double(n) * p * (1 - p)).squareRoot()
            #expect(abs(Double(count) - Double(n) * p) <= 5 * sd, "mean \(mean): \(count) draws beyond \(x)·mean vs \(Double(n) * p)")
        }
        // Sample mean and variance within 5 standard errors (Var X = mean², Var X² = 20 mean⁴).
        let m = draws.reduce(0, +) / Double(n)
        #expect(abs(m - mean) <= 5 * mean / Double(n).squareRoot(), "mean \(m) vs \(mean)")
        let second = draws.reduce(0) { $0 + $1 * $1 } / Double(n)
        #expect(abs(second - 2 * mean * mean) <= 5 * (20.0 / Double(n)).squareRoot() * mean * mean, "E[X²] \(second) vs \(2 * mean * mean)")
    }

    @Test("the ziggurat tables close: 256 layers from r down to 0, each of area v")
    func zigguratTables() {
        let t = ExponentialZiggurat.tables
        #expect(t[1] == ExponentialZiggurat.r && t[256] == 0)
        for i in 1..<256 {
            #expect(t[i + 1] < t[i], "layer \(i)")
            // Layer i spans x[i] in width and [f(x[i]), f(x[i+1])] in height: area v, the top one
            // (up to f(0) = 1) included, which is what closing means.
            let area = t[i] * (t[257 + i + 1] - t[257 + i])
            #expect(abs(area - ExponentialZiggurat.v) < 1e-12, "layer \(i): area \(area)")
        }
    }
}

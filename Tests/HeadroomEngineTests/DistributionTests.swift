import Foundation
import Testing
import HeadroomEngine

@Suite("Distributions")
struct DistributionTests {
    static let n = 200_000

    /// Sample mean and variance of `n` draws.
    func moments(_ d: Distribution, seed: UInt64 = 11) -> (mean: Double, variance: Double, min: Double) {
        let stream = RandomStreams(seed: seed).stream(named: "test")
        var sum = 0.0, sumSq = 0.0, low = Double.infinity
        for _ in 0..<Self.n {
            let x = d.sample(stream)
            sum += x
            sumSq += x * x
            low = min(low, x)
        }
        let mean = sum / Double(Self.n)
        return (mean, sumSq / Double(Self.n) - mean * mean, low)
    }

    static let cases: [(String, Distribution)] = [
        ("constant", .constant(0.02)),
        ("exponential", .exponential(mean: 0.02)),
        ("uniform", .uniform(min: 0.01, max: 0.03)),
        ("normal truncated (mean 4 sd)", .truncatedNormal(mean: 0.02, stddev: 0.005)),
        ("normal truncated hard (mean 0.5 sd)", .truncatedNormal(mean: 0.005, stddev: 0.01)),
        ("lognormal mean/cv", .lognormal(mean: 0.02, cv: 0.8)),
        ("gamma", .gamma(shape: 2.5, mean: 0.02)),
        ("erlang-3", .erlang(k: 3, mean: 0.03)),
        ("weibull", .weibull(shape: 1.5, scale: 0.02)),
        ("pareto shape 4.5", .pareto(shape: 4.5, scale: 0.01)),
        ("empirical samples", .empirical(EmpiricalTable(samples: [0.001, 0.002, 0.01, 0.05]))),
        ("empirical histogram", .empirical(EmpiricalTable(upperEdges: [0.005, 0.01, 0.1], weights: [5, 3, 2]))),
    ]

    // Tolerance: the sample mean of n draws has standard error σ/√n; we accept 5 standard errors
    // (a false alarm chance below 1e-6 per case if the draws are right), plus 1e-12 relative for
    // the rounding of summing n doubles (it decides the constant case). For Pareto with α = 4.5
    // the variance is finite, so the same bound holds.
    @Test("sample means match the analytic mean within 5 standard errors", arguments: cases)
    func meanMatches(_ name: String, _ d: Distribution) {
        let m = moments(d)
        let standardError = (d.variance / Double(Self.n)).squareRoot()
        #expect(abs(m.mean - d.mean) <= 5 * standardError + 1e-12 * d.mean, "\(name): sample \(m.mean) vs \(d.mean)")
        #expect(m.min >= 0, "\(name) drew a negative duration")
    }

    // The sample variance's standard error is about σ²·√((κ − 1)/n) with κ the kurtosis; the
    // cases here have κ < 10 except lognormal cv 0.8 (κ ≈ 15) and Pareto 4.5 (κ infinite: skipped),
    // so a 15 % relative tolerance is over 5 standard errors for n = 200,000 draws.
    @Test("sample variances match the analytic variance", arguments: cases.filter { !$0.0.hasPrefix("pareto") })
    func varianceMatches(_ name: String, _ d: Distribution) {
        let m = moments(d, seed: 12)
        #expect(abs(m.variance - d.variance) <= 0.15 * d.variance + 1e-12, "\(name): sample \(m.variance) vs \(d.variance)")
    }

    @Test("lognormal from median and p99 has that median and p99")
    func lognormalPercentiles() {
        let d = Distribution.lognormal(median: 0.015, p99: 0.12)
        let stream = RandomStreams(seed: 5).stream(named: "ln")
        var xs = (0..<Self.n).map { _ in d.sample(stream) }
        xs.sort()
        // The sample p-quantile's standard error is √(p(1−p)/n)/f(x_p); at p = 0.99, n = 2·10⁵ the
        // relative error is about 1.5 %, so 6 % is a 4-sigma bound; the median is tighter.
        #expect(abs(xs[Self.n / 2] / 0.015 - 1) < 0.02)
        #expect(abs(xs[Int(0.99 * Double(Self.n))] / 0.12 - 1) < 0.06)
    }

    @Test("closed forms: squared coefficient of variation")
    func scv() {
        #expect(Distribution.exponential(mean: 3).squaredCV == 1)
        #expect(Distribution.constant(3).squaredCV == 0)
        #expect(abs(Distribution.erlang(k: 4, mean: 1).squaredCV - 0.25) < 1e-12)
        #expect(abs(Distribution.lognormal(mean: 1, cv: 2).squaredCV - 4) < 1e-9)
        #expect(Distribution.pareto(shape: 1.5, scale: 1).variance == .infinity)
    }
}

import CGSL

/// A sampler for non-negative random durations, in seconds, backed by GSL.
///
/// An enum rather than a protocol, so that sampling is a switch on a value: no existential
/// boxes or dynamic dispatch on the hot path. Parameters are stored in the form GSL samples
/// from; the factory functions accept the forms people quote (mean and cv, median and p99).
public enum Distribution: Sendable, Equatable {
    /// Always `value`.
    case constant(Double)
    /// Exponential with mean `mean`.
    case exponential(mean: Double)
    /// Uniform on [min, max].
    case uniform(min: Double, max: Double)
    /// Normal(mean, stddev) conditioned on being ≥ 0 (exact, via GSL's Gaussian tail sampler).
    case truncatedNormal(mean: Double, stddev: Double)
    /// exp(Normal(mu, sigma)).
    case lognormal(mu: Double, sigma: Double)
    /// Gamma with shape k and scale θ (mean kθ); Erlang-k when k is a whole number.
    case gamma(shape: Double, scale: Double)
    /// Weibull with shape k and scale λ.
    case weibull(shape: Double, scale: Double)
    /// Pareto type I with shape α and scale (minimum) x_m.
    case pareto(shape: Double, scale: Double)
    /// An empirical distribution (measured samples or a histogram).
    case empirical(EmpiricalTable)

    /// Lognormal with the given mean and coefficient of variation:
    /// σ² = ln(1 + cv²), μ = ln(mean) − σ²/2.
    public static func lognormal(mean: Double, cv: Double) -> Distribution {
        let sigma2 = (1 + cv * cv).logValue
        return .lognormal(mu: mean.logValue - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// Lognormal with the given median and 99th percentile: μ = ln(median), σ = ln(p99/median)/z₀.₉₉.
    public static func lognormal(median: Double, p99: Double) -> Distribution {
        let z99 = GSL.normalQuantile(0.99)
        return .lognormal(mu: median.logValue, sigma: (p99 / median).logValue / z99)
    }

    /// Gamma with the given shape and mean.
    public static func gamma(shape: Double, mean: Double) -> Distribution {
        .gamma(shape: shape, scale: mean / shape)
    }

    /// Erlang-k (sum of k exponential phases) with the given overall mean.
    public static func erlang(k: Int, mean: Double) -> Distribution {
        .gamma(shape: Double(k), scale: mean / Double(k))
    }

    /// One draw, in seconds.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double { sample(stream.generator) }

    /// One draw, in seconds, from a bare generator.
    @inlinable
    public func sample(_ generator: RandomGenerator) -> Double {
        let r = generator.pointer
        switch self {
        case .constant(let value): return value
        case .exponential(let mean): return generator.exponential(mean: mean)
        case .uniform(let lo, let hi): return gsl_ran_flat(r, lo, hi)
        case .truncatedNormal(let mean, let sd):
            return sd == 0 ? Swift.max(mean, 0) : mean + gsl_ran_gaussian_tail(r, -mean, sd)
        case .lognormal(let mu, let sigma): return gsl_ran_lognormal(r, mu, sigma)
        case .gamma(let shape, let scale): return gsl_ran_gamma(r, shape, scale)
        // GSL's Weibull takes (scale, shape); Pareto takes (shape, scale).
        case .weibull(let shape, let scale): return gsl_ran_weibull(r, scale, shape)
        case .pareto(let shape, let scale): return gsl_ran_pareto(r, shape, scale)
        case .empirical(let table): return table.sample(generator)
        }
    }

    /// The mean, in seconds.
    public var mean: Double {
        switch self {
        case .constant(let value): return value
        case .exponential(let mean): return mean
        case .uniform(let lo, let hi): return (lo + hi) / 2
        case .truncatedNormal(let mean, let sd):
            guard sd > 0 else { return Swift.max(mean, 0) }
            let alpha = -mean / sd
            return mean + sd * GSL.normalDensity(alpha) / GSL.normalUpperTail(alpha)
        case .lognormal(let mu, let sigma): return (mu + sigma * sigma / 2).expValue
        case .gamma(let shape, let scale): return shape * scale
        case .weibull(let shape, let scale): return scale * GSL.gammaFunction(1 + 1 / shape)
        case .pareto(let shape, let scale): return shape > 1 ? shape * scale / (shape - 1) : .infinity
        case .empirical(let table): return table.mean
        }
    }

    /// The variance, in seconds² (infinite for heavy Pareto tails).
    public var variance: Double {
        switch self {
        case .constant: return 0
        case .exponential(let mean): return mean * mean
        case .uniform(let lo, let hi): return (hi - lo) * (hi - lo) / 12
        case .truncatedNormal(let mean, let sd):
            guard sd > 0 else { return 0 }
            let alpha = -mean / sd
            let lambda = GSL.normalDensity(alpha) / GSL.normalUpperTail(alpha)
            return sd * sd * (1 + alpha * lambda - lambda * lambda)
        case .lognormal(let mu, let sigma):
            let s2 = sigma * sigma
            return (s2.expValue - 1) * (2 * mu + s2).expValue
        case .gamma(let shape, let scale): return shape * scale * scale
        case .weibull(let shape, let scale):
            let g1 = GSL.gammaFunction(1 + 1 / shape), g2 = GSL.gammaFunction(1 + 2 / shape)
            return scale * scale * (g2 - g1 * g1)
        case .pareto(let shape, let scale):
            return shape > 2 ? scale * scale * shape / ((shape - 1) * (shape - 1) * (shape - 2)) : .infinity
        case .empirical(let table): return table.variance
        }
    }

    /// The squared coefficient of variation, variance / mean² (1 for exponential, 0 for constant).
    public var squaredCV: Double { mean > 0 ? variance / (mean * mean) : 0 }
}

/// An empirical distribution as a cumulative table: either equally likely point values, or
/// histogram bins sampled uniformly within a bin.
public struct EmpiricalTable: Sendable, Equatable {
    /// Point values (samples mode) or bin upper edges (histogram mode), ascending in histogram mode.
    public let values: [Double]
    /// Cumulative probabilities, one per value, ending at 1.
    public let cumulative: [Double]
    /// True when `values` are histogram bin edges (uniform within each bin, the first from 0).
    public let isHistogram: Bool

    /// Equally likely measured samples.
    public init(samples: [Double]) {
        precondition(!samples.isEmpty, "an empirical distribution needs samples")
        values = samples
        cumulative = samples.indices.map { Double($0 + 1) / Double(samples.count) }
        isHistogram = false
    }

    /// Histogram bins: `upperEdges` ascending, `weights` ≥ 0 with a positive sum.
    public init(upperEdges: [Double], weights: [Double]) {
        precondition(upperEdges.count == weights.count && !weights.isEmpty, "bins and weights differ")
        let total = weights.reduce(0, +)
        precondition(total > 0, "histogram weights sum to zero")
        var running = 0.0
        values = upperEdges
        cumulative = weights.map { running += $0; return running / total }
        isHistogram = true
    }

    /// One draw: O(1) in samples mode, O(log bins) in histogram mode.
    @inlinable
    public func sample(_ generator: RandomGenerator) -> Double {
        if !isHistogram { return values[generator.index(below: values.count)] }
        let u = generator.uniform()
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        let lower = lo == 0 ? 0 : values[lo - 1]
        let pLower = lo == 0 ? 0 : cumulative[lo - 1]
        let width = cumulative[lo] - pLower
        let fraction = width > 0 ? (u - pLower) / width : 0.5
        return lower + fraction * (values[lo] - lower)
    }

    /// Probability of each value or bin.
    var probabilities: [Double] { cumulative.indices.map { cumulative[$0] - ($0 == 0 ? 0 : cumulative[$0 - 1]) } }

    /// The exact mean.
    public var mean: Double {
        let p = probabilities
        if !isHistogram { return zip(values, p).reduce(0) { $0 + $1.0 * $1.1 } }
        return values.indices.reduce(0) { sum, i in sum + p[i] * ((i == 0 ? 0 : values[i - 1]) + values[i]) / 2 }
    }

    /// The exact variance.
    public var variance: Double {
        let p = probabilities, m = mean
        if !isHistogram { return zip(values, p).reduce(0) { $0 + $1.1 * ($1.0 - m) * ($1.0 - m) } }
        let second = values.indices.reduce(0.0) { sum, i in
            let a = i == 0 ? 0 : values[i - 1], b = values[i]
            return sum + p[i] * (a * a + a * b + b * b) / 3
        }
        return second - m * m
    }
}

extension Double {
    @usableFromInline var logValue: Double { Foundation.log(self) }
    @usableFromInline var expValue: Double { Foundation.exp(self) }
}

import Foundation

import Foundation

extension Validation {
    /// Checks a distribution's parameters, then — when they are each fine — that together they
    /// make a distribution the simulation can draw from: a finite mean, and draws that cannot
    /// overflow to infinity. `path` is where the distribution is; a constant is
    /// checked at `path` itself, because the canonical JSON writes it as a plain duration string.
    mutating func check(_ spec: DistributionSpec, at path: JSONPath) {
        let before = diagnostics.count
        checkParameters(spec, at: path)
        if diagnostics.count == before { checkDraws(spec, at: path) }
    }

    /// Each parameter in its own range.
    private mutating func checkParameters(_ spec: DistributionSpec, at path: JSONPath) {
        switch spec {
        case .constant(let value):
            check(value, at: path, positive: false)
        case .exponential(let mean):
            check(mean, at: path.key("mean"), positive: true)
        case .uniform(let lo, let hi):
            if check(lo, at: path.key("min"), positive: false), hi.seconds.isFinite, hi < lo {
                report(path.key("max"), "found \(Wording.duration(hi)); expected a duration >= min (\(Wording.duration(lo)))")
            } else if !hi.seconds.isFinite {
                check(hi, at: path.key("max"), positive: false)
            }
        case .normal(let mean, let stddev):
            check(mean, at: path.key("mean"), positive: true)
            check(stddev, at: path.key("stddev"), positive: false)
        case .lognormal(let mean, let cv):
            check(mean, at: path.key("mean"), positive: true)
            check(cv, at: path.key("cv"), greaterThan: 0, expected: "a number > 0")
        case .lognormalPercentiles(let median, let p99):
            if check(median, at: path.key("median"), positive: true), !(p99.seconds.isFinite && p99 > median) {
                report(path.key("p99"), "found \(Wording.duration(p99)); expected a duration > median (\(Wording.duration(median)))")
            }
        case .gamma(let shape, let mean):
            check(shape, at: path.key("shape"), greaterThan: 0, expected: "a number > 0")
            check(mean, at: path.key("mean"), positive: true)
        case .erlang(let k, let mean):
            if k < 1 { report(path.key("k"), "found \(k); expected an integer >= 1") }
            check(mean, at: path.key("mean"), positive: true)
        case .weibull(let shape, let scale):
            check(shape, at: path.key("shape"), greaterThan: 0, expected: "a number > 0")
            check(scale, at: path.key("scale"), positive: true)
        case .pareto(let shape, let scale):
            check(shape, at: path.key("shape"), greaterThan: 1,
                  expected: "a number > 1 (with a shape of 1 or less the mean is infinite)")
            check(scale, at: path.key("scale"), positive: true)
        case .empiricalSamples(let samples):
            let samplesPath = path.key("samples")
            if samples.isEmpty { report(samplesPath, "found an empty array; expected at least one sample") }
            for (i, sample) in samples.enumerated() { check(sample, at: samplesPath.index(i), positive: false) }
        case .empiricalHistogram(let bins):
            checkHistogram(bins, at: path.key("histogram"))
        }
    }

    /// Parameters that are each in range can still make a distribution with an infinite mean
    /// (Weibull shape 1e-6: Γ(1 + 10⁶) overflows), a variance that overflows (lognormal cv 1e308:
    /// cv² is infinite, and every draw is NaN), or draws that overflow to infinity — an event at
    /// an infinite time stops the simulation. The simulation trusts what passes here, so these
    /// are refused with the reason.
    private mutating func checkDraws(_ spec: DistributionSpec, at path: JSONPath) {
        let draws = DrawBounds(spec)
        if let (key, reason) = draws.infinity {
            report(key.map { path.key($0) } ?? path, reason)
        } else if !draws.largest.isFinite {
            report(path, "found \(DrawBounds.phrase(spec)) whose draws overflow (\(draws.largestMeaning) is infinite); expected parameters that keep every draw finite")
        }
    }

    private mutating func checkHistogram(_ bins: [DistributionSpec.HistogramBin], at path: JSONPath) {
        if bins.isEmpty {
            report(path, "found an empty array; expected at least one bin")
            return
        }
        var previous: TimeSpan?
        var total = 0.0
        var weightsValid = true
        for (i, bin) in bins.enumerated() {
            let binPath = path.index(i)
            if let previous, previous.seconds.isFinite, previous.seconds > 0 {
                if !(bin.upTo.seconds.isFinite && bin.upTo > previous) {
                    report(
                        binPath.key("upTo"),
                        "found \(Wording.duration(bin.upTo)); expected a duration > the previous bin's upTo (\(Wording.duration(previous)))")
                }
            } else if previous == nil {
                check(bin.upTo, at: binPath.key("upTo"), positive: true)
            }
            previous = bin.upTo
            if bin.weight.isFinite && bin.weight >= 0 {
                total += bin.weight
            } else {
                weightsValid = false
                report(binPath.key("weight"), "found \(Wording.number(bin.weight)); expected a weight >= 0")
            }
        }
        if weightsValid, !(total > 0 && total.isFinite) {
            report(path, "found weights that sum to \(Wording.number(total)); expected a positive total weight")
        }
    }
}

extension DistributionSpec {
    /// The mean in seconds, as the engine will compute it from the parameters (infinite or NaN
    /// for parameters the validator refuses).
    public var meanSeconds: Double { DrawBounds(self).mean }
}

/// What a distribution, as described, can draw: its mean and the largest draw to expect, in
/// seconds, computed as the engine computes its parameters (in `Double`), so an overflow there
/// shows up here first.
///
/// "Largest" is 10 standard deviations for the normal family (in log space for the lognormal:
/// GSL's Gaussian sampler does not go past about 10), the 1 − 10⁻¹² quantile for the others
/// (GSL's uniform draws have 32 bits, so an inverse-transform draw stops at about the
/// 1 − 2⁻³² quantile), and the largest value for the bounded ones.
struct DrawBounds {
    /// The mean in seconds.
    var mean: Double
    /// The largest draw to expect, in seconds (see above).
    var largest: Double
    /// How `largest` was obtained, for messages.
    var largestMeaning: String
    /// A parameter that makes the mean or the variance infinite (the key, nil for the whole
    /// distribution) and the message saying so.
    var infinity: (String?, String)?

    /// −ln(10⁻¹²): the exponential's 1 − 10⁻¹² quantile in units of its mean.
    static let tail = -log(1e-12)

    init(_ spec: DistributionSpec) {
        infinity = nil
        largestMeaning = "its 1 − 10⁻¹² quantile"
        switch spec {
        case .constant(let v):
            (mean, largest, largestMeaning) = (v.seconds, v.seconds, "its value")
        case .exponential(let m):
            (mean, largest) = (m.seconds, m.seconds * Self.tail)
        case .uniform(let lo, let hi):
            (mean, largest, largestMeaning) = ((lo.seconds + hi.seconds) / 2, hi.seconds, "its max")
        case .normal(let m, let sd):
            (mean, largest, largestMeaning) = (m.seconds, m.seconds + 10 * sd.seconds, "the mean plus 10 standard deviations")
        case .lognormal(let m, let cv):
            let sigma2 = log(1 + cv * cv)
            let mu = log(m.seconds) - sigma2 / 2
            (mean, largest, largestMeaning) = (m.seconds, exp(mu + 10 * sigma2.squareRoot()), "e^(μ + 10σ)")
            if !sigma2.isFinite {
                infinity = ("cv", "found \(Wording.number(cv)); expected a cv whose square is finite (at most about 1e154): with this one the variance is infinite and every draw is undefined")
            }
        case .lognormalPercentiles(let median, let p99):
            let sigma = log(p99.seconds / median.seconds) / 2.326_347_874_040_841
            (mean, largest, largestMeaning) = (median.seconds * exp(sigma * sigma / 2), median.seconds * exp(10 * sigma), "median·e^(10σ)")
            if !mean.isFinite {
                infinity = ("p99", "found \(Wording.duration(p99)); expected a p99 close enough to the median for a finite mean: median·e^(σ²/2) with σ = ln(p99/median)/2.326 overflows")
            }
        case .gamma(let shape, let m):
            (mean, largest) = (m.seconds, Self.gammaQuantileBound(shape: shape, scale: m.seconds / shape))
        case .erlang(let k, let m):
            (mean, largest) = (m.seconds, Self.gammaQuantileBound(shape: Double(k), scale: m.seconds / Double(k)))
        case .weibull(let shape, let scale):
            mean = scale.seconds * tgamma(1 + 1 / shape)
            largest = scale.seconds * pow(Self.tail, 1 / shape)
            if !mean.isFinite {
                infinity = ("shape", "found \(Wording.number(shape)); expected a shape giving a finite mean: scale × Γ(1 + 1/shape) overflows with this one")
            }
        case .pareto(let shape, let scale):
            (mean, largest) = (shape * scale.seconds / (shape - 1), scale.seconds * pow(1e12, 1 / shape))
            if !mean.isFinite {
                infinity = ("shape", "found \(Wording.number(shape)); expected a shape giving a finite mean: shape × scale / (shape − 1) overflows with this one")
            }
        case .empiricalSamples(let samples):
            let seconds = samples.map(\.seconds)
            (mean, largest, largestMeaning) = (seconds.reduce(0, +) / Double(max(1, seconds.count)), seconds.max() ?? 0, "its largest sample")
        case .empiricalHistogram(let bins):
            var lower = 0.0, weighted = 0.0
            for bin in bins {
                weighted += bin.weight * (lower + bin.upTo.seconds) / 2
                lower = bin.upTo.seconds
            }
            (mean, largest, largestMeaning) = (weighted / bins.reduce(0) { $0 + $1.weight }, lower, "its last upTo")
        }
        if infinity == nil, !mean.isFinite {
            infinity = (nil, "found \(Self.phrase(spec)) whose mean overflows; expected a finite mean")
        }
    }

    /// "an exponential distribution", "a lognormal distribution".
    static func phrase(_ spec: DistributionSpec) -> String {
        ("aeiou".contains(spec.name.first ?? "x") ? "an " : "a ") + spec.name + " distribution"
    }

    /// An upper bound on the 1 − 10⁻¹² quantile of Gamma(shape, scale): with x = −ln(10⁻¹²),
    /// Gamma(a, 1) = χ²(2a)/2 and Laurent and Massart's χ² bound give a + √(2ax) + x. It is
    /// taken at a + 1, because GSL draws a shape below 1 as Gamma(1 + a)·U^(1/a).
    static func gammaQuantileBound(shape: Double, scale: Double) -> Double {
        let a = shape + 1
        return scale * (a + (2 * a * tail).squareRoot() + tail)
    }

}

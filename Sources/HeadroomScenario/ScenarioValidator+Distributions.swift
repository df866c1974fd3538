extension Validation {
    /// Checks a distribution's parameters. `path` is where the distribution is; a constant is
    /// checked at `path` itself, because the canonical JSON writes it as a plain duration string.
    mutating func check(_ spec: DistributionSpec, at path: JSONPath) {
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

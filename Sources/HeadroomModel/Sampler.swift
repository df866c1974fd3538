import HeadroomEngine
import HeadroomScenario

extension Distribution {
    /// The engine sampler for a scenario's distribution description (durations in seconds).
    public init(_ spec: DistributionSpec) {
        switch spec {
        case .constant(let value): self = .constant(value.seconds)
        case .exponential(let mean): self = .exponential(mean: mean.seconds)
        case .uniform(let lo, let hi): self = .uniform(min: lo.seconds, max: hi.seconds)
        case .normal(let mean, let sd): self = .truncatedNormal(mean: mean.seconds, stddev: sd.seconds)
        case .lognormal(let mean, let cv): self = .lognormal(mean: mean.seconds, cv: cv)
        case .lognormalPercentiles(let median, let p99): self = .lognormal(median: median.seconds, p99: p99.seconds)
        case .gamma(let shape, let mean): self = .gamma(shape: shape, mean: mean.seconds)
        case .erlang(let k, let mean): self = .erlang(k: k, mean: mean.seconds)
        case .weibull(let shape, let scale): self = .weibull(shape: shape, scale: scale.seconds)
        case .pareto(let shape, let scale): self = .pareto(shape: shape, scale: scale.seconds)
        case .empiricalSamples(let samples): self = .empirical(EmpiricalTable(samples: samples.map(\.seconds)))
        case .empiricalHistogram(let bins):
            self = .empirical(EmpiricalTable(upperEdges: bins.map(\.upTo.seconds), weights: bins.map(\.weight)))
        }
    }
}

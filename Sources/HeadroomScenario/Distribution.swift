/// How a random duration (a service time, a network latency) is distributed, as described in a scenario.
///
/// This is a description only; the engine turns it into a sampler. Every parameter with a
/// unit is a ``TimeSpan``; shapes and coefficients of variation are plain numbers.
public enum DistributionSpec: Hashable, Sendable {
    /// Always the same value (`{"dist": "constant", "value": "5ms"}` or just `"5ms"`).
    case constant(TimeSpan)
    /// Exponential with the given mean (memoryless; the M in M/M/1).
    case exponential(mean: TimeSpan)
    /// Uniform between `min` and `max`.
    case uniform(min: TimeSpan, max: TimeSpan)
    /// Normal with `mean` and `stddev`, truncated at zero (negative draws are impossible).
    case normal(mean: TimeSpan, stddev: TimeSpan)
    /// Lognormal given its mean and coefficient of variation.
    case lognormal(mean: TimeSpan, cv: Double)
    /// Lognormal given its median and 99th percentile, the way latencies are usually quoted.
    case lognormalPercentiles(median: TimeSpan, p99: TimeSpan)
    /// Gamma with the given shape and mean (cv = 1/sqrt(shape)).
    case gamma(shape: Double, mean: TimeSpan)
    /// Erlang-k: the sum of `k` exponential phases, with the given overall mean.
    case erlang(k: Int, mean: TimeSpan)
    /// Weibull with the given shape and scale.
    case weibull(shape: Double, scale: TimeSpan)
    /// Pareto (type I) with the given shape (tail index) and scale (the minimum value).
    case pareto(shape: Double, scale: TimeSpan)
    /// Draws one of the measured samples, each equally likely.
    case empiricalSamples([TimeSpan])
    /// A histogram of measurements: bin `i` covers (upper edge of bin `i-1`, `upTo`], the first starts at 0;
    /// a draw picks a bin by weight and is uniform within it.
    case empiricalHistogram([HistogramBin])

    /// One bin of an empirical histogram.
    public struct HistogramBin: Hashable, Sendable {
        /// The bin's upper edge.
        public var upTo: TimeSpan
        /// The bin's relative weight (a count or a probability).
        public var weight: Double
        public init(upTo: TimeSpan, weight: Double) {
            self.upTo = upTo
            self.weight = weight
        }
    }

    /// The discriminator written in JSON (`"dist"`).
    public var name: String {
        switch self {
        case .constant: "constant"
        case .exponential: "exponential"
        case .uniform: "uniform"
        case .normal: "normal"
        case .lognormal, .lognormalPercentiles: "lognormal"
        case .gamma: "gamma"
        case .erlang: "erlang"
        case .weibull: "weibull"
        case .pareto: "pareto"
        case .empiricalSamples, .empiricalHistogram: "empirical"
        }
    }

    /// Every `dist` name a scenario may use.
    public static let names = ["constant", "exponential", "uniform", "normal", "lognormal", "gamma", "erlang", "weibull", "pareto", "empirical"]

    /// A short description: "exponential mean 20 ms", "lognormal median 15 ms p99 120 ms".
    public var summary: String { summary(of: nil) }

    /// A short description naming what is distributed after the distribution's name:
    /// `summary(of: "service time")` is "lognormal service time mean 12 ms cv 1".
    public func summary(of quantity: String?) -> String {
        let (head, rest) = summaryParts
        return [head, quantity, rest].compactMap { $0 }.joined(separator: " ")
    }

    /// The distribution's name ("lognormal", "Erlang-3") and its parameters ("mean 12 ms cv 1"), if any.
    private var summaryParts: (String, String?) {
        switch self {
        case .constant(let v): ("constant", v.humanReadable)
        case .exponential(let mean): ("exponential", "mean \(mean.humanReadable)")
        case .uniform(let lo, let hi): ("uniform", "\(lo.humanReadable)–\(hi.humanReadable)")
        case .normal(let mean, let sd): ("normal", "mean \(mean.humanReadable) sd \(sd.humanReadable)")
        case .lognormal(let mean, let cv): ("lognormal", "mean \(mean.humanReadable) cv \(TimeSpan.trim(cv))")
        case .lognormalPercentiles(let median, let p99): ("lognormal", "median \(median.humanReadable) p99 \(p99.humanReadable)")
        case .gamma(let shape, let mean): ("gamma", "shape \(TimeSpan.trim(shape)) mean \(mean.humanReadable)")
        case .erlang(let k, let mean): ("Erlang-\(k)", "mean \(mean.humanReadable)")
        case .weibull(let shape, let scale): ("Weibull", "shape \(TimeSpan.trim(shape)) scale \(scale.humanReadable)")
        case .pareto(let shape, let scale): ("Pareto", "shape \(TimeSpan.trim(shape)) scale \(scale.humanReadable)")
        case .empiricalSamples(let samples): ("empirical", "(\(samples.count) sample\(samples.count == 1 ? "" : "s"))")
        case .empiricalHistogram(let bins): ("empirical", "(\(bins.count)-bin histogram)")
        }
    }
}

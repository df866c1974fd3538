extension DistributionSpec {
    /// Lognormal given its median and 99th percentile (JSON `{"dist": "lognormal", "median": …, "p99": …}`).
    public static func lognormal(median: TimeSpan, p99: TimeSpan) -> DistributionSpec {
        .lognormalPercentiles(median: median, p99: p99)
    }

    /// Draws one of `samples`, each equally likely (JSON `{"dist": "empirical", "samples": […]}`).
    public static func empirical(samples: [TimeSpan]) -> DistributionSpec { .empiricalSamples(samples) }

    /// A measured histogram (JSON `{"dist": "empirical", "histogram": […]}`); see ``HistogramBin``.
    public static func empirical(histogram: [HistogramBin]) -> DistributionSpec { .empiricalHistogram(histogram) }
}

extension TimeSpan {
    /// A span of `value` nanoseconds.
    public static func nanoseconds(_ value: Double) -> TimeSpan { TimeSpan(seconds: seconds(value, unit: 1e-9)) }
    /// A span of `value` days.
    public static func days(_ value: Double) -> TimeSpan { TimeSpan(seconds: value * 86_400) }
}

import HeadroomAnalysis

/// The back-of-the-envelope capacity of a set of answers: seed 001's formulas
/// (``CapacityEstimate`` in HeadroomAnalysis, the same ones `headroom estimate` uses) applied
/// to the answered users, requests, data and response sizes, plus the read/write split.
public struct AnswerCapacity: Hashable, Sendable {
    /// Requests per second at peak, before truncation: DAU × requests per user per day × peak multiplier ÷ 86,400.
    public var peakRpsExact: Double
    /// Requests per second averaged over the day: DAU × requests per user per day ÷ 86,400.
    public var averageRps: Double
    /// Storage after the retention period in KB: DAU × KB per user per day × 365 × years × (1 + growth)^years.
    public var storageKB: Double
    /// Bandwidth at peak in Mbps: peak RPS × response KB × 8 ÷ 1024 (the seed's formula, with its truncated peak RPS).
    public var peakBandwidthMbps: Double
    /// The share of requests that are reads, in [0, 1].
    public var readFraction: Double

    /// Peak requests per second as the seed computes it: truncated to a whole number.
    public var peakRps: Double { peakRpsExact.rounded(.down) }
    /// Peak reads per second.
    public var peakReadRps: Double { peakRpsExact * readFraction }
    /// Peak writes per second.
    public var peakWriteRps: Double { peakRpsExact * (1 - readFraction) }

    /// The estimate for `answers`.
    public init(answers: AdvisorAnswers) {
        let traffic = CapacityEstimate(
            dailyActiveUsers: answers.number(.dailyActiveUsers), requestsPerUserPerDay: answers.number(.requestsPerUserPerDay),
            peakMultiplier: answers.number(.peakMultiplier))
        averageRps = traffic.averageRps
        peakRpsExact = traffic.peakRps
        storageKB = traffic.storageKB(
            dataPerUserPerDayKB: answers.number(.dataPerUserPerDayKB), years: answers.number(.retentionYears),
            yearlyGrowth: answers.number(.yearlyGrowthPercent) / 100)
        // The seed computes bandwidth from its truncated peak RPS.
        peakBandwidthMbps = peakRpsExact.rounded(.down) * answers.number(.responseSizeKB) * 8 / 1_024
        readFraction = answers.number(.readPercent) / 100
    }
}

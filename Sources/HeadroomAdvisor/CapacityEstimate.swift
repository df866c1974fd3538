/// Back-of-the-envelope capacity from the answers, with seed 001's formulas (`ScalabilityCalculator`).
public struct CapacityEstimate: Hashable, Sendable {
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
        let users = answers.number(.dailyActiveUsers)
        let perUser = answers.number(.requestsPerUserPerDay)
        let multiplier = answers.number(.peakMultiplier)
        averageRps = users * perUser / 86_400
        peakRpsExact = users * perUser * multiplier / 86_400
        let years = answers.number(.retentionYears)
        let growth = 1 + answers.number(.yearlyGrowthPercent) / 100
        storageKB = users * answers.number(.dataPerUserPerDayKB) * 365 * years * Self.power(growth, years)
        peakBandwidthMbps = peakRpsExact.rounded(.down) * answers.number(.responseSizeKB) * 8 / 1024
        readFraction = answers.number(.readPercent) / 100
    }

    private static func power(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= base }
        return result
    }
}

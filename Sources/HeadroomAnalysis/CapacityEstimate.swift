import Foundation

/// Back-of-the-envelope capacity formulas, as architects use them before simulating
/// (the formulas of the seed document on scale requirements).
public struct CapacityEstimate: Sendable, Equatable {
    /// Daily active users.
    public var dailyActiveUsers: Double
    /// Requests each user makes per day.
    public var requestsPerUserPerDay: Double
    /// Peak traffic over the daily average (3 means prime time carries 3× the mean rate).
    public var peakMultiplier: Double

    public init(dailyActiveUsers: Double, requestsPerUserPerDay: Double, peakMultiplier: Double) {
        self.dailyActiveUsers = dailyActiveUsers
        self.requestsPerUserPerDay = requestsPerUserPerDay
        self.peakMultiplier = peakMultiplier
    }

    /// Mean requests per second over a day: DAU × requests per user / 86,400.
    public var averageRps: Double { dailyActiveUsers * requestsPerUserPerDay / 86_400 }

    /// Peak requests per second: DAU × requests per user × peak multiplier / 86,400.
    public var peakRps: Double { averageRps * peakMultiplier }

    /// Stored data in KB after `years`: DAU × KB per user per day × 365 × years × (1 + growth)^years.
    /// (The seed compounds growth over the whole retention period, 20 % a year by default.)
    public func storageKB(dataPerUserPerDayKB: Double, years: Double, yearlyGrowth: Double = 0.2) -> Double {
        dailyActiveUsers * dataPerUserPerDayKB * 365 * years * pow(1 + yearlyGrowth, years)
    }

    /// Peak bandwidth in Mbps for responses of `responseKB`: peak RPS × KB × 8 / 1024 (the seed's units).
    public func bandwidthMbps(responseKB: Double) -> Double { peakRps * responseKB * 8 / 1_024 }
}

/// Servers needed to carry a load within a latency objective, from M/M/c (Erlang C).
public struct ServerSizing: Sendable, Equatable {
    /// Requests per second to carry.
    public var arrivalRate: Double
    /// Mean service time per request, seconds (exponential).
    public var serviceTime: Double
    /// Response-time objective, seconds, at `percentile`.
    public var target: Double
    /// Percentile of the objective (e.g. 95).
    public var percentile: Double
    /// Workers per instance.
    public var workersPerInstance: Int

    /// The most workers sized for: beyond it the load is several systems, not one pool (and
    /// Erlang C, O(c) per evaluation, would take minutes).
    public static let maximumServers = 10_000_000

    /// Minimum workers (servers) meeting the objective; nil when none can (see ``tooLarge``).
    public var servers: Int?
    /// True when the offered load alone, λ × service time, needs ``maximumServers`` or more
    /// workers; false when `servers` is nil because the service time alone misses the objective.
    public var tooLarge: Bool { !(arrivalRate * serviceTime < Double(Self.maximumServers)) }
    /// Instances of `workersPerInstance` workers: servers rounded up (without overflow, whatever
    /// `workersPerInstance` is).
    public var instances: Int? {
        servers.map { $0 / workersPerInstance + ($0 % workersPerInstance == 0 ? 0 : 1) }
    }
    /// Utilization at that size.
    public var utilization: Double? { servers.map { arrivalRate * serviceTime / Double($0) } }
    /// P(wait) by Erlang C at that size.
    public var waitProbability: Double? { servers.map { QueueingFormulas.erlangC(servers: $0, offeredLoad: arrivalRate * serviceTime) } }
    /// The response-time percentile achieved, seconds.
    public var achieved: Double? {
        servers.map { QueueingFormulas.mmcResponseQuantile(arrivalRate: arrivalRate, serviceTime: serviceTime, servers: $0, p: percentile / 100) }
    }

    public init(arrivalRate: Double, serviceTime: Double, target: Double, percentile: Double, workersPerInstance: Int = 1) {
        self.arrivalRate = arrivalRate
        self.serviceTime = serviceTime
        self.target = target
        self.percentile = percentile
        self.workersPerInstance = workersPerInstance
        servers = QueueingFormulas.minimumServers(
            arrivalRate: arrivalRate, serviceTime: serviceTime, responsePercentile: percentile / 100, target: target,
            limit: Self.maximumServers)
    }
}

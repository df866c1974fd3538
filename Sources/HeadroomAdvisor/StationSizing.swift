import HeadroomAnalysis

/// How many workers a station needs at peak, by two rules; the larger wins.
///
/// - Utilization: busy workers (offered load a = λ·h erlangs) stay at or below
///   ``utilizationTarget`` — seed 001's autoscaler scales up above 70 % CPU, so a fixed fleet
///   sized for the peak should sit below it.
/// - Queueing: the M/M/c mean wait in queue (Erlang C, ``QueueingFormulas/minimumServers``)
///   stays within `waitTarget`. Service times are lognormal with cv 1, which shares its first
///   two moments with the exponential the formula assumes.
public struct StationSizing: Hashable, Sendable {
    /// Utilization a station is sized to stay under at peak.
    public static let utilizationTarget = 0.7

    /// Arrivals per second at the station.
    public var arrivalRate: Double
    /// Mean time a request holds a worker, in seconds (own work plus downstream calls).
    public var holdSeconds: Double
    /// Mean wait in queue allowed, in seconds.
    public var waitTarget: Double
    /// Workers needed by the utilization rule.
    public var byUtilization: Int
    /// Workers needed by the Erlang C rule (nil when none up to the formula's limit does).
    public var byErlangC: Int?

    /// Sizes a station for `arrivalRate` requests/s each holding a worker `holdSeconds`.
    public init(arrivalRate: Double, holdSeconds: Double, waitTarget: Double) {
        self.arrivalRate = arrivalRate
        self.holdSeconds = holdSeconds
        self.waitTarget = waitTarget
        let load = arrivalRate * holdSeconds
        byUtilization = max(1, Int((load / Self.utilizationTarget).rounded(.up)))
        byErlangC = arrivalRate > 0
            ? QueueingFormulas.minimumServers(arrivalRate: arrivalRate, serviceTime: holdSeconds, meanWaitTarget: waitTarget)
            : 1
    }

    /// The offered load in erlangs: busy workers on average.
    public var offeredLoad: Double { arrivalRate * holdSeconds }

    /// Workers needed: the larger of the two rules.
    public var workers: Int { max(byUtilization, byErlangC ?? byUtilization) }

    /// One line explaining the number: `17 req/s × 13.3 ms held = 0.23 busy workers; 70 % utilization → 1, Erlang C (mean wait ≤ 20 ms) → 1`.
    public var explanation: String {
        let erlang = byErlangC.map { "Erlang C (mean wait ≤ \(Format.number(waitTarget * 1000, decimals: 1)) ms) → \($0)" }
            ?? "Erlang C: no pool up to 100,000 meets the wait"
        return "\(Format.number(arrivalRate)) req/s × \(Format.number(holdSeconds * 1000, decimals: 1)) ms held = "
            + "\(Format.number(offeredLoad)) busy workers; \(Format.percent(Self.utilizationTarget)) utilization → \(byUtilization), \(erlang)"
    }

    /// The smallest pool with no waiting room (M/G/c/c) whose Erlang B blocking is at most
    /// `blocking` at `offeredLoad` erlangs: how a concurrency limit is sized. At least 1.
    public static func lossPool(offeredLoad a: Double, blocking: Double) -> Int {
        var c = max(1, Int(a.rounded(.down)))
        while QueueingFormulas.erlangB(servers: c, offeredLoad: a) > blocking { c += 1 }
        return c
    }
}

import Foundation

/// Closed-form results of queueing theory, used to validate the simulator and for quick
/// capacity answers. Rates are per second, times in seconds. Each formula states its model in
/// Kendall notation; all assume a stable system (ρ < 1) unless they say otherwise.
public enum QueueingFormulas {
    /// Erlang B: the probability an arrival is blocked in M/M/c/c (no waiting room) with offered
    /// load `a = λ/μ` erlangs. Uses the stable recurrence B(0)=1, B(k) = a·B(k−1)/(k + a·B(k−1)).
    public static func erlangB(servers c: Int, offeredLoad a: Double) -> Double {
        var b = 1.0
        if c == 0 { return 1 }
        for k in 1...c { b = a * b / (Double(k) + a * b) }
        return b
    }

    /// Erlang C: the probability an arrival waits in M/M/c with offered load `a = λ/μ` erlangs,
    /// C = B / (1 − ρ(1 − B)) with ρ = a/c. Returns 1 when a ≥ c (unstable).
    public static func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
        let rho = a / Double(c)
        guard rho < 1 else { return 1 }
        let b = erlangB(servers: c, offeredLoad: a)
        return b / (1 - rho * (1 - b))
    }

    /// Steady-state measures of a single station.
    public struct StationMetrics: Sendable, Equatable {
        /// Server utilization ρ.
        public var utilization: Double
        /// Mean time waiting in queue, Wq.
        public var meanWait: Double
        /// Mean time in system, W = Wq + 1/μ.
        public var meanResponse: Double
        /// Mean number waiting, Lq = λ·Wq.
        public var meanQueueLength: Double
        /// Mean number in system, L = λ·W.
        public var meanInSystem: Double
    }

    /// M/M/c: Poisson arrivals at `arrivalRate`, exponential service with mean `serviceTime`,
    /// `servers` servers, FIFO, unbounded queue. Wq = C(c, a) / (cμ − λ).
    public static func mmc(arrivalRate lambda: Double, serviceTime s: Double, servers c: Int) -> StationMetrics {
        let a = lambda * s
        let mu = 1 / s
        let wait = erlangC(servers: c, offeredLoad: a) / (Double(c) * mu - lambda)
        return metrics(lambda: lambda, serviceTime: s, utilization: a / Double(c), wait: wait)
    }

    /// M/G/1 by Pollaczek–Khinchine: Wq = λ·E[S²] / (2(1 − ρ)) with E[S²] = Var[S] + E[S]².
    /// M/D/1 is the case Var[S] = 0; M/M/1 the case Var[S] = E[S]².
    public static func mg1(arrivalRate lambda: Double, serviceMean s: Double, serviceVariance v: Double) -> StationMetrics {
        let rho = lambda * s
        let wait = lambda * (v + s * s) / (2 * (1 - rho))
        return metrics(lambda: lambda, serviceTime: s, utilization: rho, wait: wait)
    }

    /// M/M/1: Wq = ρ / (μ − λ).
    public static func mm1(arrivalRate lambda: Double, serviceTime s: Double) -> StationMetrics {
        mmc(arrivalRate: lambda, serviceTime: s, servers: 1)
    }

    /// M/D/1: Wq = ρ / (2μ(1 − ρ)).
    public static func md1(arrivalRate lambda: Double, serviceTime s: Double) -> StationMetrics {
        mg1(arrivalRate: lambda, serviceMean: s, serviceVariance: 0)
    }

    /// P(W > t) for the time in system of M/M/1: e^{−(μ−λ)t}. Its p-quantile is −ln(1−p)/(μ−λ).
    public static func mm1ResponseQuantile(arrivalRate lambda: Double, serviceTime s: Double, p: Double) -> Double {
        -log(1 - p) / (1 / s - lambda)
    }

    /// An open Jackson network: external Poisson arrivals `external[i]` per second at station i,
    /// routing probabilities `routing[i][j]` (the rest leaves), M/M/c stations. Solves the
    /// traffic equations λ = γ + λP by fixed-point iteration, then treats each station as an
    /// independent M/M/c (Jackson's theorem). Returns per-station metrics.
    public static func jackson(
        external: [Double], routing: [[Double]], serviceTimes: [Double], servers: [Int]
    ) -> [StationMetrics] {
        let n = external.count
        var lambda = external
        for _ in 0..<10_000 {
            var next = external
            for i in 0..<n { for j in 0..<n { next[j] += lambda[i] * routing[i][j] } }
            let delta = zip(next, lambda).map { abs($0 - $1) }.max() ?? 0
            lambda = next
            if delta < 1e-12 { break }
        }
        return (0..<n).map { mmc(arrivalRate: lambda[$0], serviceTime: serviceTimes[$0], servers: servers[$0]) }
    }

    /// The smallest number of servers c for which M/M/c meets `meanWaitTarget` (mean queueing
    /// delay), or nil if none up to `limit` does.
    public static func minimumServers(arrivalRate lambda: Double, serviceTime s: Double, meanWaitTarget: Double, limit: Int = 100_000) -> Int? {
        var c = max(1, Int((lambda * s).rounded(.down)) + 1)
        while c <= limit {
            if mmc(arrivalRate: lambda, serviceTime: s, servers: c).meanWait <= meanWaitTarget { return c }
            c += 1
        }
        return nil
    }

    static func metrics(lambda: Double, serviceTime s: Double, utilization: Double, wait: Double) -> StationMetrics {
        StationMetrics(
            utilization: utilization, meanWait: wait, meanResponse: wait + s,
            meanQueueLength: lambda * wait, meanInSystem: lambda * (wait + s))
    }
}

import Foundation
import HeadroomEngine

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

    /// The waiting-time quantile of M/M/c: P(Wq > t) = C(c, a)·e^(−(cμ − λ)t), so the p-quantile
    /// is ln(C / (1 − p)) / (cμ − λ), or 0 when at least a fraction p of arrivals do not wait.
    public static func mmcWaitQuantile(arrivalRate lambda: Double, serviceTime s: Double, servers c: Int, p: Double) -> Double {
        let waits = erlangC(servers: c, offeredLoad: lambda * s)
        guard waits > 1 - p else { return 0 }
        return log(waits / (1 - p)) / (Double(c) / s - lambda)
    }

    /// The blocking probability of M/M/c/K (c servers, room for K in all): the stationary
    /// p(K), with p(n) ∝ aⁿ/n! for n ≤ c and aᶜ/c!·(a/c)ⁿ⁻ᶜ above (Gross and Harris, §2.5).
    public static func mmcKBlocking(arrivalRate lambda: Double, serviceTime s: Double, servers c: Int, capacity k: Int) -> Double {
        let a = lambda * s
        var term = 1.0, total = 1.0
        for n in stride(from: 1, through: k, by: 1) {
            term *= n <= c ? a / Double(n) : a / Double(c)
            total += term
        }
        return term / total
    }

    /// Exact mean value analysis (Reiser and Lavenberg, 1980) of a closed loop: `users` users
    /// who think for a mean `thinkTime` (an infinite-server delay) then queue at one FIFO server
    /// with exponential service of mean `serviceTime`. For k = 1 … N: R(k) = S·(1 + Q(k − 1)),
    /// X(k) = k / (Z + R(k)), Q(k) = X(k)·R(k). Returns (throughput X, mean response R) at N.
    public static func closedLoopMVA(users: Int, thinkTime z: Double, serviceTime s: Double) -> (throughput: Double, response: Double) {
        var queue = 0.0, throughput = 0.0, response = 0.0
        for k in 1...max(users, 1) {
            response = s * (1 + queue)
            throughput = Double(k) / (z + response)
            queue = throughput * response
        }
        return (throughput, response)
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
        guard lambda * s < Double(limit) else { return nil }
        var c = max(1, Int((lambda * s).rounded(.down)) + 1)
        while c <= limit {
            if mmc(arrivalRate: lambda, serviceTime: s, servers: c).meanWait <= meanWaitTarget { return c }
            c += 1
        }
        return nil
    }

    /// P(T > t) for the response time T = S + Wq of M/M/c, exactly: with θ = cμ − λ and C the
    /// Erlang C probability, Wq is 0 with probability 1 − C and Exp(θ) otherwise, so
    /// P(T > t) = (1 − C)e^{−μt} + C·(θe^{−μt} − μe^{−θt})/(θ − μ)  (θ ≠ μ),
    /// and (1 − C)e^{−μt} + C(1 + μt)e^{−μt} when θ = μ.
    public static func mmcResponseTail(arrivalRate lambda: Double, serviceTime s: Double, servers c: Int, t: Double) -> Double {
        responseTail(lambda: lambda, s: s, c: c, C: erlangC(servers: c, offeredLoad: lambda * s), t: t)
    }

    /// ``mmcResponseTail(arrivalRate:serviceTime:servers:t:)`` with Erlang C already computed.
    static func responseTail(lambda: Double, s: Double, c: Int, C: Double, t: Double) -> Double {
        let mu = 1 / s, theta = Double(c) * mu - lambda
        guard theta > 0 else { return 1 }
        let direct = (1 - C) * exp(-mu * t)
        if abs(theta - mu) < 1e-12 * mu { return direct + C * (1 + mu * t) * exp(-mu * t) }
        return direct + C * (theta * exp(-mu * t) - mu * exp(-theta * t)) / (theta - mu)
    }

    /// The p-quantile (0 < p < 1) of the M/M/c response time, by Brent root finding on
    /// ``mmcResponseTail(arrivalRate:serviceTime:servers:t:)``; infinity when unstable.
    public static func mmcResponseQuantile(arrivalRate lambda: Double, serviceTime s: Double, servers c: Int, p: Double) -> Double {
        guard lambda * s < Double(c) else { return .infinity }
        let C = erlangC(servers: c, offeredLoad: lambda * s)
        let tail = { (t: Double) in responseTail(lambda: lambda, s: s, c: c, C: C, t: t) - (1 - p) }
        var upper = s
        while tail(upper) > 0 { upper *= 2 }
        return GSL.root(in: 0, upper, of: tail) ?? upper
    }

    /// The smallest number of servers c for which the M/M/c response-time p-quantile is within
    /// `target`, or nil if none up to `limit` is (the quantile of the service time alone,
    /// −s·ln(1 − p), is a floor no number of servers gets below). The quantile falls as c
    /// grows, so c is found by doubling then bisection: O(log c) quantile evaluations, each O(c)
    /// for Erlang B — so an offered load of `limit` erlangs or more is not tried at all.
    public static func minimumServers(arrivalRate lambda: Double, serviceTime s: Double, responsePercentile p: Double, target: Double, limit: Int = 10_000_000) -> Int? {
        guard -s * log(1 - p) < target, lambda * s < Double(limit) else { return nil }
        func meets(_ c: Int) -> Bool { mmcResponseQuantile(arrivalRate: lambda, serviceTime: s, servers: c, p: p) <= target }
        let floor = max(1, Int((lambda * s).rounded(.down)) + 1)
        if meets(floor) { return floor }
        var low = floor, step = 1
        var high = floor + step
        while !meets(high) {
            low = high
            step *= 2
            high = floor + step
            if high > limit { return nil }
        }
        while high - low > 1 {
            let mid = (low + high) / 2
            if meets(mid) { high = mid } else { low = mid }
        }
        return high
    }

    static func metrics(lambda: Double, serviceTime s: Double, utilization: Double, wait: Double) -> StationMetrics {
        StationMetrics(
            utilization: utilization, meanWait: wait, meanResponse: wait + s,
            meanQueueLength: lambda * wait, meanInSystem: lambda * (wait + s))
    }
}

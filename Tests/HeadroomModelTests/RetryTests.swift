import Foundation
import Testing
@testable import HeadroomModel
import HeadroomEngine
import HeadroomScenario

/// Resilient call steps: client timeouts, retries with a backoff, a retry budget, client-side
/// throttling and fallbacks, checked against closed forms.
@Suite("Retries")
struct RetryTests {
    /// A client calling "dep" (one instance, many workers, constant 10 ms) with `call`'s policy,
    /// optionally then "spare" (constant 0) as the fallback. "dep" fails each call with
    /// probability `p` (fault injection, independent draws).
    static func run(
        rate: Double = 20, seconds: Double = 1_000, p: Double, arrivals: Workload.Arrivals = .poisson, timeout: TimeSpan? = nil,
        retry: Retry?, throttling: Throttling? = nil, fallback: Bool = false, depService: DistributionSpec = .constant(.milliseconds(10))
    ) -> RunMeasurements {
        let call = Call(
            "dep", timeout: timeout, retry: retry, throttling: throttling, fallback: fallback ? [.call(Call("spare"))] : [])
        let s = Build.scenario(
            rate: rate,
            components: [
                Build.pool("dep", servers: 10_000, service: depService),
                Build.pool("spare", servers: 10_000, service: .constant(.zero)),
            ],
            steps: [.call(call)], duration: .seconds(seconds), arrivals: arrivals, seed: 5)
        var compiled = ModelCompiler(s)
        if p > 0 {
            compiled.pools[0].errorProbability = p
            compiled.pools[0].faultStream = compiled.addStream("faults:dep")
        }
        return try! Simulation(compiled: compiled, scenario: s, seed: nil).run()
    }

    static func figure(_ m: RunMeasurements, _ name: String) -> Double {
        m.components[0].figures?[name]?.number ?? .nan
    }

    @Test("attempts per call match (1 − pᵐ)/(1 − p) for independent failures; pᵐ of the calls fail")
    func geometricAttempts() {
        // p = 0.5, m = 4: E[N] = (1 − 1/16)/0.5 = 1.875. N = min(G, 4) with P(N ≥ k) = 0.5^(k−1):
        // E[N²] = Σ (2k − 1) P(N ≥ k) = 1 + 1.5 + 1.25 + 0.875 = 4.625, Var N = 4.625 − 1.875² ≈ 1.109,
        // sd ≈ 1.053. About 20,000 calls: standard error ≈ 1.053/√20,000 ≈ 0.0074; 4 s.e. ≈ 0.030
        // (m = 5 would give 1.9375, 0.0625 away). Failures: binomial with p⁴ = 0.0625, s.e. ≈
        // √(0.0625 · 0.9375/20,000) ≈ 0.0017; 4 s.e. ≈ 0.0068 (m = 5 would give 0.031).
        let m = Self.run(p: 0.5, retry: Retry(attempts: 4, backoff: .constant, base: .zero))
        let calls = Self.figure(m, "calls")
        #expect(calls > 19_000)
        let amplification = Self.figure(m, "amplification")
        #expect(abs(amplification - 1.875) < 0.030, "amplification \(amplification)")
        let failedShare = Double(m.overall.errors[.failed]) / calls
        #expect(abs(failedShare - 0.0625) < 0.0068, "failed \(failedShare)")
        // Every attempt reached dep; each failed attempt but the last of a call was retried; an
        // attempt either succeeded, failed, or was still at dep when the run ended.
        #expect(Self.figure(m, "attempts") == Double(m.components[0].arrivals))
        #expect(Self.figure(m, "retries") == Self.figure(m, "attempts") - calls)
        let unfinished = Double(m.components[0].arrivals - m.components[0].departures)
        #expect(Double(m.components[0].errors[.failed]) == Self.figure(m, "attempts") - Self.figure(m, "succeeded") - unfinished)
    }

    @Test("errors not listed in `on` are not retried")
    func onlyListedCauses() {
        let m = Self.run(p: 0.5, retry: Retry(attempts: 4, on: [.timeout], backoff: .constant, base: .zero))
        #expect(Self.figure(m, "retries") == 0)
        #expect(Self.figure(m, "amplification") == 1)
    }

    @Test("every attempt times out: m attempts, each a timeout at the dependency, one error per request")
    func timeoutsRetried() {
        // 40 ms of work against a 25 ms client timeout, 3 attempts 100 ms apart: each request
        // fails with `timeout` after 3 × 25 ms + 2 × 100 ms = 0.275 s; the abandoned work runs on.
        let m = Self.run(
            rate: 10, seconds: 100, p: 0, arrivals: .deterministic, timeout: .milliseconds(25),
            retry: Retry(attempts: 3, backoff: .constant, base: .milliseconds(100)), depService: .constant(.milliseconds(40)))
        #expect(m.overall.completed == 0)
        let failed = m.overall.errors[.timeout]
        #expect(failed == m.overall.errors.total)
        // One arrival every 0.1 s, each in the system 0.275 s: 2 or 3 still retrying at the end.
        #expect(failed + m.overall.inSystemAtEnd == m.overall.offered)
        #expect((2...3).contains(m.overall.inSystemAtEnd))
        let attempts = Int(Self.figure(m, "attempts"))
        #expect(m.components[0].errors[.timeout] + m.components[0].inFlightAtEnd >= attempts - 1)
        #expect(attempts - 3 * failed >= m.overall.inSystemAtEnd && attempts - 3 * failed <= 3 * m.overall.inSystemAtEnd)
        // Each timed-out attempt's 40 ms of work still ran (zombie work): busy ≈ attempts × 40 ms.
        #expect(abs(m.components[0].serviceSum - 0.04 * Double(m.components[0].arrivals)) < 1e-6)
    }

    @Test("exponential backoff waits base·2^(r−1) up to the cap; full jitter a uniform draw below it")
    func backoffWaits() {
        // dep always fails after 10 ms; 4 attempts, then the fallback (0 s). Exponential, base
        // 100 ms, cap 250 ms: waits 0.1, 0.2, 0.25 → every request takes 4 × 0.01 + 0.55 = 0.59 s.
        let exponential = Self.run(
            rate: 10, seconds: 200, p: 1, retry: Retry(attempts: 4, backoff: .exponential, base: .milliseconds(100), cap: .milliseconds(250)),
            fallback: true)
        let q = exponential.overall
        #expect(q.completed > 1_900 && q.errors.total == 0)
        #expect(abs(q.latencySum / Double(q.completed) - 0.59) < 1e-9)
        // Full jitter: each wait uniform in [0, that]: mean 0.04 + (0.1 + 0.2 + 0.25)/2 = 0.315 s,
        // variance (0.1² + 0.2² + 0.25²)/12 ≈ 0.009375 (sd ≈ 0.0968). About 40,000 requests:
        // s.e. ≈ 0.00048; 5 s.e. ≈ 0.0025.
        let jitter = Self.run(
            rate: 40, seconds: 1_000, p: 1, retry: Retry(attempts: 4, backoff: .fullJitter, base: .milliseconds(100), cap: .milliseconds(250)),
            fallback: true)
        let j = jitter.overall
        let mean = j.latencySum / Double(j.completed)
        #expect(abs(mean - 0.315) < 0.0025, "mean \(mean)")
        #expect(j.latencyMax <= 0.59 + 1e-9)
    }

    @Test("a fallback runs when the call fails for good, and the route goes on")
    func fallback() {
        let m = Self.run(p: 0.5, retry: Retry(attempts: 2, backoff: .constant, base: .zero), fallback: true)
        #expect(m.overall.errors.total == 0)
        // p² = 1/4 of the calls give up and reach the fallback ("spare", component 1).
        let gaveUp = Self.figure(m, "gaveUp")
        #expect(Double(m.components[1].arrivals) == gaveUp)
        #expect(abs(gaveUp / Self.figure(m, "calls") - 0.25) < 0.015)  // binomial s.e. ≈ 0.003; 5 s.e.
    }

    @Test("a retry budget holds retries to its share of first attempts plus its minimum")
    func retryBudget() {
        // Every attempt fails, so without a budget each call makes 3 retries. With 20 % and no
        // minimum, retries in any 10 s window ≤ 0.2 × first attempts in it; demand far exceeds
        // that, so the budget binds all the time: ≈ 0.2 retries per call. The slack is the window's
        // granularity (a tenth of it, 1 s of 400 s, at the start): well under 0.005.
        let m = Self.run(
            rate: 50, seconds: 400, p: 1,
            retry: Retry(attempts: 4, backoff: .constant, base: .zero, budget: RetryBudget(percent: 20, minPerSecond: 0, window: .seconds(10))))
        let perCall = Self.figure(m, "retries") / Self.figure(m, "calls")
        #expect(abs(perCall - 0.2) < 0.005, "retries per call \(perCall)")
        #expect(Self.figure(m, "budgetDenied") > 0)
        // minPerSecond adds its allowance: 5 per second on 50 calls a second is 0.1 more per call.
        let more = Self.run(
            rate: 50, seconds: 400, p: 1,
            retry: Retry(attempts: 4, backoff: .constant, base: .zero, budget: RetryBudget(percent: 20, minPerSecond: 5, window: .seconds(10))))
        let perCallMore = Self.figure(more, "retries") / Self.figure(more, "calls")
        #expect(abs(perCallMore - 0.3) < 0.005, "retries per call \(perCallMore)")
    }

    @Test("the throttling formula on fixed counts")
    func throttlingFormula() {
        // max(0, (requests − K·accepts)/(requests + 1)), by hand.
        #expect(Throttling.rejectProbability(requests: 100, accepts: 50, k: 2) == 0)
        #expect(Throttling.rejectProbability(requests: 100, accepts: 60, k: 2) == 0)
        #expect(abs(Throttling.rejectProbability(requests: 100, accepts: 20, k: 2) - 60.0 / 101) < 1e-15)
        #expect(abs(Throttling.rejectProbability(requests: 9, accepts: 0, k: 2) - 0.9) < 1e-15)
    }

    @Test("client-side throttling: sent attempts settle where the rejection probability's mean balances the accepts")
    func throttling() {
        // A share q = 0.2 of sent attempts succeed. With R attempts in the window and S sent,
        // accepts are qS and P = (R − KqS)/(R + 1), so S = R(1 − P): for a fixed R, S = R/(R + 1 −
        // KqR), 50/31 ≈ 1.613 per 10 s at 5 attempts/s with K = 2 (no throttling: 50).
        // Here R is a Poisson count (mean λw) and the counts are kept in 10 sub-windows, so the
        // window holds the last w = 9 to 10 s (uniform). The send probability is (1 + K·a)/(R + 1)
        // with E[1/(R + 1)] = (1 − e^(−λw))/(λw) ≈ 1/(λw), so the send rate σ solves
        // σ = E_w[1/w] + Kqσ: σ = ln(10/9)/(1 − Kq) = 0.1756/s, 17,560 over 100,000 s. (This
        // treats the accepts as independent of R; with R fixed at its mean it would be 3.4 %
        // lower.) The sends are self-exciting — a Hawkes process with base ≈ 0.105/s and branching
        // ratio Kq = 0.4 — so the count over T has variance ≈ μT/(1 − n)³ ≈ 48,800: sd 221,
        // 1.3 %; 5 sd is 6.5 %. (A short run is no test: over 600 s the sd is a third of the mean.)
        let m = Self.run(rate: 5, seconds: 100_000, p: 0.8, retry: nil, throttling: Throttling(k: 2, window: .seconds(10)))
        let sent = Double(m.components[0].arrivals)
        let (k, q) = (2.0, 0.2)
        let expected = 100_000 * log(10.0 / 9.0) / (1 - k * q)
        #expect(abs(sent / expected - 1) < 0.065, "sent \(sent), expected \(expected)")
        #expect(Self.figure(m, "throttled") + sent == Self.figure(m, "attempts"))
        // With K·q > 1 (q = 0.8) the formula is 0 once the window fills: almost nothing is throttled.
        let healthy = Self.run(rate: 50, seconds: 600, p: 0.2, retry: nil, throttling: Throttling(k: 2, window: .seconds(10)))
        #expect(Self.figure(healthy, "throttled") < 0.001 * Self.figure(healthy, "attempts"))
    }

    @Test("no request is lost or counted twice across crashes, retries, timeouts and faults", arguments: [UInt64(1), 2, 3])
    func conservation(seed: UInt64) {
        // api (2 instances × 2 workers, queue 10) calls db; both steps retry with full jitter and
        // have client timeouts; api fails 10 % of calls; an api instance crashes five times.
        // Every request ends exactly once: the outer step's calls are the requests,
        // its successes the completions and its give-ups the errors.
        let inner = Call(
            "db", timeout: .milliseconds(40), retry: Retry(attempts: 3, backoff: .fullJitter, base: .milliseconds(10), cap: .milliseconds(50)))
        let outer = Call(
            "api", then: [.call(inner)], timeout: .milliseconds(120),
            retry: Retry(attempts: 3, backoff: .fullJitter, base: .milliseconds(20), cap: .milliseconds(100)))
        let s = Build.scenario(
            rate: 60,
            components: [
                Build.pool("api", servers: 2, service: .exponential(mean: .milliseconds(15)), instances: 2, queue: 10),
                Build.pool("db", servers: 3, service: .exponential(mean: .milliseconds(25))),
            ],
            steps: [.call(outer)], duration: .seconds(120), seed: seed)
        var compiled = ModelCompiler(s)
        compiled.pools[0].errorProbability = 0.1
        compiled.pools[0].faultStream = compiled.addStream("faults:api")
        let first = Int(compiled.pools[0].firstInstance)
        // Crashes at 10, 30, 50, 70, 90 s (each failing the calls the instance holds), back 10 s later.
        compiled.topologyChanges = stride(from: 10.0, through: 90, by: 20).flatMap { t in
            [
                TopologyChange(time: SimInstant(seconds: t), change: .crash(instance: first)),
                TopologyChange(time: SimInstant(seconds: t + 10), change: .state(instance: first, .up)),
            ]
        }
        let m = try! Simulation(compiled: compiled, scenario: s, seed: nil).run()
        let q = m.overall
        #expect(q.offered == q.completed + q.errors.total + q.inSystemAtEnd)
        let f = m.components[0].figures
        #expect(f?["calls"]?.number == Double(q.offered))
        #expect(f?["succeeded"]?.number == Double(q.completed))
        #expect(f?["gaveUp"]?.number == Double(q.errors.total))
        // The run exercised timeouts, faults and retries at both levels (a crash's failed calls
        // are not counted at the component, so they are not checked here).
        #expect(q.errors[.timeout] > 0 && m.components[0].errors[.failed] > 0, "\(q.errors)")
        #expect((f?["retries"]?.number ?? 0) > 0 && (m.components[1].figures?["retries"]?.number ?? 0) > 0)
    }
}

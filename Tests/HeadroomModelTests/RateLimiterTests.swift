import Testing
@testable import HeadroomModel
import HeadroomAnalysis
import HeadroomEngine
import HeadroomScenario

/// A rate limiter's token buckets, global and per key: what they admit against the token bucket's
/// bounds (at most rate × t + burst in any interval t; min(offered, rate) in the long run).
@Suite("Rate limiter")
struct RateLimiterTests {
    static func scenario(
        limiter: RateLimiter, rate: Double, arrivals: Workload.Arrivals = .poisson, seconds: Double,
        classes: [(name: String, weight: Double, keys: KeySpace?)] = [("req", 1, nil)]
    ) -> Scenario {
        Scenario(
            name: "limit", seed: 3, duration: .seconds(seconds),
            workload: Workload(arrivals: arrivals, rate: rate, mix: classes.map { .init($0.name, weight: $0.weight) }),
            components: [
                Component(id: "limit", limiter),
                Component(id: "api", ServicePool(instances: 1, concurrency: 1_000, serviceTime: .constant(.milliseconds(1)))),
            ],
            routes: classes.map { Route(requestClass: $0.name, steps: [.call(Call("limit")), .call(Call("api"))], keys: $0.keys) })
    }

    static func figure(_ m: RunMeasurements, _ name: String) -> Double { m.components[0].figures?[name]?.number ?? .nan }

    @Test("deterministic arrivals at 3/s through a bucket of 1 token refilled at 1/s: exactly every third call passes")
    func exactPattern() throws {
        let m = try Simulation(scenario: Self.scenario(limiter: RateLimiter(rate: 1, burst: 1), rate: 3, arrivals: .deterministic, seconds: 300)).run()
        // 900 calls, the first at 1/3 s finds a full bucket; then one token every 3 calls.
        #expect(Self.figure(m, "admitted") == 300)
        #expect(Self.figure(m, "limited") == 600)
        #expect(m.overall.errors[.rateLimited] == 600)
        #expect(m.overall.errors.total == 600)
        // The refused calls never reach the API.
        #expect(m.components[1].arrivals == 300)
    }

    @Test("Poisson overload (λ = 3·rate): the admitted rate is the refill rate, and never more than rate·T + burst")
    func overload() throws {
        // λ = 300/s against 100/s, burst 10, over 2,000 s. Tokens are wasted only while the bucket
        // is full and no call comes: with 3 calls per token that is rare (the bucket is empty
        // almost always), so admitted ≈ 200,000 − a few; the hard bound is 200,010.
        let m = try Simulation(scenario: Self.scenario(limiter: RateLimiter(rate: 100, burst: 10), rate: 300, seconds: 2_000)).run()
        let admitted = Self.figure(m, "admitted")
        #expect(admitted <= 100 * 2_000 + 10)
        #expect(admitted >= 100 * 2_000 * 0.999, "admitted \(admitted)")
        #expect(abs(Self.figure(m, "admittedRps") - 100) < 0.1)
    }

    @Test("underload with a full second of burst: nothing is limited")
    func underload() throws {
        // λ = 50/s against 100/s with 100 tokens: a refusal needs more than 100 + 100·t calls in
        // some window t, a Poisson(50·t) tail below 1e-15 even summed over the run.
        let m = try Simulation(scenario: Self.scenario(limiter: RateLimiter(rate: 100, burst: 100), rate: 50, seconds: 2_000)).run()
        #expect(Self.figure(m, "limited") == 0)
        #expect(Self.figure(m, "admitted") > 90_000)
    }

    @Test("per key: a heavy key is held to its own rate while 100 light keys pass untouched")
    func perKey() throws {
        // 800 calls/s: a heavy client on key 5,000 at 300/s and 100 users on keys 0..<100 at
        // 5/s each; 20 calls/s per key, burst 20. The heavy key is admitted at 20/s (at most
        // 20·T + 20); a light key is refused only if more than 20 + 20·t of its Poisson(5·t)
        // calls come within some t, which over 100 keys × 1,000 s happens with probability < 1e-3.
        let limiter = RateLimiter(rate: 20, burst: 20, scope: .key)
        let s = Self.scenario(
            limiter: limiter, rate: 800, seconds: 1_000,
            classes: [("heavy", 300, .fixed(5_000)), ("light", 500, .uniform(count: 100))])
        let m = try Simulation(scenario: s).run()
        let heavy = m.classes[0], light = m.classes[1]
        #expect(light.errors[.rateLimited] == 0)
        let heavyAdmitted = Double(heavy.offered - heavy.errors[.rateLimited])
        #expect(heavyAdmitted <= 20 * 1_000 + 20)
        #expect(heavyAdmitted >= 20 * 1_000 * 0.995, "heavy admitted \(heavyAdmitted)")
        #expect(Self.figure(m, "keysSeen") == 101)
    }

    @Test("a global limiter's utilization is its admitted rate over its rate")
    func saturation() throws {
        let s = Self.scenario(limiter: RateLimiter(rate: 100, burst: 10), rate: 300, seconds: 500)
        let r = Results(try Simulation(scenario: s).run(), scenario: s)
        #expect(abs(r.components[0].utilization - 1) < 0.01)
        #expect(r.components[0].saturable)
    }
}

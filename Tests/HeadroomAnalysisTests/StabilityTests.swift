import Testing
import HeadroomAnalysis
import HeadroomModel
import HeadroomScenario

@Suite("Stability: an overloaded system is named, a busy stable one is not")
struct StabilityTests {
    static func station(rate: Double, servers: Int, queue: Int? = nil, seed: UInt64, duration: Double = 600) -> Scenario {
        Scenario(
            name: "station", seed: seed, duration: .seconds(duration), warmup: .seconds(60),
            workload: Workload(rate: rate, mix: [.init("req", weight: 1)]),
            components: [Component(id: "app", ServicePool(concurrency: servers, queueCapacity: queue, serviceTime: .exponential(mean: .milliseconds(10))))],
            routes: [Route(requestClass: "req", steps: [.call(Call("app"))])],
            sla: SLA(objectives: [Objective(.latency(percentile: 95, max: .seconds(1000)))]))
    }

    static func run(_ s: Scenario) -> Results { Results(try! Simulation(scenario: s).run(), scenario: s) }

    @Test("offered load above capacity with an unbounded queue: unstable, named, latency objective fails however lax")
    func overloaded() {
        // ρ = 1.1 on 8 servers: the queue grows by 80 req/s.
        let r = Self.run(Self.station(rate: 880, servers: 8, seed: 4))
        #expect(!r.stability.isStable)
        let growth = r.stability.growing.first
        #expect(growth?.id == "app")
        // Theory: the backlog grows at λ − cμ = 880 − 800 = 80 req/s; allow 10 % for the noise of a Poisson count.
        #expect(abs((growth?.growthPerSecond ?? 0) - 80) < 8, "\(growth?.growthPerSecond ?? 0)")
        #expect(r.stability.summary?.hasPrefix("app's queue grew from") == true)
        // p95 is far below the 1,000 s target, yet it cannot be trusted: the objective fails.
        #expect((r.sla.verdicts[0].measured ?? .infinity) < 1_000_000)
        #expect(r.sla.verdicts[0].untrusted?.hasPrefix("unstable: app's queue grew") == true)
        #expect(!r.sla.passed)
    }

    @Test("busy but stable stations are never flagged, over 10 seeds", arguments: [(720.0, 8), (90.0, 1)])
    func stable(rate: Double, servers: Int) {
        // ρ = 0.9: the validation models' load.
        for seed in 1...10 as ClosedRange<UInt64> {
            let r = Self.run(Self.station(rate: rate, servers: servers, seed: seed))
            #expect(r.stability.isStable, "seed \(seed): \(r.stability.summary ?? "")")
            #expect(r.sla.passed, "seed \(seed)")
        }
    }

    @Test("overload with a bounded queue rejects instead of growing: stable, and availability says it")
    func boundedQueue() {
        let r = Self.run(Self.station(rate: 880, servers: 8, queue: 50, seed: 4))
        #expect(r.stability.isStable)
        #expect(r.requests.errors[.rejected] > 0)
    }

    @Test("a run stopped at the in-flight cap is unstable and names where the requests piled up")
    func stopped() {
        let s = Self.station(rate: 500, servers: 1, seed: 2, duration: 86_400)
        let r = Results(try! Simulation(scenario: s, maxInFlight: 5_000).run(), scenario: s)
        #expect(r.stability.stopped?.inFlight == 5_000)
        #expect(r.stability.stopped?.largestBacklog == "app")
        #expect(r.stability.summary?.contains("5000 requests in flight, most of them at app") == true)
        #expect(!r.sla.passed)
    }

    @Test("too short a window is not judged")
    func short() {
        let r = Self.run(Self.station(rate: 880, servers: 8, seed: 4, duration: 100))
        #expect(!r.stability.judged)
    }
}

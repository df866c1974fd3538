import Testing
@testable import HeadroomModel
import HeadroomEngine
import HeadroomScenario

/// Crashes: scheduled (instances, a zone) and random (time to failure and repair).
@Suite("Crashes")
struct CrashTests {
    static func scenario(instances: Int, zones: [String]? = nil, rate: Double, service: DistributionSpec, seconds: Double, crash: Crash) -> Scenario {
        Scenario(
            name: "crash", seed: 8, duration: .seconds(seconds),
            workload: Workload(arrivals: .deterministic, rate: rate, mix: [.init("req", weight: 1)]),
            components: [
                Component(id: "api", ServicePool(instances: instances, concurrency: 10, serviceTime: service, zones: zones)),
                Component(id: "crash", crash),
            ],
            routes: [Route(requestClass: "req", steps: [.call(Call("api"))])])
    }

    @Test("2 of 6 instances crash at 600.5 s of 1,200: 5 instances on average, their calls fail, the rest go on")
    func scheduled() {
        // One call every 1/6 s, 2.5 s each, round robin: each instance holds 2 or 3 calls at any time.
        let s = Self.scenario(
            instances: 6, rate: 6, service: .constant(.milliseconds(2_500)), seconds: 1_200,
            crash: Crash(target: "api", at: .milliseconds(600_500), instances: 2))
        let m = try! Simulation(scenario: s).run()
        // Live instances: 6 for 600.5 s, then 4: (6 × 600.5 + 4 × 599.5)/1,200 = 5.000833.
        #expect(abs(m.components[0].instanceSeconds - (6 * 600.5 + 4 * 599.5)) < 1e-6)
        let crashed = m.overall.errors[.crashed]
        #expect((4...6).contains(crashed), "\(m.overall.errors)")
        #expect(m.overall.errors.total == crashed)
        #expect(m.components[1].figures?["crashes"]?.number == 2)
    }

    @Test("a zone crash takes down exactly the instances in that zone")
    func zone() {
        // 6 instances over zones a, b, c in turn: zone b holds instances 1 and 4.
        let s = Self.scenario(
            instances: 6, zones: ["a", "b", "c"], rate: 6, service: .constant(.milliseconds(100)), seconds: 100,
            crash: Crash(target: "api", at: .seconds(50), zone: "b"))
        let m = try! Simulation(scenario: s).run()
        #expect(abs(m.components[0].instanceSeconds - (6 * 50 + 4 * 50)) < 1e-6)
        #expect(m.components[1].figures?["crashes"]?.number == 2)
    }

    @Test("random crashes: the fraction of time up is MTTF/(MTTF + MTTR)")
    func availability() {
        // 10 instances, exponential time to failure (mean 100 s) and repair (mean 25 s), no boot:
        // availability 100/125 = 0.8. Each instance alternates up and down; the long-run
        // up-fraction over T has variance ≈ (σu²μd² + σd²μu²)/((μu + μd)³ T) = 1.25e7/(1.95e6 ×
        // 20,000) ≈ 3.2e-4, sd ≈ 0.018 per instance, ≈ 0.0057 over 10 independent ones; 5 sd ≈ 0.028.
        let s = Self.scenario(
            instances: 10, rate: 1, service: .constant(.milliseconds(10)), seconds: 20_000,
            crash: Crash(target: "api", timeToFailure: .exponential(mean: .seconds(100)), timeToRepair: .exponential(mean: .seconds(25))))
        let m = try! Simulation(scenario: s).run()
        let up = m.components[0].instanceSeconds / (10 * 20_000)
        #expect(abs(up - 0.8) < 0.028, "up \(up)")
        // About 10 × 20,000/125 = 1,600 crashes.
        let crashes = m.components[1].figures?["crashes"]?.number ?? 0
        #expect(abs(crashes / 1_600 - 1) < 0.1, "crashes \(crashes)")
    }
}

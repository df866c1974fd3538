import Testing
@testable import HeadroomModel
import HeadroomEngine
import HeadroomScenario

/// Degradations: a component slowed down and failing calls for an interval.
@Suite("Degradations")
struct DegradationTests {
    @Test("from 100 s to 200 s: service time × 3 and 20 % of calls failed; before and after, neither")
    func window() {
        // 50 calls a second, evenly spaced, 10 ms each on ample workers: 5,000 calls in the window.
        let s = Scenario(
            name: "degraded", seed: 4, duration: .seconds(300),
            workload: Workload(arrivals: .deterministic, rate: 50, mix: [.init("req", weight: 1)]),
            components: [
                Build.pool("api", servers: 1_000, service: .constant(.milliseconds(10))),
                Component(id: "slow", Degradation(target: "api", at: .seconds(100), duration: .seconds(100), latencyFactor: 3, errorProbability: 0.2)),
            ],
            routes: [Route(requestClass: "req", steps: [Build.call("api")])])
        let m = try! Simulation(scenario: s).run()
        let failed = m.overall.errors[.failed]
        // Binomial(5,000, 0.2): mean 1,000, sd ≈ 28.3; 5 sd ≈ 141.
        #expect(abs(failed - 1_000) < 141, "failed \(failed)")
        // Completed calls in the window took 30 ms, the others 10 ms: the latency sum is
        // 0.01 × completed + 0.02 × (5,000 − failed), to within a call at each edge (0.04 s).
        let expected = 0.01 * Double(m.overall.completed) + 0.02 * Double(5_000 - failed)
        #expect(abs(m.overall.latencySum - expected) < 0.05, "latency sum \(m.overall.latencySum) vs \(expected)")
        #expect(abs(m.overall.latencyMax - 0.03) < 1e-9)
        #expect(m.components[0].errors[.failed] == failed)
        #expect(m.components[1].figures?["activeSeconds"]?.number == 100)
    }
}

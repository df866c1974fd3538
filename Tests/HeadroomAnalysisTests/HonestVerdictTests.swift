import HeadroomAnalysis
import HeadroomModel
import HeadroomScenario
import Testing

/// Verdicts that cannot lie: a run in which nothing completes has no latency and fails its
/// objectives; requests still in flight at the end count as not served; a capacity search is
/// bounded by the load-dependent objectives and stops when nothing ever completes.
@Suite("Honest verdicts")
struct HonestVerdictTests {
    static func run(_ scenario: Scenario) throws -> Results {
        Results(try Simulation(scenario: scenario).run(), scenario: scenario)
    }

    /// One 8-worker station at `rate` req/s with `service` time and an optional timeout.
    static func station(rate: Double = 10, service: DistributionSpec, timeout: TimeSpan? = nil, duration: Double = 600, sla: SLA? = nil) -> Scenario {
        Scenario(
            name: "station", seed: 3, duration: .seconds(duration), warmup: .seconds(60),
            workload: Workload(arrivals: .deterministic, rate: rate, mix: [.init("req", weight: 1)]),
            components: [Component(id: "s", ServicePool(concurrency: 8, serviceTime: service, timeout: timeout))],
            routes: [Route(requestClass: "req", steps: [.call(Call("s"))])], sla: sla)
    }

    @Test("a 1-hour service time in a 10-minute run: no latency, nothing available, every default objective fails")
    func nothingCompletes() throws {
        let r = try Self.run(Self.station(service: .constant(.hours(1))))
        #expect(r.requests.completed == 0)
        // Every 0.1 s from 60 s to 600 s, both ends included: 5,401 arrivals, all still in service.
        #expect(r.requests.inSystemAtEnd == r.requests.offered && r.requests.offered == 5_401)
        #expect(r.latencyMs == nil)
        #expect(r.classes[0].latencyMs == nil)
        #expect(!r.sla.passed)
        let byName = Dictionary(uniqueKeysWithValues: r.sla.verdicts.map { ($0.name, $0) })
        #expect(byName["p95 latency"]?.measured == nil && byName["p95 latency"]?.passed == false)
        #expect(byName["p95 latency"]?.margin == nil)
        // Admitted, but never answered: neither available nor successful.
        #expect(byName["availability"]?.measured == 0 && byName["availability"]?.passed == false)
        #expect(byName["success rate"]?.measured == 0 && byName["success rate"]?.passed == false)
    }

    @Test("every call timing out: no latency, success 0 %, availability all but the last (admitted, then failed)")
    func everyCallTimesOut() throws {
        let r = try Self.run(Self.station(service: .constant(.seconds(1)), timeout: .milliseconds(10)))
        // The request arriving at the last instant has not timed out yet: in flight, not served.
        #expect(r.requests.completed == 0 && r.requests.failed == 5_400 && r.requests.inSystemAtEnd == 1)
        #expect(r.latencyMs == nil)
        let byName = Dictionary(uniqueKeysWithValues: r.sla.verdicts.map { ($0.name, $0) })
        #expect(byName["availability"]?.measured == 100.0 * 5_400 / 5_401)
        #expect(byName["success rate"]?.measured == 0)
        #expect(!r.sla.passed)
    }

    @Test("requests in flight at the end count as not served, by hand")
    func inFlightAtTheEnd() throws {
        // Deterministic 10 req/s, constant 5 s service, 8 workers: 50 busy needed, so requests
        // queue; of the 5,400 that arrive in the 540 s window, the workers finish 8 every 5 s.
        let r = try Self.run(Self.station(service: .constant(.seconds(5))))
        let q = r.requests
        #expect(q.offered == q.completed + q.rejected + q.failed + q.inSystemAtEnd)
        #expect(q.inSystemAtEnd > 4_000)
        let byName = Dictionary(uniqueKeysWithValues: r.sla.verdicts.map { ($0.name, $0) })
        let expected = 100 * Double(q.completed) / Double(q.offered)
        #expect(byName["success rate"]?.measured == expected)
        #expect(byName["availability"]?.measured == expected)  // nothing rejected or failed: the same share
        #expect(expected < 25)
    }

    @Test("an objective with nothing to measure fails: no request in the class at all")
    func nothingArrives() throws {
        var scenario = Self.station(service: .constant(.milliseconds(5)), sla: SLA(objectives: [
            Objective(.latency(percentile: 95, max: .milliseconds(100)), requestClass: "rare"),
            Objective(.availability(minPercent: 99), requestClass: "rare"),
        ]))
        scenario.workload.mix = [.init("req", weight: 1), .init("rare", weight: 1e-12)]
        scenario.routes.append(Route(requestClass: "rare", steps: [.call(Call("s"))]))
        let r = try Self.run(scenario)
        #expect(r.classes[1].requests.offered == 0)
        #expect(r.sla.verdicts.map(\.measured) == [nil, nil])
        #expect(r.sla.verdicts.map(\.passed) == [false, false])
    }

    @Test("--ramp is bounded by latency, not by cost: a cost ceiling is reported beside the capacity")
    func rampIgnoresCost() throws {
        // 8 workers × 80 ms (exponential): 100 req/s at saturation; base 20 req/s. The price is
        // per instance-hour, so the cost ceiling fails at every load, ×1 included.
        let scenario = Scenario(
            name: "mm8", seed: 5, duration: .seconds(300), warmup: .seconds(30),
            workload: Workload(rate: 20, mix: [.init("req", weight: 1)]),
            components: [Component(id: "s", ServicePool(concurrency: 8, serviceTime: .exponential(mean: .milliseconds(80))), pricing: Pricing(instanceHour: 10))],
            routes: [Route(requestClass: "req", steps: [.call(Call("s"))])],
            sla: SLA(objectives: [Objective(.latency(percentile: 95, max: .milliseconds(500))), Objective(.monthlyCost(maxDollars: 100))]))
        let search = try CapacitySearch(scenario: scenario, seed: 5)
        // The old search stopped at ×1 (cost fails at every load). Now p95 ≤ 500 ms bounds it:
        // M/M/8 meets it up to about 85 req/s (ρ ≈ 0.85), so ×3 to ×5.
        let factor = try #require(search.capacityFactor)
        #expect(factor > 3 && factor < 5, "×\(factor)")
        #expect(search.failedObjectives == ["p95 latency"])
        #expect(search.besideCapacity.map(\.name) == ["monthly cost"])
        #expect(search.besideCapacity.first?.passed == false)  // 720 h × $10 = $7,200 a month
        #expect(!search.scenarioLoadPassed)  // the scenario's own load misses its cost objective
        #expect(search.stoppedEarly == nil)
    }

    @Test("--ramp stops when nothing completes instead of searching on")
    func rampNothingCompletes() throws {
        let scenario = Self.station(service: .constant(.hours(1)))
        let search = try CapacitySearch(scenario: scenario)
        #expect(search.steps.count == 1)
        #expect(search.stoppedEarly == .nothingCompleted)
        #expect(search.capacityFactor == nil)
        #expect(!search.scenarioLoadPassed)
    }

    @Test("--ramp needs a load-dependent objective")
    func rampNeedsALoadObjective() throws {
        let scenario = Self.station(service: .constant(.milliseconds(5)), sla: SLA(objectives: [
            Objective(.monthlyCost(maxDollars: 100)), Objective(.throughput(minRps: 5)),
        ]))
        #expect(throws: ScenarioError.self) { try CapacitySearch(scenario: scenario) }
        do {
            _ = try CapacitySearch(scenario: scenario)
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "sla.objectives: found only monthlyCost and throughput objectives; --ramp needs one that depends on the load (latency, availability, successRate or errorRate) to find where it breaks"
            ])
        }
    }

    @Test("--ramp does not run a step beyond the run limits, and says which")
    func rampLimits() throws {
        // 2 events per request (arrival, service): 10 req/s × 600 s × 2 = 12,000 events at ×1.
        let scenario = Self.station(service: .constant(.milliseconds(5)))
        let search = try CapacitySearch(scenario: scenario, limits: RunLimits(maximumEvents: 30_000))
        // ×1 (12,000), ×1.5 (18,000), ×2.25 (27,000) run; ×3.375 (40,500) would not fit.
        #expect(search.steps.map(\.factor) == [1, 1.5, 2.25])
        #expect(search.stoppedEarly == .runLimits)
        #expect(search.limitMessage?.hasPrefix("×3.375: too much to simulate: about 40,500 events") == true, "\(search.limitMessage ?? "")")
    }
}

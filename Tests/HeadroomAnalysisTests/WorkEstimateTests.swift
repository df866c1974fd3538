import Foundation
import HeadroomAnalysis
import HeadroomModel
import HeadroomScenario
import Testing

/// The up-front estimate of a run's work and memory, checked against hand computations and
/// against what the engine actually does (its own event count, an independent measurement).
@Suite("Work and memory estimates")
struct WorkEstimateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/\(name)").path)
    }

    static let examples = ["startup-mvp.json", "mmc-validation.json", "spiky-serverless.json", "spiky-always-on.json", "paid-api.json"]

    @Test("the estimated events are within 10 % of the events each example really takes", arguments: examples)
    func eventsMatchTheEngine(_ name: String) throws {
        let scenario = try Self.example(name)
        let estimate = WorkEstimate(scenario)
        let events = Double(try Simulation(scenario: scenario).run().events)
        #expect(abs(estimate.events / events - 1) < 0.1, "\(name): estimated \(estimate.events), ran \(events)")
    }

    @Test("arrivals with periodic bursts, by hand")
    func burstArrivals() throws {
        // spiky-serverless: 20 req/s for 2 h, bursts of 400 req/s for 1 min every 15 min from 10 min.
        // Bursts start at 600 s + 900 k s < 7,200 s: k = 0…7, 8 bursts, all whole (the last ends at 7,020 s).
        // Arrivals: 400 × 480 s + 20 × (7,200 − 480) s = 192,000 + 134,400 = 326,400; 16 edges.
        let estimate = WorkEstimate(try Self.example("spiky-serverless.json"))
        #expect(estimate.arrivals == 326_400)
        #expect(estimate.rateChanges == 16)
        // The last burst cut short: 10 s left at 7,190 s of a run ending at 7,200 s.
        let cut = Workload(rate: 20, mix: [.init("r", weight: 1)], bursts: [.init(start: .seconds(590), duration: .seconds(60), rate: 400, every: .seconds(600))])
        var scenario = try Self.example("spiky-serverless.json")
        scenario.workload = cut
        // Starts at 590 + 600 k < 7,200: k = 0…11, 12 bursts; the 12th runs 7,190–7,200 (10 s). On: 11 × 60 + 10 = 670 s.
        let e = WorkEstimate(scenario)
        #expect(e.arrivals == 400 * 670 + 20 * (7_200 - 670))
    }

    @Test("bursts every 2 ns over two hours are counted in closed form, instantly")
    func denseBursts() throws {
        var scenario = try Self.example("mmc-validation.json")
        scenario.workload.bursts = [.init(start: .zero, duration: .seconds(1e-9), rate: 100, every: .seconds(2e-9))]
        let start = Date()
        let estimate = WorkEstimate(scenario)
        #expect(Date().timeIntervalSince(start) < 0.1)
        // 7,200 s / 2 ns = 3.6e12 bursts, two edges each.
        #expect(abs(estimate.rateChanges / 7.2e12 - 1) < 1e-9)
        #expect(estimate.refusal(under: RunLimits(), scenario: scenario) != nil)
    }

    @Test("an overloaded station with an unbounded queue: its backlog grows for the whole run")
    func overload() throws {
        // M/M/8 with 80 ms service at 450 req/s (ρ = 4.5) for 24 h: it serves 8 / 0.08 = 100 req/s,
        // so its queue grows by 350 req/s: 350 × 86,400 = 30,240,000 requests at the end.
        var scenario = try Self.example("mmc-validation.json")
        scenario.duration = .hours(24)
        scenario.workload.rate = 450
        let estimate = WorkEstimate(scenario)
        let backlog = try #require(estimate.growingBacklog)
        #expect(backlog.component == "station")
        #expect(abs(backlog.capacityRps - 100) < 1e-9 && backlog.offeredRps == 450)
        #expect(abs(backlog.requests - 30_240_000) < 1e-3)
        #expect(estimate.bytes > 4e9)
        let refusal = try #require(estimate.refusal(under: RunLimits(), scenario: scenario))
        #expect(refusal.hasPrefix("too much memory to simulate: about 5.87 GB (30,240,008 requests in flight at the peak; station is overloaded (offered 450 req/s, serves 100 req/s) and its unbounded queue grows to 30,240,000 requests)"), "\(refusal)")
        // A queue bound, or a timeout, caps it.
        var bounded = scenario
        bounded.components[0] = Component(id: "station", ServicePool(concurrency: 8, queueCapacity: 100, serviceTime: .exponential(mean: .milliseconds(80))))
        #expect(WorkEstimate(bounded).growingBacklog == nil)
        #expect(WorkEstimate(bounded).peakInFlight == 108)
        var timed = scenario
        timed.components[0] = Component(id: "station", ServicePool(concurrency: 8, serviceTime: .exponential(mean: .milliseconds(80)), timeout: .seconds(2)))
        #expect(WorkEstimate(timed).growingBacklog?.requests == 900)  // 450 req/s × 2 s
    }

    @Test("a stable station holds its offered load, and little more")
    func stable() throws {
        // mmc-validation: 90 req/s × 80 ms = 7.2 busy of 8 (ρ = 0.9): 7.2 + 0.9 / 0.1 = 16.2 in flight.
        let estimate = WorkEstimate(try Self.example("mmc-validation.json"))
        #expect(estimate.growingBacklog == nil)
        #expect(abs(estimate.peakInFlight - 16.2) < 1e-9)
        #expect(estimate.refusal(under: RunLimits(), scenario: try Self.example("mmc-validation.json")) == nil)
    }

    @Test("a least-connections balancer over a million instances counts its scans")
    func wideBalancer() throws {
        var scenario = try Self.example("startup-mvp.json")
        let app = try #require(scenario.components[1].pool)
        scenario.components[1] = Component(id: "app", ServicePool(
            instances: 1_000_000, concurrency: app.concurrency, queueCapacity: app.queueCapacity, serviceTime: app.serviceTime, timeout: app.timeout))
        let estimate = WorkEstimate(scenario)
        #expect(estimate.widestScan == WorkEstimate.Scan(balancer: "lb", instances: 1_000_000))
        // 4 events per request on this route (a timeout adds none: the calendar holds one event per timer list), plus 1,000,000 / 8 for the scan: 180,000 × 125,004.
        #expect(abs(estimate.events - 180_000 * 125_004) < 1)
        let refusal = try #require(estimate.refusal(under: RunLimits(), scenario: scenario))
        #expect(refusal == "too much to simulate: about 22,500,720,000 events (180,000 arrivals over 10 min × 1.25e+05 events each (lb scans 1,000,000 instances on every pick)); --max-events allows 1,000,000,000, about 100 seconds of simulation; shorten the duration, lower the rate, or raise --max-events")
    }

    @Test("replications multiply the work; limits can be raised")
    func limits() throws {
        let scenario = try Self.example("startup-mvp.json")
        let estimate = WorkEstimate(scenario)  // 720,000 events
        #expect(estimate.refusal(under: RunLimits(maximumEvents: 1e6), scenario: scenario) == nil)
        #expect(estimate.refusal(under: RunLimits(maximumEvents: 1e6), scenario: scenario, runs: 2)?.hasPrefix("too much to simulate: about 1,440,000 events (2 runs)") == true)
        #expect(estimate.refusal(under: RunLimits(maximumBytes: 1e6), scenario: scenario)?.hasPrefix("too much memory to simulate") == true)
    }
}

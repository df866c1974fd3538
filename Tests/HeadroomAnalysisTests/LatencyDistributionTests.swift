import Foundation
import Testing
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomScenario

@Suite("Latency distributions")
struct LatencyDistributionTests {
    /// M/M/1 at ρ = 0.8 (λ = 80/s, mean service 10 ms), two classes sharing the station.
    static let scenario = Scenario(
        name: "mm1", seed: 100, duration: .seconds(400), warmup: .seconds(20),
        workload: Workload(rate: 80, mix: [.init("a", weight: 3), .init("b", weight: 1)]),
        components: [Component(id: "s", ServicePool(serviceTime: .exponential(mean: .milliseconds(10))))],
        routes: [Route(requestClass: "a", steps: [.call(Call("s"))]), Route(requestClass: "b", steps: [.call(Call("s"))])])

    static func run(_ seed: UInt64) -> Results {
        do { return Results(try Simulation(scenario: scenario, seed: seed).run(), scenario: scenario) } catch { fatalError("\(error)") }
    }

    @Test("a run's distribution reads its histogram at every percentile of the ladder, all requests and each class")
    func ladder() {
        let results = Self.run(100)
        let points = results.latencyDistribution.points
        #expect(points.map(\.percentile) == LatencyDistribution.percentiles)
        #expect(results.latencyDistribution.count == results.requests.completed)
        // The same histogram gives the reported percentiles: the points at 50 and 99 are p50 and p99.
        #expect(points.first { $0.percentile == 50 }?.milliseconds == results.latencyMs?.p50)
        #expect(points.first { $0.percentile == 99 }?.milliseconds == results.latencyMs?.p99)
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.milliseconds <= $1.milliseconds })
        #expect(results.classes.map(\.latencyDistribution.count) == results.classes.map(\.requests.completed))
        #expect(results.classes.allSatisfy { $0.latencyDistribution.points.count == LatencyDistribution.percentiles.count })
    }

    @Test("the ladder is ascending, from 0 to 99.99, and holds the percentiles the reports print")
    func percentiles() {
        let ladder = LatencyDistribution.percentiles
        #expect(ladder.first == 0 && ladder.last == 99.99)
        #expect(zip(ladder, ladder.dropFirst()).allSatisfy { $0 < $1 })
        for p in [50.0, 90, 95, 99, 99.9] { #expect(ladder.contains(p)) }
    }

    @Test("with nothing completed a distribution is empty")
    func empty() throws {
        var scenario = Self.scenario
        scenario.components = [Component(id: "s", ServicePool(serviceTime: .constant(.hours(1))))]
        scenario.duration = .seconds(30)
        let results = Results(try Simulation(scenario: scenario).run(), scenario: scenario)
        #expect(results.requests.completed == 0)
        #expect(results.latencyDistribution == .empty)
    }

    @Test("replication bands: at each percentile the Student-t interval of the runs, and they cover M/M/1's response-time quantiles")
    func bands() throws {
        let runs = (0..<10).map { Self.run(100 + UInt64($0)) }
        let summary = ReplicationSummary(runs)
        #expect(summary.latencyBands.map(\.requestClass) == [nil, "a", "b"])
        let band = summary.latencyBands[0]
        #expect(band.points.map(\.percentile) == LatencyDistribution.percentiles)
        for (i, point) in band.points.enumerated() {
            #expect(point.milliseconds == ConfidenceInterval(estimates: runs.map { $0.latencyDistribution.points[i].milliseconds }))
        }
        // M/M/1 response time is exponential with rate μ − λ = 20/s: the p-quantile is −ln(1 − p)/20 s.
        for p in [50.0, 90, 99] {
            let theory = -log(1 - p / 100) / 20 * 1_000
            let point = try #require(band.points.first { $0.percentile == p })
            #expect(point.milliseconds.contains(theory), "p\(p): \(point.milliseconds), theory \(theory) ms")
        }
    }
}

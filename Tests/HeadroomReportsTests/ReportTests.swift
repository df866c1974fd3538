import Testing
@testable import HeadroomAnalysis
import HeadroomReports
import HeadroomScenario

@Suite("Reports")
struct ReportTests {
    static func results() -> Results {
        let counts = Results.RequestCounts(offered: 5, completed: 3, rejected: 1, failed: 1, inSystemAtEnd: 0)
        let latency = Results.LatencySummary(mean: 12.345678, p50: 10, p90: 20, p95: 25, p99: 30, p999: 31, max: 31.5)
        let throughput = Results.Throughput(workloadRps: 0.1, offeredRps: 0.1, completedRps: 0.06)
        let read = Results.ClassResults(name: "read", requests: counts, completedRps: 0.06, latencyMs: latency)
        let lb = Results.ComponentResults(
            id: "lb", kind: "loadBalancer", instances: 1, workers: 0, utilization: 0, serviceUtilization: 0, meanQueueLength: 0,
            meanWaitMs: 0, meanResidenceMs: 0.5, throughputRps: 0.1, arrivals: 5, rejected: 0, timedOut: 0)
        let app = Results.ComponentResults(
            id: "app", kind: "service", instances: 2, workers: 16, utilization: 0.1234567, serviceUtilization: 0.05,
            meanQueueLength: 0.25, meanWaitMs: 1.23456789, meanResidenceMs: 12, throughputRps: 0.1, arrivals: 5, rejected: 1, timedOut: 1)
        return Results(
            scenario: "demo", seed: 18_446_744_073_709_551_615, simulatedSeconds: 60, warmupSeconds: 10, events: 123,
            requests: counts, throughput: throughput, latencyMs: latency, meanInSystem: 0.0123456, classes: [read], components: [lb, app])
    }

    @Test("JSON report: every documented field, in order, rounded, 64-bit seed exact")
    func jsonShape() throws {
        let text = JSONReport.render(Self.results())
        #expect(text.hasSuffix("}\n"))
        let value = try JSONValue.parse(text)
        guard case .object(let root) = value else { Issue.record("not an object"); return }
        #expect(root.keys == ["formatVersion", "scenario", "seed", "simulatedSeconds", "warmupSeconds", "measuredSeconds", "events",
                              "requests", "throughput", "latencyMs", "meanInSystem", "classes", "components"])
        #expect(text.contains("\"seed\": 18446744073709551615,"))
        #expect(root["latencyMs"]?["mean"]?.numberValue?.double == 12.3457)
        #expect(root["latencyMs"]?.objectValue?.keys == ["mean", "p50", "p90", "p95", "p99", "p999", "max"])
        #expect(root["requests"]?.objectValue?.keys == ["offered", "completed", "rejected", "failed", "inSystemAtEnd"])
        #expect(root["throughput"]?.objectValue?.keys == ["workloadRps", "offeredRps", "completedRps"])
        let component = root["components"]?[1]?.objectValue
        #expect(component?.keys == ["id", "kind", "instances", "workers", "utilization", "serviceUtilization", "meanQueueLength",
                                    "meanWaitMs", "meanResidenceMs", "throughputRps", "arrivals", "rejected", "timedOut"])
        #expect(component?["utilization"]?.numberValue?.double == 0.123457)
        #expect(root["measuredSeconds"]?.numberValue?.double == 50)
    }

    @Test("JSON report is byte-identical for equal results")
    func jsonDeterministic() {
        #expect(JSONReport.render(Self.results()) == JSONReport.render(Self.results()))
    }

    @Test("text report names the scenario, seed, warm-up, outcomes and every component")
    func text() {
        let text = TextReport.render(Self.results())
        #expect(text.hasPrefix("demo · seed 18446744073709551615 · 60 s simulated, first 10 s excluded as warm-up\n"))
        #expect(text.contains("5 offered · 3 completed · 1 rejected · 1 failed · 0 in flight at the end"))
        #expect(text.contains("mean 12.35 · p50 10.00 · p90 20.00 · p95 25.00 · p99 30.00 · p99.9 31.00 · max 31.50"))
        #expect(text.contains("\n  app        service        2×8  12.3%      5.0%   0.25    1.235    12.00     0.1         1         1\n"))
        #expect(text.contains("\n  lb         loadBalancer     –      –         –      –        –    0.500     0.1         0         0\n"))
    }
}

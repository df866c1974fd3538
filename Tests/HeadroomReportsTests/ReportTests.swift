import Testing
import HeadroomAnalysis
import HeadroomModel
import HeadroomReports
import HeadroomScenario

@Suite("Reports")
struct ReportTests {
    /// A deterministic run whose numbers are known: 10 req/s for 100 s after 10 s of warm-up,
    /// constant 20 ms at app (2 × 8 workers) and 5 ms at db, through a balancer, with prices.
    static func results(seed: UInt64 = 18_446_744_073_709_551_615) -> Results {
        let scenario = Scenario(
            name: "demo", seed: seed, duration: .seconds(110), warmup: .seconds(10),
            workload: Workload(arrivals: .deterministic, rate: 10, mix: [.init("read", weight: 1)]),
            components: [
                Component(id: "lb", LoadBalancer(backends: [.init("app")]), pricing: Pricing(instanceHour: 0.025)),
                Component(id: "app", ServicePool(instances: 2, concurrency: 8, serviceTime: .constant(.milliseconds(20))),
                          pricing: Pricing(instanceHour: 0.1)),
                Component(id: "db", DatabasePool(concurrency: 4, serviceTime: .constant(.milliseconds(5)))),
            ],
            routes: [Route(requestClass: "read", steps: [.call(Call("lb", then: [.call(Call("db"))]))])])
        do { return Results(try Simulation(scenario: scenario).run(), scenario: scenario) } catch { fatalError("\(error)") }
    }

    @Test("JSON report: every documented field, in order, rounded, 64-bit seed exact")
    func jsonShape() throws {
        let text = JSONReport.render(Self.results())
        #expect(text.hasSuffix("}\n"))
        let value = try JSONValue.parse(text)
        guard case .object(let root) = value else { Issue.record("not an object"); return }
        #expect(root.keys == ["formatVersion", "scenario", "seed", "simulatedSeconds", "warmupSeconds", "measuredSeconds", "events",
                              "requests", "throughput", "latencyMs", "meanInSystem", "stability", "sla", "cost", "bottlenecks", "classes",
                              "components", "timeseries"])
        #expect(text.contains("\"seed\": 18446744073709551615,"))
        #expect(root["latencyMs"]?["mean"]?.numberValue?.double == 25)
        #expect(root["latencyMs"]?.objectValue?.keys == ["mean", "p50", "p90", "p95", "p99", "p999", "max"])
        #expect(root["requests"]?.objectValue?.keys == ["offered", "completed", "rejected", "failed", "inSystemAtEnd", "errors"])
        #expect(root["requests"]?["errors"]?.objectValue?.keys == ErrorCause.allCases.map(\.name))
        #expect(root["stability"]?.objectValue?.keys == ["stable", "judged", "summary", "stoppedAtSeconds", "growing"])
        #expect(root["timeseries"]?.objectValue?.keys == [
            "bucketSeconds", "start", "end", "warmup", "offeredRps", "completedRps", "errors", "latencyMs", "meanInSystem", "components"])
        #expect(root["timeseries"]?["latencyMs"]?.objectValue?.keys == ["p50", "p95", "p99", "max"])
        // 100 s of measured window after 10 s of warm-up, 10 s buckets: 11 of them, the first in the warm-up.
        #expect(root["timeseries"]?["start"]?.arrayValue?.count == 11)
        #expect(root["timeseries"]?["warmup"]?[0] == .bool(true) && root["timeseries"]?["warmup"]?[1] == .bool(false))
        #expect(root["timeseries"]?["components"]?[1]?.objectValue?.keys == [
            "id", "utilization", "meanQueueLength", "liveInstances", "throughputRps", "errors"])
        #expect(root["throughput"]?.objectValue?.keys == ["workloadRps", "offeredRps", "completedRps"])
        #expect(root["sla"]?.objectValue?.keys == ["passed", "source", "objectives"])
        #expect(root["sla"]?["source"]?.stringValue == "default")
        #expect(root["sla"]?["objectives"]?[0]?.objectValue?.keys == ["name", "metric", "class", "bound", "target", "measured", "unit", "margin", "untrusted", "passed"])
        #expect(root["cost"]?.objectValue?.keys == ["currency", "windowDollars", "perHourDollars", "perMonthDollars", "perMillionSuccessfulDollars", "components"])
        #expect(root["cost"]?["components"]?[1]?["items"]?[0]?.objectValue?.keys == ["price", "quantity", "unit", "unitPrice", "windowDollars"])
        #expect(root["bottlenecks"]?.objectValue?.keys == ["firstToSaturate", "byUtilization", "byLatencyShare"])
        let component = root["components"]?[1]?.objectValue
        #expect(component?.keys == ["id", "kind", "instances", "workers", "utilization", "serviceUtilization", "meanQueueLength",
                                    "meanWaitMs", "meanResidenceMs", "throughputRps", "arrivals", "rejected", "timedOut",
                                    "meanServiceMs", "latencyShare", "instanceHours", "meanInstances", "inFlightAtEnd", "errors"])
        // app: 10/s × 25 ms held / 16 workers = 0.015625, rounded to 6 places.
        #expect(component?["utilization"]?.numberValue?.double == 0.015625)
        #expect(root["measuredSeconds"]?.numberValue?.double == 100)
    }

    @Test("JSON report is byte-identical for equal results")
    func jsonDeterministic() {
        #expect(JSONReport.render(Self.results()) == JSONReport.render(Self.results()))
    }

    @Test("text report names the scenario, seed, warm-up, outcomes, SLA, cost and every component")
    func text() {
        let text = TextReport.render(Self.results())
        #expect(text.hasPrefix("demo · seed 18446744073709551615 · 110 s simulated, first 10 s excluded as warm-up\n"))
        // Arrivals at 10.0, 10.1, …, 110.0 s: the window holds both ends, and the last arrival is in flight.
        #expect(text.contains("1001 offered · 1000 completed · 0 rejected · 0 failed · 1 in flight at the end"))
        #expect(text.contains("Latency ms   mean 25.00 · p50 25.00"))
        #expect(text.contains("SLA          PASS · default objectives (the scenario has no sla block)\n"))
        #expect(text.contains("  pass  p95 latency: 25.00 ms ≤ 200.0 ms (margin 175.0 ms)\n"))
        #expect(text.contains("Cost         $"))
        #expect(text.contains("Bottleneck   app saturates first (1.6% utilized)"))
        #expect(text.contains("\n  app        service        2×8  1.6%      1.2%   0.00    0.000    25.00    10.0         0         0\n"))
        #expect(text.contains("\n  lb         loadBalancer     –     –         –      –        –    0.000    10.0         0         0\n"))
    }
}

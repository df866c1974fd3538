import Testing
import HeadroomAnalysis
import HeadroomEngine
import HeadroomScenario

/// The "done when" tests of `headroom check`, in process: baseline and candidates are run by the
/// same ReplicationRunner and compared by the same BaselineComparison the command uses.
@Suite("Regression checks against a baseline")
struct RegressionCheckTests {
    /// A pool of 4 instances × 4 workers, exponential 10 ms service, behind a random balancer (so
    /// each instance sees a Poisson stream: an M/M/4 station) at 960 req/s: ρ = 0.6.
    static let checkout = """
        {
          "name": "checkout", "seed": 1, "duration": "30s", "warmup": "3s",
          "workload": { "rate": 960, "mix": { "req": 1 } },
          "components": [
            { "id": "lb", "kind": "loadBalancer", "strategy": "random", "backends": ["app"] },
            { "id": "app", "kind": "service", "instances": 4, "concurrency": 4,
              "serviceTime": { "dist": "exponential", "mean": "10ms" } }
          ],
          "routes": [ { "class": "req", "steps": [ { "call": "lb" } ] } ],
          "sla": { "objectives": [ { "metric": "latency", "percentile": 99, "max": "1s" }, { "metric": "availability", "min": 99 } ] }
        }
        """

    static func load(_ text: String = checkout, set: [String] = []) throws -> LoadedScenario {
        try ScenarioLoader.decode(document: try JSONValue.parse(text), file: "checkout.json", overrides: set)
    }

    // Sizing, by theory (M/M/4 per instance, exact response-time tail of Erlang C):
    // - unchanged: p99 = 49.8 ms, mean 11.8 ms;
    // - degraded, one instance fewer (3 × 4 workers for the same 960 req/s, ρ = 0.8): p99 = 68.9 ms
    //   (+38 %), mean 17.5 ms (+48 %) — far beyond the +10 % tolerance;
    // - a change far below tolerance, service time 10 ms → 10.1 ms (+1 %): p99 = 50.5 ms (+1.4 %).
    // Noise: with 5 paired replications of 27 s measured, common random numbers leave a paired
    // p99 difference whose relative standard deviation is a few percent, so the half-width
    // (t₄ = 2.78, /√5) is about ±3–6 %. The degraded change must then read above +10 % at the
    // lower end of its interval: it is 28 points clear, 5+ standard deviations; the small change
    // must stay below +10 % at the upper end: 8.6 points clear. Neither flips by chance.
    @Test("on 50 base seeds: unchanged passes, one instance fewer is flagged, +1 % service time is not")
    func fiftySeeds() throws {
        let original = try Self.load()
        // The same scenario written with keys in another order: a different document (and hash), the same model.
        let reordered = try Self.load(Self.checkout.replacingOccurrences(
            of: #""id": "app", "kind": "service", "instances": 4, "concurrency": 4,"#,
            with: #""concurrency": 4, "instances": 4, "kind": "service", "id": "app","#))
        let degraded = try Self.load(set: ["components.app.instances=3"])
        let small = try Self.load(set: [#"components.app.serviceTime={"dist": "exponential", "mean": "10.1ms"}"#])
        let seeds = (0..<50).map { UInt64(1_000 + 17 * $0) }
        let variants = [original, reordered, degraded, small]
        let plans = seeds.flatMap { seed in
            variants.map { ReplicationPlan(scenario: $0.scenario, baseSeed: seed, replications: 5) }
        }
        let outcomes = ReplicationRunner.run(plans, jobs: 2)
        let tolerances = Tolerances.defaults
        for (i, seed) in seeds.enumerated() {
            let runs = outcomes[(4 * i)..<(4 * i + 4)].map(\.results)
            let hashes = variants.map { ScenarioFingerprint.of($0.document) }
            let entry = Baseline.Entry(file: "checkout.json", scenarioHash: hashes[0], results: runs[0])
            func check(_ v: Int) throws -> ScenarioCheck {
                let summary = try #require(outcomes[4 * i + v].summary)
                let comparison = BaselineComparison(entry: entry, candidate: runs[v], scenarioHash: hashes[v], tolerances: tolerances)
                return ScenarioCheck(file: "checkout.json", scenarioHash: hashes[v], summary: summary, baseline: comparison)
            }
            let unchanged = try check(1)
            #expect(unchanged.baseline?.scenarioChanged == true)
            #expect(unchanged.verdict == .pass, "seed \(seed): \(unchanged.baseline?.comparisons.map(\.status) ?? [])")
            #expect(unchanged.baseline?.comparisons.allSatisfy { $0.status == .noSignificantChange } == true, "seed \(seed)")
            let worse = try check(2)
            #expect(worse.verdict == .regressed, "seed \(seed)")
            #expect(worse.baseline?.regressions.map(\.metric).contains(.p99) == true, "seed \(seed)")
            let slight = try check(3)
            #expect(slight.verdict == .pass, "seed \(seed): \(slight.baseline?.comparisons.map { "\($0.metric) \($0.status)" } ?? [])")
            let p99 = try #require(slight.baseline?.comparisons.first { $0.metric == .p99 })
            #expect((p99.relativeChange ?? 1) < 0.05, "seed \(seed): p99 changed by \(p99.relativeChange ?? .nan)")
        }
    }

    @Test("a baseline written and read back is the same record, and compares equal to its own runs exactly")
    func roundTrip() throws {
        let loaded = try Self.load()
        let outcome = ReplicationRunner.run([ReplicationPlan(scenario: loaded.scenario, replications: 3)], jobs: 2)[0]
        let entry = Baseline.Entry(file: "a/checkout.json", scenarioHash: ScenarioFingerprint.of(loaded.document), results: outcome.results)
        let baseline = Baseline(entries: [entry])
        let text = baseline.json.rendered(pretty: true)
        let read = try Baseline.read(text, file: "baseline.json")
        #expect(read == baseline)
        let comparison = BaselineComparison(entry: read.entries[0], candidate: outcome.results, scenarioHash: entry.scenarioHash, tolerances: .defaults)
        #expect(!comparison.scenarioChanged && !comparison.stale)
        #expect(comparison.comparisons.allSatisfy { $0.difference.mean == 0 && $0.difference.halfWidth == 0 })
    }

    @Test("paired comparisons: each status from hand-made pairs")
    func statuses() {
        let base = [100.0, 102, 98, 101, 99]
        // Differences 20, 21, 19, 20, 20: mean 20 (+20 %), s = 0.707, half-width 2.776·0.707/√5 = 0.88.
        #expect(MetricComparison(metric: .p99, tolerance: 0.10, baseline: base, candidate: [120, 123, 117, 121, 119]).status == .regressed)
        // Differences 10, 12, 8, 10, 10: mean 10 (the tolerance) ± 1.76: straddles it.
        #expect(MetricComparison(metric: .p99, tolerance: 0.10, baseline: base, candidate: [110, 114, 106, 111, 109]).status == .inconclusive)
        // Differences 3, 4, 2, 3, 3: mean 3 ± 0.88: worse, but within +10 %.
        #expect(MetricComparison(metric: .p99, tolerance: 0.10, baseline: base, candidate: [103, 106, 100, 104, 102]).status == .worseWithinTolerance)
        // Differences 1, −1, 2, −2, 0: mean 0 ± 1.96: no significant change.
        #expect(MetricComparison(metric: .p99, tolerance: 0.10, baseline: base, candidate: [101, 101, 100, 99, 99]).status == .noSignificantChange)
        // Throughput falling is the worsening: −20 % against a −5 % tolerance regresses; rising improves.
        #expect(MetricComparison(metric: .throughput, tolerance: 0.05, baseline: base, candidate: [80, 82, 78, 81, 79]).status == .regressed)
        #expect(MetricComparison(metric: .throughput, tolerance: 0.05, baseline: base, candidate: [120, 123, 117, 121, 119]).status == .improved)
        let c = MetricComparison(metric: .p99, tolerance: 0.10, baseline: base, candidate: [120, 123, 117, 121, 119])
        #expect(abs((c.relativeChange ?? 0) - 0.2) < 1e-12)
        #expect(abs(c.difference.halfWidth - 2.776445105 * (0.5).squareRoot() / (5.0).squareRoot()) < 1e-6)
    }

    @Test("tolerances: defaults, overrides, off, and every mistake worded", arguments: [
        ("p99", #"--tolerance p99: expected METRIC=PERCENT, such as p99=+10% or throughput=-5%"#),
        ("p88=10%", #"--tolerance p88=10%: unknown metric "p88"; did you mean "p50"?"#),
        ("latency=10%", #"--tolerance latency=10%: unknown metric "latency"; expected one of "mean", "p50", "p90", "p95", "p99", "p999", "throughput", "availability", "successRate", "monthlyCost""#),
        ("p99=10", #"--tolerance p99=10: found "10"; expected a percentage such as +10% (or off)"#),
        ("throughput=five%", #"--tolerance throughput=five%: found "five%"; expected a percentage such as -10% (or off)"#),
        ("p99=-10%", #"--tolerance p99=-10%: p99 regresses when it rises; write +10%"#),
        ("throughput=+5%", #"--tolerance throughput=+5%: throughput regresses when it falls; write -5%"#),
    ])
    func toleranceMistakes(_ option: String, _ message: String) {
        do {
            _ = try Tolerances.parsing([option])
            Issue.record("\(option) was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [message])
        }
    }

    @Test("tolerances: the defaults, a changed one, a new one and one turned off")
    func toleranceOverrides() throws {
        let t = try Tolerances.parsing(["p99=+20%", "p999=25 %", "monthlyCost=off", "throughput=-2.5%", "availability=0.5%"])
        #expect(t.fractions[.p99] == 0.20 && t.fractions[.p999] == 0.25 && t.fractions[.monthlyCost] == nil)
        #expect(t.fractions[.throughput] == 0.025 && t.fractions[.availability] == 0.005 && t.fractions[.p50] == 0.10)
        #expect(t.metrics == [.mean, .p50, .p95, .p99, .p999, .throughput, .availability, .successRate])
    }

    @Test("a corrupt baseline lists every problem with its path")
    func corruptBaseline() {
        let text = """
            {"formatVersion": 2, "headroomVersion": "0.1.0", "extra": 1,
             "scenarios": [{"file": "a.json", "scenario": "a", "scenarioHash": "x", "headroomVersion": "0.1.0", "seed": -1,
                            "replications": 2, "warmupSeconds": 0,
                            "metrics": {"mean": [1, 2], "p50": [1], "p90": [1, 2], "p95": [1, 2], "p99": "fast", "p999": [1, 2],
                                        "throughput": [1, 2], "availability": [1, 2], "successRate": [1, 2]}}]}
            """
        do {
            _ = try Baseline.read(text, file: "base.json")
            Issue.record("accepted")
        } catch {
            #expect(error.description.split(separator: "\n").map(String.init) == [
                #"base.json: extra: unknown key "extra"; expected one of "formatVersion", "headroomVersion", "scenarios""#,
                "base.json: formatVersion: found 2; expected 1 (this Headroom reads baseline format 1; re-record the baseline with --update-baseline)",
                "base.json: scenarios[0].seed: found -1 (a number); expected an integer from 0 to 18446744073709551615",
                #"base.json: scenarios[0].metrics: missing key "monthlyCost""#,
                "base.json: scenarios[0].metrics.p50: found 1 values; expected one per replication (2)",
                #"base.json: scenarios[0].metrics.p99: found "fast" (a string); expected an array of numbers"#,
            ])
        }
        do {
            _ = try Baseline.read("{\"formatVersion\": 1,", file: "base.json")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("base.json: not a baseline: line 1, column"))
        }
    }
}

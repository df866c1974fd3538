import Testing
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomScenario

@Suite("Parallel replications, warm-up detection and precision")
struct ReplicationRunnerTests {
    /// An M/M/1 (10 ms service, 50 req/s: ρ = 0.5) whose first 10 s carry a surge of 200 req/s
    /// (ρ = 2): about (200 − 100) × 10 = 1,000 requests queue up and drain at μ − λ = 50/s, so the
    /// queue is empty again near t = 30 s. A known transient of about 30 s in a 120 s run.
    static func scenario(warmup: String? = nil, duration: String = "120s") throws -> Scenario {
        let warm = warmup.map { "\"warmup\": \"\($0)\"," } ?? ""
        let text = """
            {
              "name": "mm1", "seed": 5, "duration": "\(duration)", \(warm)
              "workload": { "rate": 50, "mix": { "req": 1 }, "bursts": [ { "start": "0s", "duration": "10s", "rate": 200 } ] },
              "components": [ { "id": "s", "kind": "service", "serviceTime": { "dist": "exponential", "mean": "10ms" } } ],
              "routes": [ { "class": "req", "steps": [ { "call": "s" } ] } ],
              "sla": { "objectives": [ { "metric": "latency", "percentile": 95, "max": "1s" }, { "metric": "throughput", "min": 40 } ] }
            }
            """
        return try ScenarioLoader.decode(text: text, file: "mm1.json")
    }

    @Test("the outcomes do not depend on the number of jobs")
    func jobsDoNotMatter() throws {
        let plans = [
            ReplicationPlan(scenario: try Self.scenario(), replications: 5, detectWarmup: true),
            ReplicationPlan(scenario: try Self.scenario(warmup: "40s"), baseSeed: 77, replications: 3, precision: 0.01, maxReplications: 9),
        ]
        let one = ReplicationRunner.run(plans, jobs: 1)
        for jobs in [2, 3, 8] {
            let many = ReplicationRunner.run(plans, jobs: jobs)
            for (a, b) in zip(one, many) {
                #expect(a.results == b.results, "jobs \(jobs)")
                #expect(a.warmup == b.warmup && a.precision == b.precision && a.planned == b.planned, "jobs \(jobs)")
                #expect(a.summary == b.summary)
            }
        }
        #expect(one[0].results.map(\.seed) == [5, 6, 7, 8, 9])
        #expect(one[1].results.map(\.seed) == Array(77...UInt64(76 + one[1].results.count)))
    }

    @Test("replication k equals a plain run with seed base + k")
    func sameAsPlainRuns() throws {
        let scenario = try Self.scenario(warmup: "40s")
        let outcome = ReplicationRunner.run([ReplicationPlan(scenario: scenario, replications: 3)], jobs: 2)[0]
        for k in 0..<3 {
            let plain = Results(try Simulation(scenario: scenario, seed: 5 + UInt64(k)).run(), scenario: scenario)
            #expect(outcome.results[k] == plain)
        }
    }

    @Test("a detected warm-up is exact: every replication equals a run given that warm-up")
    func detectedWarmupIsExact() throws {
        let scenario = try Self.scenario()
        let outcome = ReplicationRunner.run([ReplicationPlan(scenario: scenario, replications: 3, detectWarmup: true)], jobs: 2)[0]
        let detection = try #require(outcome.warmup)
        #expect(detection.decided)
        // The surge's queue drains near 30 s: the last requests before that still wait a little,
        // so the cut may come a few seconds early, never before the surge ends, nor in the second half.
        #expect(detection.warmupSeconds >= 20 && detection.warmupSeconds <= 60, "cut at \(detection.warmupSeconds) s")
        // The pilot (replication 0 without warm-up) found the cut: MSER-5 on its series by hand.
        let pilot = try Simulation(scenario: scenario, seed: 5).run()
        #expect(WarmupDetection(series: pilot.overall.responseTimes) == detection)
        var warmed = scenario
        warmed.warmup = TimeSpan(seconds: detection.warmupSeconds)
        for k in 0..<3 {
            let expected = Results(try Simulation(scenario: warmed, seed: 5 + UInt64(k)).run(), scenario: warmed)
            var got = outcome.results[k]
            // The warm-up's end is one more event in the calendar; everything measured is the same.
            #expect(got.events == expected.events)
            got.warmupDetection = nil
            #expect(got == expected, "replication \(k)")
        }
        #expect(outcome.planned == 3 && outcome.complete)
    }

    @Test("a run that never settles is measured without warm-up and says so")
    func tooShort() throws {
        // 120 req/s into a 10 ms server: ρ = 1.2, the queue grows for the whole run.
        var scenario = try Self.scenario()
        scenario.workload.rate = 120
        scenario.workload.bursts = []
        let outcome = ReplicationRunner.run([ReplicationPlan(scenario: scenario, replications: 2, detectWarmup: true)], jobs: 2)[0]
        #expect(outcome.warmup?.decided == false)
        #expect(outcome.results.allSatisfy { $0.warmupSeconds == 0 })
    }

    @Test("--precision adds replications until every objective's interval is that narrow, within the cap")
    func precision() throws {
        let scenario = try Self.scenario(warmup: "40s")
        let plan = ReplicationPlan(scenario: scenario, replications: 3, precision: 0.02, maxReplications: 80)
        let outcome = ReplicationRunner.run([plan], jobs: 2)[0]
        let summary = try #require(outcome.summary)
        let precision = try #require(summary.precision)
        #expect(precision.reached, "\(precision.wider.map(\.name))")
        #expect(summary.replications > 3)
        for v in summary.verdicts { #expect((v.relativeHalfWidth ?? 1) <= 0.02, "\(v.name)") }
        // A precision no count can reach stops at the cap, and says so.
        let capped = ReplicationRunner.run([ReplicationPlan(scenario: scenario, replications: 3, precision: 0.0001, maxReplications: 6)], jobs: 2)[0]
        #expect(capped.results.count == 6 && capped.precision?.reached == false)
    }

    @Test("interval verdicts: pass, fail and inconclusive by where the interval lies")
    func verdicts() {
        func interval(_ mean: Double, _ halfWidth: Double) -> ConfidenceInterval {
            var i = ConfidenceInterval(estimates: [0, 1])
            i.mean = mean
            i.halfWidth = halfWidth
            return i
        }
        #expect(IntervalVerdict(interval(90, 5), bound: .max, target: 100) == .pass)
        #expect(IntervalVerdict(interval(95, 5), bound: .max, target: 100) == .pass)  // touching counts as met
        #expect(IntervalVerdict(interval(97, 5), bound: .max, target: 100) == .inconclusive)
        #expect(IntervalVerdict(interval(106, 5), bound: .max, target: 100) == .fail)
        #expect(IntervalVerdict(interval(110, 5), bound: .min, target: 100) == .pass)
        #expect(IntervalVerdict(interval(102, 5), bound: .min, target: 100) == .inconclusive)
        #expect(IntervalVerdict(interval(94, 5), bound: .min, target: 100) == .fail)
        #expect(IntervalVerdict.worst([.pass, .inconclusive, .pass]) == .inconclusive)
        #expect(IntervalVerdict.worst([.inconclusive, .fail]) == .fail)
        #expect(IntervalVerdict.worst([]) == .pass)
    }

    @Test("how many more replications would likely decide: by hand with Student's t")
    func moreReplications() {
        // s = 1, the target 0.5 from the mean: the smallest n with t(0.975, n−1)/√n < 0.5 is 18
        // (t₁₆ = 2.1199/√17 = 0.514; t₁₇ = 2.1098/√18 = 0.497).
        var i = ConfidenceInterval(estimates: [0, 1, 2, 3, 4])
        i.standardDeviation = 1
        #expect(i.count == 5)
        #expect(i.additionalReplications(toResolve: 0.5) == 13)
        #expect(i.additionalReplications(toResolve: 0) == nil)
        #expect(i.additionalReplications(toResolve: 10) == 0)
    }
}

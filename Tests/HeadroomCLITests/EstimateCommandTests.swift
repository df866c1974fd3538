import Foundation
import Testing

@Suite("headroom estimate and run overrides, end to end", .serialized)
struct EstimateCommandTests {
    @Test("the seed's Instagram-scale example matches its recordings, text and JSON")
    func instagram() throws {
        let arguments = ["estimate", "--dau", "500000000", "--requests-per-user", "50", "--peak-multiplier", "3",
                         "--data-per-user-kb", "100", "--years", "5", "--response-kb", "50",
                         "--service-time", "50ms", "--latency-objective", "200ms", "--workers-per-instance", "8"]
        let text = try CLI.run(arguments)
        #expect(text.status == 0, "\(text.stderr)")
        try CLI.expectGolden(text.stdout, "estimate-instagram.txt")
        let json = try CLI.run(arguments + ["--format", "json"])
        #expect(json.status == 0)
        try CLI.expectGolden(json.stdout, "estimate-instagram.json")
    }

    @Test("an objective no number of servers can meet is said so, not sized")
    func impossible() throws {
        let result = try CLI.run(["estimate", "--rps", "100", "--service-time", "100ms", "--latency-objective", "200ms"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("impossible: the service time alone exceeds the objective at that percentile"))
    }

    @Test("estimate: every option mistake is bad input with its own message", arguments: [
        (["--dau", "1000"], "Error: --dau and --requests-per-user go together"),
        (["--peak-multiplier", "2"], "Error: give --dau and --requests-per-user, or --rps"),
        (["--rps", "10", "--service-time", "5ms"], "Error: --service-time and --latency-objective go together"),
        (["--rps", "10", "--service-time", "5", "--latency-objective", "1s"], #"Error: --service-time: found "5"; expected a duration with a unit, such as "40ms""#),
        (["--rps", "10", "--service-time", "5ms", "--latency-objective", "soon"], #"Error: --latency-objective: found "soon"; expected a duration with a unit, such as "200ms""#),
        (["--rps", "10", "--percentile", "100"], "Error: --percentile must be between 0 and 100"),
        (["--rps=-3"], "Error: --rps must be a number > 0"),
        (["--rps", "10", "--service-time", "5ms", "--latency-objective", "1s", "--years", "0"], "Error: --peak-multiplier and --years must be finite numbers > 0, --growth a finite number >= 0"),
        (["--dau", "10", "--requests-per-user", "1", "--peak-multiplier", "inf"], "Error: --peak-multiplier and --years must be finite numbers > 0, --growth a finite number >= 0"),
        (["--rps", "100"], "Error: --rps is the load to size servers for: add --service-time and --latency-objective (or give --dau and --requests-per-user for traffic)"),
        (["--rps", "10", "--service-time", "5ms", "--latency-objective", "1s", "--response-kb", "20"], "Error: --response-kb needs --dau and --requests-per-user (storage and bandwidth grow with the users)"),
        (["--dau", "1e300", "--requests-per-user", "1e300"], "Error: --dau × --requests-per-user × --peak-multiplier (the peak RPS) is too large to compute (it overflows a 64-bit float); expected smaller values"),
        (["--dau", "1", "--requests-per-user", "1", "--data-per-user-kb", "1", "--growth", "1e308"], "Error: --dau × --data-per-user-kb × 365 × --years × (1 + --growth)^--years (the storage) is too large to compute (it overflows a 64-bit float); expected smaller values"),
        (["--rps", "10", "--service-time", "0x10ms", "--latency-objective", "1s"], #"Error: --service-time: found "0x10ms"; expected a duration with a unit, such as "40ms""#),
        (["--rps", "10", "--workers-per-instance", "0"], "Error: --workers-per-instance must be at least 1"),
    ])
    func estimateMistakes(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(["estimate"] + arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr.hasPrefix(message + "\n"), "\(arguments): \(result.stderr)")
    }

    /// Values the options accept that crashed estimate (exit 132), hung it or printed figures
    /// that overflow: each now prints a sane report, and what it says is checked by hand.
    static let largeValues: [(arguments: [String], output: [String])] = [
        // 10²⁰ users: figures past 10¹⁸ in scientific notation (Int64 conversion trapped);
        // 10²⁰ / 86,400 = 1,157,407,407,407,407.4, which a Double holds as …407.5, shown …408.
        (["--dau", "1e20", "--requests-per-user", "1"], [
            "Traffic      1e+20 daily users × 1 requests/day, peak ×1",
            "             average 1,157,407,407,407,408 req/s · peak 1,157,407,407,407,408 req/s",
        ]),
        // 100 years at 20 %: 100 × 1 × 365 × 100 × 1.2¹⁰⁰ (= 82,817,974.5) = 3.0229e14 KB = 302.29 PB.
        (["--dau", "100", "--requests-per-user", "1", "--data-per-user-kb", "1", "--years", "100"], [
            "Traffic      100 daily users × 1 requests/day, peak ×1",
            "             average 0 req/s · peak 0 req/s",
            "Storage      1 KB per user per day for 100 years, 20 % yearly growth: 302,285,607,005,352 KB ≈ 302.29 PB",
        ]),
        // 10³⁰⁸ req/s × 40 ms: 4e306 busy workers on average, far past any one pool.
        (["--rps", "1e308", "--service-time", "40ms", "--latency-objective", "200ms"], [
            "Sizing       1e+308 req/s × 40 ms mean service, p95 ≤ 200 ms (M/M/c, Erlang C)",
            "             not sized: it needs 10,000,000 workers or more (4e+306 busy on average); split the load into cells or shorten the service time",
        ]),
        // 10¹² req/s ran Erlang B over 4·10¹⁰ servers for minutes.
        (["--rps", "1e12", "--service-time", "40ms", "--latency-objective", "200ms"], [
            "Sizing       1,000,000,000,000 req/s × 40 ms mean service, p95 ≤ 200 ms (M/M/c, Erlang C)",
            "             not sized: it needs 10,000,000 workers or more (40,000,000,000 busy on average); split the load into cells or shorten the service time",
        ]),
        // Int.max workers per instance: 5 workers still make 1 instance ((5 + w − 1) / w overflowed);
        // 4 erlangs on 5 servers: utilization 80 %, Erlang C(5, 4) = 0.554.
        (["--rps", "100", "--service-time", "40ms", "--latency-objective", "200ms", "--workers-per-instance", "9223372036854775807"], [
            "Sizing       100 req/s × 40 ms mean service, p95 ≤ 200 ms (M/M/c, Erlang C)",
            "             5 workers = 1 instances × 9223372036854775807 · utilization 80.00 % · P(wait) 0.554 · p95 167.899 ms",
        ]),
    ]

    @Test("large accepted values give a report, exit 0, in well under the time a hang would take", arguments: largeValues)
    func largeAccepted(_ arguments: [String], _ output: [String]) throws {
        let start = Date()
        let result = try CLI.run(["estimate"] + arguments)
        #expect(Date().timeIntervalSince(start) < 10, "\(arguments) took \(Date().timeIntervalSince(start)) s")
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stdout == output.joined(separator: "\n") + "\n")
        let json = try CLI.run(["estimate", "--format", "json"] + arguments)
        #expect(json.status == 0)
        #expect(!json.stdout.contains("inf") && !json.stdout.contains("nan"))
    }

    @Test("the JSON says why a load was not sized")
    func notSizedBecause() throws {
        let tooLarge = try CLI.run(["estimate", "--rps", "1e12", "--service-time", "40ms", "--latency-objective", "200ms", "--format", "json"])
        #expect(tooLarge.stdout.contains(#""servers": null"#) && tooLarge.stdout.contains(#""notSizedBecause": "tooLarge""#))
        let slow = try CLI.run(["estimate", "--rps", "100", "--service-time", "100ms", "--latency-objective", "200ms", "--format", "json"])
        #expect(slow.stdout.contains(#""notSizedBecause": "serviceTimeExceedsObjective""#))
        let sized = try CLI.run(["estimate", "--rps", "100", "--service-time", "40ms", "--latency-objective", "200ms", "--format", "json"])
        #expect(sized.stdout.contains(#""servers": 5,"#) && sized.stdout.contains(#""notSizedBecause": null"#))
    }

    @Test("run: a --duration or --warmup that is not a duration is bad input naming the option")
    func overrideMistakes() throws {
        let result = try CLI.run(["run", "Scenarios/startup-mvp.json", "--duration", "5", "--warmup", "soon"])
        #expect(result.status == 2)
        #expect(result.stderr == """
            Scenarios/startup-mvp.json: --duration: found "5"; expected a duration with a unit, such as "2m"
            Scenarios/startup-mvp.json: --warmup: found "soon"; expected a duration with a unit, such as "20s" or auto

            """)
        // A warm-up the override makes too long is the validator's ordinary diagnostic.
        let long = try CLI.run(["run", "Scenarios/startup-mvp.json", "--warmup", "20m"])
        #expect(long.status == 2)
        #expect(long.stderr == #"Scenarios/startup-mvp.json: warmup: found "20m"; expected a duration shorter than duration ("10m")"# + "\n")
    }

    @Test("run --ramp reports the capacity search; exit 0 when the scenario's own load passes")
    func ramp() throws {
        let result = try CLI.run(["run", "Scenarios/startup-mvp.json", "--ramp", "--duration", "1m", "--warmup", "10s", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"capacity\": {"))
        #expect(result.stdout.contains("\"brokenBy\": \"app\""))
    }
}

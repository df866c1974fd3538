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
        (["--rps", "10", "--years", "0"], "Error: --peak-multiplier and --years must be > 0, --growth >= 0"),
        (["--rps", "10", "--workers-per-instance", "0"], "Error: --workers-per-instance must be at least 1"),
    ])
    func estimateMistakes(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(["estimate"] + arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr.hasPrefix(message + "\n"), "\(arguments): \(result.stderr)")
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

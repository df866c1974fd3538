import Foundation
import Headroom
import Testing

@Suite("headroom run, end to end", .serialized)
struct RunCommandTests {
    static let examples: [String] = {
        let dir = CLI.root.appendingPathComponent("Scenarios")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test("there are example scenarios to check")
    func examplesExist() {
        #expect(Self.examples.contains("startup-mvp.json"))
        #expect(Self.examples.contains("mmc-validation.json"))
    }

    @Test("every example runs, exits 0 or 3 as its SLA verdict says, and matches its recorded reports", arguments: examples)
    func exampleReports(_ file: String) throws {
        let name = (file as NSString).deletingPathExtension
        let text = try CLI.run(["run", "Scenarios/\(file)"])
        #expect(text.stderr.isEmpty, "\(text.stderr)")
        try CLI.expectGolden(text.stdout, "\(name).txt")
        let json = try CLI.run(["run", "Scenarios/\(file)", "--format", "json"])
        try CLI.expectGolden(json.stdout, "\(name).json")
        let passed = json.stdout.contains("\"sla\": {\n    \"passed\": true")
        #expect(json.status == (passed ? 0 : 3), "\(file): exit \(json.status)")
        #expect(text.status == json.status)
        #expect(text.stdout.contains(passed ? "SLA          PASS" : "SLA          FAIL"))
    }

    @Test("--replications reports means with confidence intervals and judges the SLA on them")
    func replications() throws {
        let text = try CLI.run(["run", "Scenarios/startup-mvp.json", "--replications", "3", "--duration", "2m", "--warmup", "20s"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("startup-mvp · 3 replications, seeds 42…44 · mean ± 95 % confidence half-width, first 20 s excluded as warm-up\n"))
        #expect(text.stdout.contains("SLA          PASS (judged on the 95 % intervals)"))
        #expect(text.stdout.contains("met in 3 of 3 replications"))
        let json = try CLI.run(["run", "Scenarios/paid-api.json", "--replications", "2", "--duration", "5m", "--format", "json"])
        #expect(json.status == 3)
        let value = try JSONValue.parse(json.stdout)
        #expect(value.objectValue?.keys == ["formatVersion", "scenario", "seed", "replications", "confidence", "warmupSeconds", "metrics", "sla", "runs"])
        #expect(value["metrics"]?[0]?.objectValue?.keys == ["name", "unit", "mean", "halfWidth", "min", "max", "values"])
        #expect(value["sla"]?["objectives"]?[0]?.objectValue?.keys == [
            "name", "bound", "target", "unit", "mean", "halfWidth", "passedInReplications", "passed", "verdict", "moreReplications", "values",
        ])
        #expect(value["sla"]?["verdict"] == "fail")
        #expect(value["sla"]?["passed"] == .bool(false))
        let again = try CLI.run(["run", "Scenarios/paid-api.json", "--replications", "2", "--duration", "5m", "--format", "json"])
        #expect(again.stdout == json.stdout)
    }

    @Test("--replications below 1, or with --ramp, is bad input", arguments: [
        (["--replications", "0"], "Error: --replications must be at least 1"),
        (["--replications", "3", "--ramp"], "Error: --replications and --ramp cannot be combined"),
    ])
    func replicationsMisuse(_ extra: [String], _ message: String) throws {
        let result = try CLI.run(["run", "Scenarios/startup-mvp.json"] + extra)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    @Test("an example that misses its SLA still writes its report, then exits 3")
    func slaFailureExitCode() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("paid.json")
        let result = try CLI.run(["run", "Scenarios/paid-api.json", "--format", "json", "--output", target.path])
        #expect(result.status == 3)
        #expect(result.stderr.isEmpty)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.contains("\"passed\": false"))
    }

    @Test("the same seed gives byte-identical JSON; --seed changes the draws and is printed")
    func determinism() throws {
        let a = try CLI.run(["run", "Scenarios/startup-mvp.json", "--format", "json", "--seed", "7"])
        let b = try CLI.run(["run", "Scenarios/startup-mvp.json", "--format", "json", "--seed", "7"])
        let c = try CLI.run(["run", "Scenarios/startup-mvp.json", "--format", "json", "--seed", "8"])
        #expect(a.status == 0 && b.status == 0 && c.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
        #expect(a.stdout.contains("\"seed\": 7,"))
        let text = try CLI.run(["run", "Scenarios/startup-mvp.json", "--seed", "7"])
        #expect(text.stdout.hasPrefix("startup-mvp · seed 7 ·"))
    }

    @Test("--output writes the same report atomically and leaves no temporary file")
    func outputFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("results.json")
        let written = try CLI.run(["run", CLI.root.appendingPathComponent("Scenarios/startup-mvp.json").path, "--format", "json", "--output", target.path])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        let printed = try CLI.run(["run", "Scenarios/startup-mvp.json", "--format", "json"])
        #expect(try String(contentsOf: target, encoding: .utf8) == printed.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["results.json"])
    }

    @Test("an invalid scenario lists every problem, exits 2 and writes no output file")
    func invalidScenario() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.json")
        let result = try CLI.run(["run", "Tests/HeadroomCLITests/Fixtures/invalid.json", "--output", target.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        try CLI.expectGolden(result.stderr, "invalid.stderr")
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("malformed JSON names the line and column, exit 2")
    func malformedJSON() throws {
        let result = try CLI.run(["run", "Tests/HeadroomCLITests/Fixtures/malformed.json"])
        #expect(result.status == 2)
        try CLI.expectGolden(result.stderr, "malformed.stderr")
    }

    @Test("a missing scenario file is bad input, exit 2")
    func missingFile() throws {
        let result = try CLI.run(["run", "no-such-scenario.json"])
        #expect(result.status == 2)
        #expect(result.stderr == "no-such-scenario.json: cannot read the file: no such file\n")
    }

    @Test("command-line mistakes are bad input, exit 2", arguments: [
        ["run"], ["run", "Scenarios/startup-mvp.json", "--format", "xml"], ["run", "Scenarios/startup-mvp.json", "--seed", "-1"],
        ["rnu", "Scenarios/startup-mvp.json"], ["run", "Scenarios/startup-mvp.json", "--bogus"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("Error:") || result.stderr.contains("error:"))
    }

    @Test("an unwritable output path is a failure, exit 1, with the reason")
    func unwritableOutput() throws {
        let result = try CLI.run(["run", "Scenarios/startup-mvp.json", "--output", "/nonexistent-dir/results.json"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write /nonexistent-dir/results.json: No such file or directory\n")
    }

    @Test("help texts carry examples and match their recordings", arguments: [
        (["--help"], "help.txt"), (["run", "--help"], "run-help.txt"), (["check", "--help"], "check-help.txt"),
    ])
    func help(_ arguments: [String], _ golden: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        try CLI.expectGolden(result.stdout, golden)
    }

    // The signal must arrive while the temporary file exists, or the test proves nothing (it
    // once arrived before the file was created). HEADROOM_TEST_HOLD_TEMPORARY_FILE keeps the
    // complete temporary file in place before the rename; the test waits until it sees it.
    @Test("an interrupted run (SIGINT, SIGTERM, SIGHUP) removes its temporary file and leaves the old output untouched", arguments: [SIGINT, SIGTERM, SIGHUP])
    func interrupted(_ signalNumber: Int32) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.json")
        try "old\n".write(to: target, atomically: false, encoding: .utf8)
        let pid = try CLI.spawn(
            ["run", CLI.root.appendingPathComponent("Scenarios/mmc-validation.json").path, "--duration", "20s", "--warmup", "2s", "--output", target.path],
            environment: ["HEADROOM_TEST_HOLD_TEMPORARY_FILE": "20"])
        func temporaryFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".out.json.tmp-") }
        }
        var waited = 0
        while try temporaryFiles().isEmpty, waited < 1_000 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 1
        }
        try #require(try temporaryFiles().count == 1, "the temporary file never appeared")
        kill(pid, signalNumber)
        let status = CLI.wait(for: pid)
        #expect(status == 128 + signalNumber, "exit \(status)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
        #expect(try String(contentsOf: target, encoding: .utf8) == "old\n")
    }
}

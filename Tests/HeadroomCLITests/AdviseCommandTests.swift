import Foundation
import Testing

@Suite("headroom advise, end to end", .serialized)
struct AdviseCommandTests {
    static let fixtures = "Tests/HeadroomCLITests/Fixtures/advisor"

    @Test("--answers gives the recorded text and JSON for each fixture", arguments: ["demo", "microservices", "serverless"])
    func golden(_ name: String) throws {
        let text = try CLI.run(["advise", "--answers", "\(Self.fixtures)/\(name).json"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stderr.isEmpty)
        try CLI.expectGolden(text.stdout, "advise-\(name).txt")
        let json = try CLI.run(["advise", "--answers", "\(Self.fixtures)/\(name).json", "--format", "json"])
        #expect(json.status == 0)
        try CLI.expectGolden(json.stdout, "advise-\(name).json")
    }

    @Test("--simulate runs the starter scenario and reports it (deterministic)")
    func simulate() throws {
        let run = try CLI.run(["advise", "--answers", "\(Self.fixtures)/demo.json", "--simulate"])
        #expect(run.status == 0, "\(run.stderr)")
        try CLI.expectGolden(run.stdout, "advise-demo-simulate.txt")
        let json = try CLI.run(["advise", "--answers", "\(Self.fixtures)/serverless.json", "--simulate", "--format", "json"])
        let again = try CLI.run(["advise", "--answers", "\(Self.fixtures)/serverless.json", "--simulate", "--format", "json"])
        #expect(json.stdout == again.stdout)
        #expect(json.stdout.contains("\"p99Ms\""))
        // With a simulation, the verdicts and the monthly cost are filled in.
        #expect(json.stdout.contains("\"costAndSla\": {\n    \"slaPassed\": "))
        #expect(json.stdout.contains("\"monthlyCostDollars\": "))
        let plain = try CLI.run(["advise", "--answers", "\(Self.fixtures)/serverless.json", "--format", "json"])
        #expect(plain.stdout.contains("\"costAndSla\": null"))
    }

    @Test("--write-scenario writes a scenario that headroom run accepts, and leaves no temporary file")
    func writeScenario() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("starter.json")
        let advise = try CLI.run(["advise", "--answers", "\(Self.fixtures)/microservices.json", "--write-scenario", target.path])
        #expect(advise.status == 0, "\(advise.stderr)")
        #expect(advise.stdout.contains("Starter scenario advisor-microservices: written to \(target.path)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["starter.json"])
        let run = try CLI.run(["run", target.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"scenario\": \"advisor-microservices\""))
    }

    @Test("a bad answers file lists every problem with its path, exits 2 and writes nothing")
    func badAnswers() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("starter.json")
        let bad = try CLI.run(["advise", "--answers", "\(Self.fixtures)/bad.json", "--write-scenario", target.path])
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
        let file = "\(Self.fixtures)/bad.json"
        #expect(bad.stderr == """
            \(file): unknown key "teamsize"; did you mean "teamSize"?
            \(file): budget: unknown choice "cheap"; expected one of "veryLimited", "moderate", "flexible"
            \(file): dailyActiveUsers: found "lots" (a string); expected a whole number from 1 to 10,000,000,000
            \(file): latencyObjective: found 200 (a number); expected a duration from "1ms" to "1m", such as "200ms"

            """)
        #expect(!FileManager.default.fileExists(atPath: target.path))
        let missing = try CLI.run(["advise", "--answers", "nope.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "nope.json: cannot read the file: no such file\n")
    }

    @Test("without a terminal and without --answers it says what to do and exits 2")
    func notATerminal() throws {
        let run = try CLI.run(["advise"], stdin: "")
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "error: headroom advise asks its questions on a terminal, and standard input is not one; give the answers with --answers FILE (format: docs/advisor.md)\n")
        let piped = try CLI.run(["advise", "--answers", "-", "--format", "json"], stdin: "{\"teamSize\": \"large\"}")
        #expect(piped.status == 0)
        #expect(piped.stdout.contains("\"teamSize\": \"large\""))
    }

    @Test("advise --help")
    func help() throws {
        let help = try CLI.run(["advise", "--help"])
        #expect(help.status == 0)
        try CLI.expectGolden(help.stdout, "advise-help.txt")
    }
}

extension CLI {
    /// Runs `headroom` with `input` on its standard input (a pipe, so never a terminal).
    static func run(_ arguments: [String], stdin input: String) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = inPipe
        process.standardOutput = out
        process.standardError = err
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}

import Foundation
import Headroom
import Testing

/// The Swift scenario examples (Scenarios/Swift/<Name>) behave like `headroom run` on their JSON twins.
@Suite("Swift scenario executables, end to end", .serialized)
struct SwiftExampleTests {
    static let startupMVP = CLI.executable("StartupMVP")
    /// Each Swift example and its JSON twin.
    static let twins = [("StartupMVP", "startup-mvp.json"), ("ProductionArchitecture", "production-architecture.json")]

    @Test("every Swift example has an executable built beside headroom")
    func examplesAreBuilt() throws {
        let dir = CLI.root.appendingPathComponent("Scenarios/Swift")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names.contains("StartupMVP") && names.contains("ProductionArchitecture"))
        for name in names {
            #expect(FileManager.default.isExecutableFile(atPath: CLI.executable(name).path), "\(name) is not built")
        }
    }

    @Test("--emit-json writes exactly the scenario of the JSON twin", arguments: twins)
    func emitJSON(example: String, twin: String) throws {
        let emitted = try CLI.run(["--emit-json", "-"], executable: CLI.executable(example))
        #expect(emitted.status == 0, "\(emitted.stderr)")
        let scenario = try ScenarioLoader.decode(text: emitted.stdout, file: "emitted.json")
        #expect(scenario == (try ScenarioLoader.load(path: CLI.root.appendingPathComponent("Scenarios/\(twin)").path)), "\(example)")
    }

    @Test("--emit-json to a file writes what it prints")
    func emitJSONFile() throws {
        let emitted = try CLI.run(["--emit-json", "-"], executable: Self.startupMVP)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("startup.json")
        let written = try CLI.run(["--emit-json", file.path], executable: Self.startupMVP)
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == emitted.stdout)
    }

    @Test("its reports are byte for byte those of `headroom run` on the JSON twin", arguments: twins, [
        [String](), ["--format", "json"], ["--format", "json", "--seed", "7"],
    ])
    func sameReports(_ example: (name: String, twin: String), _ options: [String]) throws {
        let swift = try CLI.run(options, executable: CLI.executable(example.name))
        let json = try CLI.run(["run", "Scenarios/\(example.twin)"] + options)
        #expect(swift.status == json.status, "\(example.name) \(options)")
        #expect(swift.stdout == json.stdout, "\(example.name) \(options)")
    }

    @Test("--output and its failures behave as in `headroom run`")
    func output() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("results.json")
        let written = try CLI.run(["--format", "json", "--output", target.path], executable: Self.startupMVP)
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["results.json"])
        let failed = try CLI.run(["--output", "/nonexistent-dir/results.json"], executable: Self.startupMVP)
        #expect(failed.status == 1)
        #expect(failed.stderr == "error: cannot write /nonexistent-dir/results.json: No such file or directory\n")
    }

    @Test("command-line mistakes exit 2", arguments: [["--format", "xml"], ["--bogus"], ["extra-argument"], ["--seed", "-1"]])
    func usageErrors(_ arguments: [String]) throws {
        let result = try CLI.run(arguments, executable: Self.startupMVP)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
    }

    @Test("--help matches its recording")
    func help() throws {
        let result = try CLI.run(["--help"], executable: Self.startupMVP)
        #expect(result.status == 0)
        try CLI.expectGolden(result.stdout, "startup-mvp-swift-help.txt")
    }
}

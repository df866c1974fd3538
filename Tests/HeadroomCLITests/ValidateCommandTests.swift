import Foundation
import Testing

@Suite("headroom validate and headroom schema, end to end", .serialized)
struct ValidateCommandTests {
    @Test("valid files: a summary and one sentence per component on stdout, exit 0")
    func validExamples() throws {
        let result = try CLI.run(["validate", "Scenarios/mmc-validation.json", "Scenarios/startup-mvp.json"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        try CLI.expectGolden(result.stdout, "validate-examples.txt")
        #expect(result.stdout.contains(
            "  app: 2 service instances × 8 workers, lognormal service time mean 12 ms cv 1, queue 200 per instance, timeout 5 s\n"))
    }

    @Test("an invalid file gets exactly the diagnostics of `run` on stderr, exit 2; valid files are still described")
    func invalidFile() throws {
        let run = try CLI.run(["run", "Tests/HeadroomCLITests/Fixtures/invalid.json"])
        let result = try CLI.run(["validate", "Tests/HeadroomCLITests/Fixtures/invalid.json", "Scenarios/startup-mvp.json"])
        #expect(result.status == 2)
        #expect(result.stderr == run.stderr)
        try CLI.expectGolden(result.stderr, "invalid.stderr")
        #expect(result.stdout.hasPrefix("Scenarios/startup-mvp.json: valid · startup-mvp: "))
    }

    @Test("unreadable and malformed files are reported as `run` reports them, every file checked")
    func unreadableFiles() throws {
        let result = try CLI.run(["validate", "no-such-scenario.json", "Tests/HeadroomCLITests/Fixtures/malformed.json", "Scenarios"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let malformed = try String(contentsOf: CLI.root.appendingPathComponent("Tests/HeadroomCLITests/Golden/malformed.stderr"), encoding: .utf8)
        #expect(result.stderr == "no-such-scenario.json: cannot read the file: no such file\n" + malformed
            + "Scenarios: cannot read the file: it is a directory\n")
    }

    @Test("--format json: one document with every file, its summary or its diagnostics")
    func jsonFormat() throws {
        let result = try CLI.run(["validate", "Scenarios/startup-mvp.json", "Tests/HeadroomCLITests/Fixtures/invalid.json", "--format", "json"])
        #expect(result.status == 2)
        #expect(result.stderr.isEmpty)
        try CLI.expectGolden(result.stdout, "validate.json")
        let valid = try CLI.run(["validate", "Scenarios/startup-mvp.json", "--format", "json"])
        #expect(valid.status == 0)
        #expect(valid.stdout.hasPrefix("{\n  \"valid\": true,\n  \"files\": ["))
    }

    @Test("the command line is checked", arguments: [["validate"], ["validate", "Scenarios/startup-mvp.json", "--format", "xml"]])
    func usageErrors(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: "))
        #expect(result.stdout.isEmpty)
    }

    @Test("`headroom schema` prints docs/scenario.schema.json; --output writes it")
    func schema() throws {
        let committed = try String(contentsOf: CLI.root.appendingPathComponent("docs/scenario.schema.json"), encoding: .utf8)
        let printed = try CLI.run(["schema"])
        #expect(printed.status == 0)
        #expect(printed.stdout == committed)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("schema.json")
        let written = try CLI.run(["schema", "--output", target.path])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOf: target, encoding: .utf8) == committed)
        let unwritable = try CLI.run(["schema", "-o", "/nonexistent-dir/schema.json"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr == "error: cannot write /nonexistent-dir/schema.json: No such file or directory\n")
    }

    @Test("a scenario file with a \"$schema\" key validates and runs")
    func schemaKey() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: CLI.root.appendingPathComponent("Scenarios/startup-mvp.json"), encoding: .utf8)
        let file = dir.appendingPathComponent("with-schema.json")
        try text.replacingOccurrences(of: "{\n  \"name\"", with: "{\n  \"$schema\": \"../docs/scenario.schema.json\",\n  \"name\"")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["validate", file.path]).status == 0)
        let withKey = try CLI.run(["run", file.path, "--format", "json"])
        let without = try CLI.run(["run", "Scenarios/startup-mvp.json", "--format", "json"])
        #expect(withKey.status == 0)
        #expect(withKey.stdout == without.stdout)
    }

    @Test("help texts of the new commands carry examples and match their recordings", arguments: [
        (["validate", "--help"], "validate-help.txt"), (["schema", "--help"], "schema-help.txt"),
    ])
    func help(_ arguments: [String], _ golden: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        try CLI.expectGolden(result.stdout, golden)
    }
}

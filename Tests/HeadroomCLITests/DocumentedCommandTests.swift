import Foundation
import Testing

/// Docs that cannot drift: every block in these pages that starts with `$ headroom …` shows what
/// that command prints, and this suite runs it and compares. The commands of a page run in order
/// in one scratch folder holding a copy of `Scenarios/` (so a baseline recorded by one block is
/// there for the next). Standard output comes first, then standard error, then `(exit N)` when
/// the status is not 0. Re-record with `HEADROOM_RECORD=1`, which rewrites the blocks in place.
///
/// The CI job definitions of docs/ci.md (its `yaml` blocks) are run too: the steps that call
/// `headroom`, in a repository laid out as the page describes, with the built binary on PATH.
@Suite("Commands shown in the docs", .serialized)
struct DocumentedCommandTests {
    static let pages = ["docs/ci.md", "docs/simulation-practice.md", "docs/cli.md"]

    /// A fenced block: the line range of its body in the page, its language and its lines.
    struct Block {
        var language: String
        var body: Range<Int>
        var lines: [String]
    }

    static func blocks(_ lines: [String]) -> [Block] {
        var result: [Block] = []
        var open: (language: String, start: Int)?
        for (i, line) in lines.enumerated() where line.hasPrefix("```") {
            if let o = open {
                result.append(Block(language: o.language, body: (o.start + 1)..<i, lines: Array(lines[(o.start + 1)..<i])))
                open = nil
            } else {
                open = (String(line.dropFirst(3)), i)
            }
        }
        return result
    }

    /// `line` split into words as a POSIX shell would for simple cases: spaces separate, single
    /// and double quotes group (no expansions).
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?, inWord = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    static func scratch() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Scenarios"), to: dir.appendingPathComponent("Scenarios"))
        return dir
    }

    @Test("every `$ headroom` block shows what the command prints", arguments: pages)
    func outputs(_ page: String) throws {
        let url = CLI.root.appendingPathComponent(page)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var replacements: [(Range<Int>, [String])] = []
        for block in Self.blocks(lines) where block.lines.first?.hasPrefix("$ headroom ") == true {
            let command = block.lines[0]
            let result = try CLI.run(Array(Self.words(String(command.dropFirst(2))).dropFirst()), in: dir)
            var actual = (result.stdout + result.stderr).components(separatedBy: "\n")
            if actual.last == "" { actual.removeLast() }
            if result.status != 0 { actual.append("(exit \(result.status))") }
            if CLI.recording {
                replacements.append((block.body, [command] + actual))
            } else {
                #expect(Array(block.lines.dropFirst()) == actual, "\(page): \(command) (re-record with HEADROOM_RECORD=1)")
            }
        }
        if CLI.recording {
            for (range, replacement) in replacements.reversed() { lines.replaceSubrange(range, with: replacement) }
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test("the GitHub Actions and GitLab CI jobs of docs/ci.md run their headroom steps as written")
    func ciJobs() throws {
        let lines = try String(contentsOf: CLI.root.appendingPathComponent("docs/ci.md"), encoding: .utf8).components(separatedBy: "\n")
        let yaml = Self.blocks(lines).filter { $0.language == "yaml" }
        #expect(yaml.count == 2)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The repository layout of the page: scenarios in capacity/, their baseline beside them.
        let capacity = dir.appendingPathComponent("capacity")
        try FileManager.default.createDirectory(at: capacity, withIntermediateDirectories: true)
        for name in ["startup-mvp.json", "mmc-validation.json"] {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Scenarios/\(name)"), to: capacity.appendingPathComponent(name))
        }
        let record = try CLI.run(["check", "capacity/", "--baseline", "capacity/baseline.json", "--update-baseline", "--quiet"], in: dir)
        #expect(record.status == 0, "\(record.stderr)")
        for (i, block) in yaml.enumerated() {
            let file = dir.appendingPathComponent("job-\(i).yml")
            try block.lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            // PyYAML reads the job definition; every step or script line that runs headroom is printed, one per line.
            let extract = """
                import sys, yaml
                doc = yaml.safe_load(open(sys.argv[1]))
                scripts = []
                for job in doc.get("jobs", {}).values():
                    scripts += [s["run"] for s in job.get("steps", []) if "run" in s]
                for key, job in doc.items():
                    if isinstance(job, dict) and "script" in job:
                        scripts += job["script"]
                for script in scripts:
                    for line in script.splitlines():
                        if line.strip().startswith("headroom "):
                            print(line.strip())
                """
            let steps = try CheckCommandTests.python(extract, file)
            #expect(steps.status == 0, "\(steps.output)")
            let commands = steps.output.split(separator: "\n").map(String.init)
            #expect(!commands.isEmpty, "job \(i) runs headroom")
            for command in commands {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/bash")
                process.arguments = ["-c", command]
                process.currentDirectoryURL = dir
                var environment = ProcessInfo.processInfo.environment
                environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
                environment["CI"] = "true"
                environment["GITHUB_STEP_SUMMARY"] = dir.appendingPathComponent("step-summary.md").path
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "job \(i): \(command)")
            }
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("headroom-junit.xml").path))
        }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("step-summary.md").path))
    }
}

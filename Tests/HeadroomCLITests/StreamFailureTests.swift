import Foundation
import Testing

/// Every command with a standard stream that is full (`/dev/full`) or closed (`>&-`, `<&-`): exit 1
/// with the reason (or 2 for bad input), never a trap (exit 132/134) and never a silent exit 0.
@Suite("standard streams that fail, end to end", .serialized)
struct StreamFailureTests {
    static let quickRun = ["run", "Scenarios/mmc-validation.json", "--duration", "20s", "--warmup", "2s"]

    /// One command for each thing the CLI prints to standard output.
    static let commands: [[String]] = [
        quickRun,
        quickRun + ["--format", "json"],
        ["run", "Scenarios/mmc-validation.json", "--duration", "20s", "--warmup", "2s", "--replications", "2"],
        ["run", "Scenarios/mmc-validation.json", "--duration", "20s", "--warmup", "2s", "--ramp"],
        ["validate", "Scenarios/startup-mvp.json"],
        ["validate", "Scenarios/startup-mvp.json", "--format", "json"],
        ["schema"],
        ["advise", "--answers", "Tests/HeadroomCLITests/Fixtures/advisor/demo.json"],
        ["estimate", "--rps", "100", "--service-time", "40ms", "--latency-objective", "200ms"],
        ["estimate", "--dau", "1000", "--requests-per-user", "10", "--format", "json"],
        ["--help"],
        ["run", "--help"],
        ["--version"],
    ]

    @Test("standard output full (/dev/full): exit 1, and standard error says why", arguments: commands)
    func fullOutput(_ arguments: [String]) throws {
        let result = try CLI.run(arguments, redirections: ">/dev/full")
        #expect(result.status == 1, "\(arguments): exit \(result.status)")
        #expect(result.stderr == "error: cannot write to standard output: No space left on device\n", "\(arguments)")
    }

    @Test("standard output closed (>&-): exit 1, and standard error says why", arguments: commands)
    func closedOutput(_ arguments: [String]) throws {
        let result = try CLI.run(arguments, redirections: ">&-")
        #expect(result.status == 1, "\(arguments): exit \(result.status)")
        #expect(result.stderr == "error: cannot write to standard output: Bad file descriptor\n", "\(arguments)")
    }

    @Test("standard output a pipe nobody reads: exit 1 with the reason, not death by SIGPIPE")
    func brokenPipe() throws {
        // The reader closes its end at once; the writer simulates for a while first, so its
        // write finds the pipe without a reader (EPIPE, or SIGPIPE if it were not ignored: 141).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", #""$0" "$@" 2>"$TMPDIR/stderr" | (exec 0<&-; sleep 1); echo "status=${PIPESTATUS[0]}"; cat "$TMPDIR/stderr""#,
            CLI.binary.path, "run", "Scenarios/mmc-validation.json", "--duration", "10m", "--warmup", "2s",
        ]
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": dir.path]) { $1 }
        process.currentDirectoryURL = CLI.root
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "status=1\nerror: cannot write to standard output: Broken pipe\n", "\(text)")
    }

    @Test("standard error full or closed while reporting bad input: still exit 2", arguments: [">/dev/null 2>/dev/full", ">/dev/null 2>&-"])
    func failedDiagnostics(_ redirections: String) throws {
        for arguments in [["validate", "Tests/HeadroomCLITests/Fixtures/invalid.json"], ["run", "Tests/HeadroomCLITests/Fixtures/invalid.json"],
                          ["run", "no-such-file.json"], ["run", "Scenarios/startup-mvp.json", "--bogus"], ["estimate"]] {
            let result = try CLI.run(arguments, redirections: redirections)
            #expect(result.status == 2, "\(arguments) \(redirections): exit \(result.status)")
        }
    }

    @Test("both streams full: a failed write is still exit 1, silently")
    func bothFull() throws {
        let result = try CLI.run(["schema"], redirections: ">/dev/full 2>/dev/full")
        #expect(result.status == 1)
    }

    @Test("advise --answers - with standard input closed: exit 2 naming the reason")
    func closedInput() throws {
        let result = try CLI.run(["advise", "--answers", "-"], redirections: "<&-")
        #expect(result.status == 2)
        #expect(result.stderr == "-: cannot read standard input: Bad file descriptor\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("advise --answers - with empty standard input: the JSON error, exit 2")
    func emptyInput() throws {
        let result = try CLI.run(["advise", "--answers", "-"], redirections: "</dev/null")
        #expect(result.status == 2)
        #expect(result.stderr == "-: line 1, column 1: expected a value, found the end of the text\n")
    }
}

import Foundation
import Testing

/// Runs the built `headroom` binary and compares its output with recorded golden files.
///
/// Re-record every golden file with `HEADROOM_RECORD=1 swift test -c release`.
enum CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `headroom` executable built beside the test bundle.
    static let binary: URL = executable("headroom")

    /// The executable `name` (`headroom`, or a Swift example such as `StartupMVP`) built beside the test bundle.
    static func executable(_ name: String) -> URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        for config in ["release", "debug"] {
            let candidate = root.appendingPathComponent(".build/\(config)/\(name)")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/release/\(name)")
    }

    /// Runs `headroom` (or `executable`) with `arguments` from the package root.
    static func run(_ arguments: [String], in directory: URL = root, executable: URL = binary) throws -> Output {
        try capture(executable, arguments, in: directory)
    }

    /// Runs `headroom` with `arguments` through `/bin/sh`, with `redirections` applied to the
    /// command (`>/dev/full`, `>&-`, `2>/dev/full`, `<&-`): what a shell user or a CI step does to
    /// its standard streams. Standard output and error not redirected are captured.
    static func run(_ arguments: [String], redirections: String, in directory: URL = root, environment extra: [String: String] = [:]) throws -> Output {
        try capture(URL(fileURLWithPath: "/bin/sh"), ["-c", "exec \"$0\" \"$@\" \(redirections)", binary.path] + arguments, in: directory, environment: extra)
    }

    /// Runs `executable` with `arguments` in `directory`, capturing its output; a process ended
    /// by a signal has status 128 + the signal, as a shell reports it.
    private static func capture(_ executable: URL, _ arguments: [String], in directory: URL = root, environment extra: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "100"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Output(status: status, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `headroom` once per command line, `parallel` at a time (the runs are short
    /// processes), and returns each one's output and wall-clock seconds, in order; nil for a
    /// command that could not be started.
    static func runAll(_ commandLines: [[String]], in directory: URL = root, parallel: Int = 4) -> [(output: Output, seconds: Double)?] {
        final class Slots: @unchecked Sendable {
            let lock = NSLock()
            var values: [(output: Output, seconds: Double)?]
            init(_ count: Int) { values = Array(repeating: nil, count: count) }
        }
        let slots = Slots(commandLines.count)
        DispatchQueue.concurrentPerform(iterations: parallel) { worker in
            for i in stride(from: worker, to: commandLines.count, by: parallel) {
                let start = Date()
                let output = try? run(commandLines[i], in: directory)
                let seconds = Date().timeIntervalSince(start)
                slots.lock.withLock { slots.values[i] = output.map { ($0, seconds) } }
            }
        }
        return slots.values
    }

    /// Starts `headroom` with `arguments` and SIGINT, SIGTERM and SIGHUP at their default
    /// actions and unblocked — a test runner may hand its children ignored signals, which
    /// `headroom` rightly keeps ignoring (as under `nohup`) — with standard output and error
    /// discarded. Returns the process id; ``wait(for:)`` reaps it.
    static func spawn(_ arguments: [String], environment extra: [String: String] = [:]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), none = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&none)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        let argv = ([binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, binary.path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        return pid
    }

    /// Waits for a process started by ``spawn(_:environment:)``: its exit status, or 128 + the
    /// signal that ended it.
    static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["HEADROOM_RECORD"] == "1" }

    /// Compares `actual` with `Golden/<name>`, or records it when HEADROOM_RECORD=1.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = root.appendingPathComponent("Tests/HeadroomCLITests/Golden/\(name)")
        if recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); record it with HEADROOM_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from Golden/\(name) (re-record with HEADROOM_RECORD=1 if intended)", sourceLocation: sourceLocation)
    }

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

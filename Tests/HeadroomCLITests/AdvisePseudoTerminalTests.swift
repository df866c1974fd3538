import Foundation
import Testing

/// The interactive advisor through a real pseudo-terminal: `Fixtures/pty_session.py` spawns the
/// built binary on a pty, waits for prompts and sends keys, then reports the exit status, the
/// output, the final screen and whether the terminal's settings were restored.
@Suite("headroom advise on a pseudo-terminal", .serialized)
struct AdvisePseudoTerminalTests {
    struct Session {
        var status: Int
        var output: String
        var screen: String
        var restored: Bool
        var failed: String?
        /// The screens at each `.snapshot` step, in order.
        var snapshots: [String] = []
    }

    enum Step {
        case expect(String)
        case send(String)
        /// Records the screen as it is now (after the output so far has settled).
        case snapshot
    }

    /// Plays `steps` at `headroom arguments` run in `directory` on a pseudo-terminal.
    static func play(
        _ arguments: [String], _ steps: [Step], environment: [String: String?] = ["TERM": "xterm", "NO_COLOR": nil],
        controllingTerminal: Bool = false, in directory: URL = CLI.root
    ) throws -> Session {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script: [String: Any] = [
            "argv": [CLI.binary.path] + arguments,
            "cwd": directory.path,
            "env": environment.mapValues { $0 as Any? ?? NSNull() },
            "timeout": 30,
            "controllingTerminal": controllingTerminal,
            "steps": steps.map { step -> [String: Any] in
                switch step {
                case .expect(let text): ["expect": text]
                case .send(let keys): ["send": keys]
                case .snapshot: ["snapshot": true]
                }
            },
        ]
        let scriptURL = dir.appendingPathComponent("script.json")
        try JSONSerialization.data(withJSONObject: script).write(to: scriptURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.root.appendingPathComponent("Tests/HeadroomCLITests/Fixtures/pty_session.py").path, scriptURL.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return Session(
            status: object["status"] as? Int ?? -1, output: object["output"] as? String ?? "",
            screen: object["screen"] as? String ?? "", restored: object["restored"] as? Bool ?? false,
            failed: object["failed"] as? String, snapshots: object["snapshots"] as? [String] ?? [])
    }

    static let down = "\u{1B}[B", up = "\u{1B}[A", left = "\u{1B}[D", enter = "\r", backspace = "\u{7F}", ctrlC = "\u{03}"

    /// Answers the remaining questions from `from` (1-based) to the last with Enter.
    static func defaults(from first: Int) -> [Step] {
        (first...17).flatMap { [Step.expect("[\($0)/17]"), .send(enter)] }
    }

    @Test("a whole session: arrows, numbers, typing, a bad value, going back; the result and the scenario file")
    func wholeSession() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("starter.json").path
        var steps: [Step] = [
            .expect("[1/17]"), .send(Self.down), .send(Self.enter),      // team: 10+ developers
            .expect("[2/17]"), .send("1"),                                // users: < 1,000
            .expect("[3/17]"), .send("b"),                                // back to users
            .expect("[2/17]"), .send(Self.down), .send(Self.down), .send(Self.enter),  // users: 100,000+
            .expect("[3/17]"), .send("3"),                                // speed: not a priority
            .expect("[4/17]"), .send(Self.left),                          // back with ←
            .expect("[3/17]"), .send("3"),
            .expect("[4/17]"), .send("3"),                                // ops: advanced
            .expect("[5/17]"), .send("3"),                                // scaling: very different
            .expect("[6/17]"), .send(Self.enter),                         // budget: moderate
            .expect("[7/17]"), .send("lots"), .send(Self.enter),
            .expect("Please enter a whole number"),
            .send(String(repeating: Self.backspace, count: 4)), .send("2M"), .send(Self.enter),
        ]
        steps += Self.defaults(from: 8)
        steps.append(.expect("Recommended architecture"))
        let session = try Self.play(["advise", "--write-scenario", target], steps)
        #expect(session.failed == nil, "waited for \(session.failed ?? "")\n\(session.screen)")
        #expect(session.status == 0)
        #expect(session.restored)
        #expect(session.screen.contains("  ✔ Team size: 10+ developers\n  ✔ Expected users: 100,000+\n  ✔ Fast initial development: Not a priority\n"))
        #expect(session.screen.contains("  ✔ Daily active users: 2,000,000\n"))
        #expect(!session.screen.contains("< 1,000\n  ✔"))
        #expect(session.screen.contains("Recommended architecture: Microservices"))
        #expect(session.output.contains("\u{1B}[1;36m"))
        #expect(FileManager.default.fileExists(atPath: target))
    }

    @Test("Ctrl-C exits 130 at once, restores the terminal and writes nothing")
    func interrupt() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("starter.json").path
        let session = try Self.play(["advise", "--write-scenario", target], [
            .expect("[1/17]"), .send(Self.enter), .expect("[2/17]"), .send(Self.up), .send(Self.ctrlC),
            .expect("Interrupted"),
        ])
        #expect(session.failed == nil, "\(session.screen)")
        #expect(session.status == 130)
        #expect(session.restored)
        #expect(session.screen.hasSuffix("  ✔ Team size: 4-10 developers\nInterrupted: nothing was written.\n"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("Ctrl-D (input closed) mid-questionnaire exits 2 and restores the terminal")
    func endOfInput() throws {
        let session = try Self.play(["advise"], [.expect("[1/17]"), .send("\u{04}"), .expect("The input closed")])
        #expect(session.failed == nil, "\(session.screen)")
        #expect(session.status == 2)
        #expect(session.restored)
        #expect(session.screen.hasSuffix("The input closed before the last question: nothing was written.\n"))
    }

    @Test("NO_COLOR (and TERM=dumb) turn the colours off; the highlight marker stays")
    func noColor() throws {
        for environment: [String: String?] in [["TERM": "xterm", "NO_COLOR": "1"], ["TERM": "dumb", "NO_COLOR": nil]] {
            let session = try Self.play(["advise"], [.expect("[1/17]"), .send(Self.ctrlC), .expect("Interrupted")], environment: environment)
            #expect(session.status == 130)
            #expect(!session.output.contains("\u{1B}[1;36m"))
            #expect(session.output.contains("› 2. 4-10 developers (default)"))
        }
    }
}

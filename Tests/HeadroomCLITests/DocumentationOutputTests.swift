import Foundation
import Testing

/// Every command output shown in README.md and docs/ is produced here by running the built
/// binary, and compared; `HEADROOM_RECORD=1` rewrites the blocks in place (like the goldens).
///
/// A fenced block is tied to what produces it by an HTML comment on the line before it:
///
/// - `<!-- output: headroom ARGS [| SELECTOR]… -->` — the block is the standard output of
///   `headroom ARGS`, run from the package root with standard input empty. A block whose first
///   line is `$ headroom ARGS` shows the command too. Selectors, applied in order:
///   `stderr` (standard error instead), `in DIR` (run in DIR, relative to the root),
///   `lines A-B` and `from "PREFIX" to "PREFIX"` (parts of the output; a line `…` stands for
///   what is left out between two parts).
/// - `<!-- session: NAME [snapshot K] [| SELECTOR]… -->` — the screen of the interactive advisor
///   played through a pseudo-terminal by the script `NAME` below (its final screen, or the K-th
///   snapshot).
/// - `<!-- checked by: PATH -->` — produced and compared by the test file PATH.
/// - `<!-- not output: WHY -->` — not a command's output (a synopsis, a directory tree).
///
/// Every block without a language, or marked `text` or `console`, must carry one of these, so
/// an output pasted into the docs without its producer fails this test.
@Suite("documentation outputs are real", .serialized)
struct DocumentationOutputTests {
    static let pages: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }()

    /// One fenced block and the marker before it.
    struct Block {
        /// The marker's text between `<!--` and `-->`, trimmed; nil when there is none.
        var marker: String?
        var language: String
        /// Line indices (0-based) of the block's content: `start..<end` (between the fences).
        var start: Int
        var end: Int
        var indent: Int
    }

    /// The fenced blocks of `lines`.
    static func blocks(_ lines: [String]) -> [Block] {
        var blocks: [Block] = []
        var open: Block?
        for (i, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("```") else { continue }
            if var block = open {
                block.end = i
                blocks.append(block)
                open = nil
            } else {
                var marker: String?
                var j = i - 1
                while j >= 0, lines[j].trimmingCharacters(in: .whitespaces).isEmpty { j -= 1 }
                if j >= 0 {
                    let previous = lines[j].trimmingCharacters(in: .whitespaces)
                    if previous.hasPrefix("<!--"), previous.hasSuffix("-->") {
                        marker = String(previous.dropFirst(4).dropLast(3)).trimmingCharacters(in: .whitespaces)
                    }
                }
                open = Block(marker: marker, language: String(trimmed.dropFirst(3)), start: i + 1, end: i + 1, indent: line.count - trimmed.count)
            }
        }
        return blocks
    }

    /// `text` split like a shell would: on spaces, with double-quoted words kept whole.
    static func words(_ text: String) -> [String] { DocumentedCommandTests.words(text) }

    /// The output lines `selectors` keep, with `…` where a part is left out between two kept ones.
    static func select(_ output: [String], _ selectors: [[String]]) throws -> [String] {
        var parts: [Range<Int>] = []
        for selector in selectors {
            switch selector.first {
            case "lines":
                let bounds = selector.dropFirst().first?.split(separator: "-").compactMap { Int($0) } ?? []
                guard bounds.count == 2 else { throw Problem("lines needs A-B: \(selector)") }
                parts.append((bounds[0] - 1)..<min(output.count, bounds[1]))
            case "from":
                guard selector.count == 4, selector[2] == "to",
                    let first = output.firstIndex(where: { $0.hasPrefix(selector[1]) }),
                    let last = output[first...].firstIndex(where: { $0.hasPrefix(selector[3]) })
                else { throw Problem("no lines from \"\(selector.dropFirst().first ?? "")\" to \"\(selector.last ?? "")\" in the output") }
                parts.append(first..<(last + 1))
            default:
                continue
            }
        }
        guard !parts.isEmpty else { return output }
        var kept: [String] = []
        for (k, part) in parts.enumerated() {
            if k > 0, part.lowerBound > parts[k - 1].upperBound { kept.append("…") }
            kept += output[part]
        }
        return kept
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// What `marker` produces, as the lines of the block (without the `$` line).
    static func produce(_ marker: String, page: String) throws -> [String] {
        let pieces = marker.split(separator: "|").map { words(String($0)) }
        let head = pieces[0], selectors = Array(pieces.dropFirst())
        let text: String
        switch head.first {
        case "output:":
            guard head.count >= 2, head[1] == "headroom" else { throw Problem("\(page): an output marker runs headroom: \(marker)") }
            let directory = selectors.first { $0.first == "in" }.flatMap { $0.dropFirst().first }.map { CLI.root.appendingPathComponent($0) } ?? CLI.root
            let result = try CLI.run(Array(head.dropFirst(2)), redirections: "</dev/null", in: directory)
            text = selectors.contains(["stderr"]) ? result.stderr : result.stdout
        case "session:":
            guard head.count >= 2, let script = sessions[head[1]] else { throw Problem("\(page): no session named \(head.dropFirst().first ?? "")") }
            let session = try play(script.arguments, script.steps)
            if head.count == 4, head[2] == "snapshot", let k = Int(head[3]) {
                guard session.snapshots.indices.contains(k - 1) else { throw Problem("\(page): session \(head[1]) has no snapshot \(k)") }
                text = session.snapshots[k - 1]
            } else {
                text = session.screen
            }
        default:
            throw Problem("\(page): unknown marker \(marker)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return try select(lines, selectors)
    }

    @Test("every output block is produced by its command and matches it; every untyped block is accounted for", arguments: pages)
    func page(_ page: String) throws {
        let url = CLI.root.appendingPathComponent(page)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var changed = false
        // Bottom to top, so that rewriting a block keeps the line numbers of the ones above.
        for block in Self.blocks(lines).reversed() {
            guard let marker = block.marker else {
                #expect(!["", "text", "console"].contains(block.language), "\(page):\(block.start): an untyped block needs an <!-- output: … --> (or other) marker")
                continue
            }
            if marker.hasPrefix("not output:") { continue }
            if marker.hasPrefix("checked by:") {
                let test = marker.dropFirst("checked by:".count).trimmingCharacters(in: .whitespaces)
                let source = try? String(contentsOf: CLI.root.appendingPathComponent(test), encoding: .utf8)
                #expect(source?.contains((page as NSString).lastPathComponent) == true, "\(page):\(block.start): \(test) does not check this page")
                continue
            }
            guard marker.hasPrefix("output:") || marker.hasPrefix("session:") else { continue }
            let indent = String(repeating: " ", count: block.indent)
            let shown = lines[block.start..<block.end].map { String($0.dropFirst(min(block.indent, $0.prefix { $0 == " " }.count))) }
            var expected = try Self.produce(marker, page: page)
            if let first = shown.first, first.hasPrefix("$ ") {
                let command = marker.dropFirst("output:".count).split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
                expected.insert("$ " + command, at: 0)
            }
            if CLI.recording {
                if shown != expected {
                    lines.replaceSubrange(block.start..<block.end, with: expected.map { $0.isEmpty ? "" : indent + $0 })
                    changed = true
                }
            } else {
                #expect(shown == expected, "\(page):\(block.start + 1): the block differs from what \(marker) gives (re-record with HEADROOM_RECORD=1 if intended)\n\(Self.difference(shown, expected))")
            }
        }
        if changed { try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8) }
    }

    /// The first line where `shown` and `expected` differ, for the failure message.
    static func difference(_ shown: [String], _ expected: [String]) -> String {
        let i = (0..<min(shown.count, expected.count)).first { shown[$0] != expected[$0] } ?? min(shown.count, expected.count)
        return "line \(i + 1) of the block:\n  shown:    \(i < shown.count ? shown[i] : "(nothing)")\n  produced: \(i < expected.count ? expected[i] : "(nothing)")"
    }

    // MARK: Advisor sessions

    typealias Step = AdvisePseudoTerminalTests.Step

    /// The command line and keys of each documented session, and where its screens are taken.
    static let sessions: [String: (arguments: [String], steps: [Step])] = {
        let enter = AdvisePseudoTerminalTests.enter, backspace = AdvisePseudoTerminalTests.backspace
        // docs/advisor.md's session: a small team planning for 40,000 users, who first types
        // "40 thousand" at question 7.
        let whole: [Step] = [
            .expect("[1/17]"), .send("1"), .expect("[2/17]"), .send("2"), .expect("[3/17]"), .send("1"),
            .expect("[4/17]"), .send("1"), .expect("[5/17]"), .send("1"), .expect("[6/17]"), .send("1"),
            .expect("[7/17]"), .send("40 thousand"), .send(enter), .expect("Please enter"), .snapshot,
            .send(String(repeating: backspace, count: 11)), .send("40k"), .send(enter),
            .expect("[8/17]"), .send("30"), .send(enter), .expect("[9/17]"), .send(enter),
            .expect("[10/17]"), .send("85"), .send(enter), .expect("[11/17]"), .send("300ms"), .send(enter),
            .expect("[12/17]"), .send(enter), .expect("[13/17]"), .send("3"), .send(enter), .expect("[14/17]"), .send(enter),
            .expect("[15/17]"), .send("20"), .send(enter), .expect("[16/17]"), .snapshot, .send(enter),
            .expect("[17/17]"), .send("2"), .expect("Simulated ("), .expect("cost ≈"),
        ]
        return ["advise-session": (["advise", "--write-scenario", "starter.json", "--simulate"], whole)]
    }()

    /// Plays a session in a fresh directory (so `--write-scenario starter.json` lands there).
    static func play(_ arguments: [String], _ steps: [Step]) throws -> AdvisePseudoTerminalTests.Session {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = try AdvisePseudoTerminalTests.play(arguments, steps, in: dir)
        if let failed = session.failed { throw Problem("the session waited for \(failed) in vain:\n\(session.screen)") }
        return session
    }
}

import HeadroomAdvisor
import Testing

/// A terminal that plays a script of keys and records what is written.
struct ScriptedTerminal: AdvisorTerminal {
    var keys: [TerminalKey]
    var output = ""

    init(_ keys: [TerminalKey]) { self.keys = keys }

    mutating func readKey() -> TerminalKey { keys.isEmpty ? .endOfInput : keys.removeFirst() }
    mutating func write(_ text: String) { output += text }
}

@Suite("the interactive questionnaire, driven by a scripted terminal")
struct SessionTests {
    static let count = Questionnaire.questions.count

    @Test("Enter on every question keeps every default")
    func defaults() {
        var terminal = ScriptedTerminal(Array(repeating: .enter, count: Self.count))
        var session = AdvisorSession(style: TerminalStyle(colors: false))
        #expect(session.run(on: &terminal) == .completed(AdvisorAnswers(Dictionary(uniqueKeysWithValues: Questionnaire.questions.map { ($0.key, $0.defaultValue) }))))
        #expect(terminal.output.contains("[1/17] Architecture  What is your team size?"))
        #expect(terminal.output.contains("  › 2. 4-10 developers (default)"))
        #expect(terminal.output.contains("  ✔ Team size: 4-10 developers\n"))
        #expect(!terminal.output.contains("\u{1B}[1m"))
    }

    @Test("arrows, numbers, typed values, a bad value, going back with b, ← and Backspace")
    func navigation() {
        var keys: [TerminalKey] = [
            .down, .enter,                 // team size: medium → large
            .character("1"),               // users: < 1,000
            .left,                         // back to users
            .character("4"),               // users: variable
            .up, .up, .enter,              // speed: important → critical (wraps: 1 → 0)
            .character("b"),               // back to speed
            .character("3"),               // speed: not a priority
            .character("x"),               // ops: not a choice → message, stays
            .character("3"),               // ops: advanced
            .enter, .enter,                // scaling, budget: defaults
        ]
        keys += "50x".map(TerminalKey.character) + [.enter]             // users: bad value → message
        keys += [.backspace, .enter]                                    // "50" → 50 users
        keys += [.enter, .backspace]                                    // requests: default; then back on empty peak
        keys += "120".map(TerminalKey.character) + [.enter]             // requests: 120
        keys += Array(repeating: .enter, count: Self.count - 8)
        var terminal = ScriptedTerminal(keys)
        var session = AdvisorSession(style: TerminalStyle(colors: true))
        guard case .completed(let answers) = session.run(on: &terminal) else {
            Issue.record("not completed")
            return
        }
        #expect(answers.choice(.teamSize).id == "large")
        #expect(answers.choice(.expectedUsers).id == "variable")
        #expect(answers.choice(.developmentSpeed).id == "notAPriority")
        #expect(answers.choice(.operationsExperience).id == "advanced")
        #expect(answers.number(.dailyActiveUsers) == 50)
        #expect(answers.number(.requestsPerUserPerDay) == 120)
        #expect(terminal.output.contains("Press a number from 1 to 3, or use ↑/↓ and Enter."))
        #expect(terminal.output.contains("Please enter a whole number from 1 to 10,000,000,000 (for example 50,000, 750k or 2M)."))
        #expect(terminal.output.contains("\u{1B}[1;36m"))
    }

    @Test("going back from the first question says so; Ctrl-C and a closed input end the session")
    func endings() {
        var first = ScriptedTerminal([.character("b"), .interrupt])
        var session = AdvisorSession(style: TerminalStyle(colors: false))
        #expect(session.run(on: &first) == .interrupted)
        #expect(first.output.contains("This is the first question."))
        #expect(first.output.hasSuffix("Interrupted: nothing was written.\n"))
        var closed = ScriptedTerminal([.enter, .enter])
        var again = AdvisorSession(style: TerminalStyle(colors: false))
        #expect(again.run(on: &closed) == .endOfInput)
    }

    @Test("the key decoder: arrows (CSI and SS3), Enter, Backspace, Ctrl-C, UTF-8, split sequences")
    func keys() {
        var d = KeyDecoder()
        #expect(d.feed([0x1B, 0x5B, 0x41, 0x1B, 0x4F, 0x42, 0x0D, 0x7F, 0x03, 0x04, 0x62]) == [.up, .down, .enter, .backspace, .interrupt, .endOfInput, .character("b")])
        #expect(d.feed([0x1B]) == [])
        #expect(d.feed([0x5B]) == [])
        #expect(d.feed([0x44]) == [.left])
        #expect(d.feed(Array("é".utf8)) == [.character("é")])
        #expect(d.feed([0x1B]) == [])
        #expect(d.flush() == [.other])
        #expect(d.feed([0x1B, 0x5B, 0x31, 0x3B, 0x35, 0x43]) == [.right])
    }

    @Test("colours only when NO_COLOR is unset or empty and TERM is a real terminal")
    func colors() {
        #expect(TerminalStyle.colorsSupported(environment: ["TERM": "xterm-256color"]))
        #expect(TerminalStyle.colorsSupported(environment: ["TERM": "xterm", "NO_COLOR": ""]))
        #expect(!TerminalStyle.colorsSupported(environment: ["TERM": "xterm", "NO_COLOR": "1"]))
        #expect(!TerminalStyle.colorsSupported(environment: ["TERM": "dumb"]))
        #expect(!TerminalStyle.colorsSupported(environment: [:]))
        #expect(TerminalStyle(colors: false).highlight("x") == "x")
    }
}

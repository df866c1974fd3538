import Foundation

/// The interactive questionnaire: one question at a time on an ``AdvisorTerminal``.
///
/// Choices are picked with ↑/↓ and Enter or by typing their number; numbers and durations are
/// typed and checked (a problem is shown under the question, which stays). Enter on an empty
/// answer keeps the default (or the earlier answer, after going back). `b`, Backspace (on an
/// empty answer) and ← go back one question. Ctrl-C ends the session at once.
///
/// Each answered question collapses to one summary line; going back erases it. Redrawing uses
/// ANSI cursor movement (`ESC[nA`, `ESC[J`), which needs a terminal, not colours.
public struct AdvisorSession {
    /// How a session ended.
    public enum Outcome: Hashable, Sendable {
        /// Every question was answered.
        case completed(AdvisorAnswers)
        /// Ctrl-C.
        case interrupted
        /// The input closed (Ctrl-D) before the end.
        case endOfInput
    }

    /// The questions, in order.
    public let questions: [AdvisorQuestion]
    /// How the output is decorated.
    public let style: TerminalStyle
    /// The answers so far.
    public private(set) var answers: [QuestionKey: AnswerValue]

    /// A session over `questions`, starting from `answers` (their values become the defaults).
    public init(questions: [AdvisorQuestion] = Questionnaire.questions, style: TerminalStyle, answers: AdvisorAnswers = AdvisorAnswers()) {
        self.questions = questions
        self.style = style
        self.answers = answers.values
    }

    /// What one key does to the question being asked.
    enum Action {
        case stay, back, interrupt, endOfInput
        case confirm(AnswerValue)
    }

    /// The editing state of the question being asked.
    struct Editing {
        var selection = 0
        var buffer = ""
        var problem: String?
    }

    /// Runs the questionnaire on `terminal` until it is completed or abandoned.
    public mutating func run<T: AdvisorTerminal>(on terminal: inout T) -> Outcome {
        terminal.write(style.bold("Headroom architecture advisor") + " — \(questions.count) questions. "
            + style.dim("Enter keeps the highlighted default.") + "\n\n")
        var index = 0
        var drawn = 0
        while index < questions.count {
            let question = questions[index]
            var editing = Editing()
            if case .choice(let choices, _) = question.kind, case .choice(let id) = current(question) {
                editing.selection = choices.firstIndex { $0.id == id } ?? 0
            }
            asking: while true {
                drawn = redraw(question, number: index + 1, editing, erasing: drawn, on: &terminal)
                switch handle(terminal.readKey(), question, &editing) {
                case .stay:
                    continue
                case .confirm(let value):
                    answers[question.key] = value
                    erase(drawn, on: &terminal)
                    terminal.write("  \(style.good("✔")) \(question.title): \(AdvisorAnswers(answers).display(question.key))\n")
                    drawn = 0
                    index += 1
                    break asking
                case .back:
                    guard index > 0 else {
                        editing.problem = "This is the first question."
                        continue
                    }
                    erase(drawn + 1, on: &terminal)
                    drawn = 0
                    index -= 1
                    break asking
                case .interrupt:
                    erase(drawn, on: &terminal)
                    terminal.write("Interrupted: nothing was written.\n")
                    return .interrupted
                case .endOfInput:
                    erase(drawn, on: &terminal)
                    terminal.write("The input closed before the last question: nothing was written.\n")
                    return .endOfInput
                }
            }
        }
        terminal.write("\n")
        return .completed(AdvisorAnswers(answers))
    }

    /// The answer given earlier, or the question's default (which may follow earlier answers).
    func current(_ question: AdvisorQuestion) -> AnswerValue { AdvisorAnswers(answers).value(question.key) }

    func handle(_ key: TerminalKey, _ question: AdvisorQuestion, _ editing: inout Editing) -> Action {
        switch key {
        case .interrupt: return .interrupt
        case .endOfInput: return .endOfInput
        default: break
        }
        if case .choice(let choices, _) = question.kind {
            editing.problem = nil
            switch key {
            case .up: editing.selection = (editing.selection + choices.count - 1) % choices.count
            case .down: editing.selection = (editing.selection + 1) % choices.count
            case .enter, .right: return .confirm(.choice(choices[editing.selection].id))
            case .left, .backspace, .character("b"), .character("B"): return .back
            case .character(let c):
                if let n = Int(String(c)), choices.indices.contains(n - 1) { return .confirm(.choice(choices[n - 1].id)) }
                editing.problem = "Press a number from 1 to \(choices.count), or use ↑/↓ and Enter."
            default: break
            }
            return .stay
        }
        switch key {
        case .enter:
            if editing.buffer.trimmingCharacters(in: .whitespaces).isEmpty { return .confirm(current(question)) }
            switch AnswerInput.parse(editing.buffer, for: question) {
            case .success(let value): return .confirm(value)
            case .failure(let problem): editing.problem = problem.message
            }
        case .backspace:
            if editing.buffer.isEmpty { return .back }
            editing.buffer.removeLast()
            editing.problem = nil
        case .left:
            if editing.buffer.isEmpty { return .back }
        case .character(let c):
            if editing.buffer.isEmpty, c == "b" || c == "B" { return .back }
            if editing.buffer.count < 40 { editing.buffer.append(c) }
            editing.problem = nil
        default: break
        }
        return .stay
    }

    /// Erases the last `lines` lines written (the cursor is at the start of the line below them).
    func erase<T: AdvisorTerminal>(_ lines: Int, on terminal: inout T) {
        guard lines > 0 else { return }
        terminal.write("\r\u{1B}[\(lines)A\u{1B}[J")
    }

    /// Draws the question (after erasing the previous drawing) and returns how many lines it took.
    func redraw<T: AdvisorTerminal>(_ q: AdvisorQuestion, number: Int, _ editing: Editing, erasing drawn: Int, on terminal: inout T) -> Int {
        var lines = [style.dim("[\(number)/\(questions.count)] \(q.section.rawValue)") + "  " + style.bold(q.prompt)]
        if let help = q.help { lines.append("  " + style.dim(help)) }
        let hint: String
        switch q.kind {
        case .choice(let choices, _):
            let chosen = current(q)
            for (i, choice) in choices.enumerated() {
                let label = "\(i + 1). \(choice.label)" + (chosen == .choice(choice.id) ? " (default)" : "")
                lines.append(i == editing.selection ? "  " + style.highlight("› " + label) : "    " + label)
            }
            hint = "↑/↓ then Enter, or 1-\(choices.count) · b or ← back · Ctrl-C quit"
        case .number, .duration:
            let defaultText = AdvisorAnswers([q.key: current(q)]).display(q.key)
            lines.append("  " + style.highlight("› ") + editing.buffer + style.dim(editing.buffer.isEmpty ? "(Enter keeps \(defaultText))" : ""))
            hint = "type the answer, Enter to confirm · Backspace on empty or b back · Ctrl-C quit"
        }
        if let problem = editing.problem { lines.append("  " + style.bad(problem)) }
        lines.append("  " + style.dim(hint))
        var text = ""
        if drawn > 0 { text += "\r\u{1B}[\(drawn)A\u{1B}[J" }
        text += lines.joined(separator: "\n") + "\n"
        terminal.write(text)
        return lines.count
    }
}

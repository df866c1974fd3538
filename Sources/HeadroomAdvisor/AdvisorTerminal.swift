/// What the interactive questionnaire needs from a terminal: keys in, text out.
///
/// The CLI implements it over a real terminal in raw mode; tests implement it with a script of
/// keys and a string that collects the output.
public protocol AdvisorTerminal {
    /// The next key; blocks until there is one. `.endOfInput` when the input is closed.
    mutating func readKey() -> TerminalKey
    /// Writes `text` (which may contain ANSI sequences) and flushes it.
    mutating func write(_ text: String)
}

/// How output is decorated: ANSI colours, or plain text.
public struct TerminalStyle: Hashable, Sendable {
    /// Whether to use colours and bold.
    public var colors: Bool

    /// A style with or without colours.
    public init(colors: Bool) { self.colors = colors }

    /// Whether colours suit this terminal: `NO_COLOR` unset or empty (no-color.org) and `TERM` set and not `dumb`.
    public static func colorsSupported(environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
        return true
    }

    /// Bold.
    public func bold(_ text: String) -> String { wrap(text, "1") }
    /// Dim, for help text.
    public func dim(_ text: String) -> String { wrap(text, "2") }
    /// The highlighted choice: bold cyan.
    public func highlight(_ text: String) -> String { wrap(text, "1;36") }
    /// Green, for confirmations.
    public func good(_ text: String) -> String { wrap(text, "32") }
    /// Red, for input problems.
    public func bad(_ text: String) -> String { wrap(text, "31") }

    private func wrap(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

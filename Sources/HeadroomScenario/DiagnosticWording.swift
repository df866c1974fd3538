/// The wording of scenario diagnostics, for other input readers (the advisor's answer files)
/// that want their messages to read the same way.
public enum DiagnosticWording {
    /// `text` as a JSON string literal: `"teamSize"`.
    public static func quoted(_ text: String) -> String { JSONWriter.quoted(text) }

    /// `"a", "b", "c"`: each item quoted, separated by commas.
    public static func quotedList(_ items: [String]) -> String { Wording.quotedList(items) }

    /// `; did you mean "x"?` when a candidate is a likely typo of `word`, else `; expected one of …`.
    public static func suggestion(for word: String, among candidates: [String]) -> String {
        Wording.suggestion(for: word, among: candidates)
    }

    /// The candidate closest to `word` when it is close enough to be a likely typo (see the scenario reader).
    public static func nearest(to word: String, among candidates: [String]) -> String? {
        Wording.nearest(to: word, among: candidates)
    }

    /// A found value, compactly: `"text"`, `12`, `an object`, `null`.
    public static func found(_ value: JSONValue) -> String { Wording.found(value) }

    /// A found value of the wrong type: `"12" (a string)`, `12 (a number)`, `an array`.
    public static func foundWrongType(_ value: JSONValue) -> String { Wording.foundWrongType(value) }

    /// `text` with control characters (and bidirectional overrides) escaped, shortened to
    /// `limit` characters when one is given: safe to print on a terminal.
    public static func printable(_ text: String, limit: Int? = nil) -> String { Wording.printable(text, limit: limit) }

    /// `text` quoted and shortened to 40 characters.
    public static func quotedShort(_ text: String) -> String { Wording.quotedShort(text) }
}

/// One problem with a scenario: where it is (a JSON path) and what is wrong.
///
/// Messages say what was found and what was expected, with a suggestion where one helps:
/// `components[1].kind: unknown kind "servce"; did you mean "service"?`.
public struct ScenarioDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the offending value (`components[2].serviceTime.mean`); empty for the whole file.
    public var path: String
    /// What is wrong, starting in lowercase, without a trailing period.
    public var message: String

    /// A diagnostic at `path` saying `message`.
    ///
    /// Both are capped (``maximumPathLength``, ``maximumMessageLength``): a message quotes what
    /// it found, and a hostile file can hold a 10 MB id or key. The middle of an over-long text
    /// gives way, so the start (where and what) and the end (what was expected) stay readable.
    public init(path: String, message: String) {
        self.path = Wording.capped(path, to: Self.maximumPathLength)
        self.message = Wording.capped(message, to: Self.maximumMessageLength)
    }

    /// The longest path a diagnostic shows, in characters.
    public static let maximumPathLength = 400
    /// The longest message a diagnostic shows, in characters.
    public static let maximumMessageLength = 600

    /// "path: message", or just the message when the path is empty.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A scenario that could not be loaded: the file and every problem found in it.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    /// The file as it was named to the loader.
    public var file: String
    /// Every problem, in the order found (never empty when thrown by the loader).
    public var diagnostics: [ScenarioDiagnostic]

    /// An error in `file` with these problems.
    public init(file: String, diagnostics: [ScenarioDiagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }

    /// One line per problem: "FILE: path: message", the file name printable (see
    /// ``DiagnosticWording/printable(_:limit:)``): a newline in it cannot forge a line.
    public var description: String {
        let name = Wording.printable(file)
        return diagnostics.map { "\(name): \($0)" }.joined(separator: "\n")
    }
}

/// A JSON path under construction: `components[2].serviceTime.mean`.
struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// The path text; empty at the root.
    private(set) var description: String = ""

    /// The root of the document.
    static let root = JSONPath()

    /// The member `key` of the object here: `.key`, or `["odd key"]` when `key` is not an identifier.
    func key(_ key: String) -> JSONPath {
        var next = self
        if Self.isIdentifier(key) {
            next.description += description.isEmpty ? key : ".\(key)"
        } else {
            next.description += "[\(Wording.quotedShort(key))]"
        }
        return next
    }

    /// The element `index` of the array here: `[index]`.
    func index(_ index: Int) -> JSONPath {
        var next = self
        next.description += "[\(index)]"
        return next
    }

    /// Whether `text` is an ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`), written after a dot.
    private static func isIdentifier(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard letter || (digit && !first) else { return false }
            first = false
        }
        return !first
    }
}

/// Wording shared by the reader and the validator.
enum Wording {
    /// `"a", "b" and "c"` style list: each item quoted, separated by commas.
    static func quotedList(_ items: [String]) -> String {
        items.map { JSONWriter.quoted($0) }.joined(separator: ", ")
    }

    /// `; did you mean "x"?` when a candidate is close to `word`, else `; expected one of "a", "b"`
    /// (or nothing when there are no candidates).
    static func suggestion(for word: String, among candidates: [String]) -> String {
        if let near = nearest(to: word, among: candidates) { return "; did you mean \(JSONWriter.quoted(near))?" }
        return candidates.isEmpty ? "" : "; expected one of \(quotedList(candidates))"
    }

    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    ///
    /// Close means a case-insensitive Levenshtein distance of at most max(2, length/3) that
    /// leaves at least one character in place, or `word` (3+ characters) being a prefix of
    /// exactly one candidate. Ties go to the earlier candidate.
    static func nearest(to word: String, among candidates: [String]) -> String? {
        // A word this long is nobody's typo of a key or a name, and comparing it would cost
        // O(length × candidates) for nothing (a hostile file can hold a 10 MB key).
        guard word.utf8.count <= maximumTypoLength else { return nil }
        let w = Array(word.lowercased())
        guard !w.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        let candidates = candidates.filter { $0.utf8.count <= maximumTypoLength }
        for candidate in candidates {
            let c = Array(candidate.lowercased())
            let distance = editDistance(w, c)
            guard distance <= max(2, w.count / 3), distance < max(w.count, c.count) else { continue }
            if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        if let best { return best.candidate }
        if w.count >= 3 {
            let prefixed = candidates.filter { $0.lowercased().hasPrefix(String(w)) }
            if prefixed.count == 1 { return prefixed[0] }
        }
        return nil
    }

    /// The longest word (or candidate), in UTF-8 bytes, that ``nearest(to:among:)`` compares.
    static let maximumTypoLength = 256

    /// Levenshtein distance (insertions, deletions, substitutions), O(|a|·|b|) time, O(|b|) space.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                row[j] = min(substitution, previous[j] + 1, row[j - 1] + 1)
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }

    /// A found value, compactly: strings quoted (long ones shortened), numbers as written,
    /// `an object`, `an array`, `an empty array`, `null`, `true`.
    static func found(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): shortened(n.text)
        case .string(let s): quotedShort(s)
        case .array(let a): a.isEmpty ? "an empty array" : "an array"
        case .object(let o): o.isEmpty ? "an empty object" : "an object"
        }
    }

    /// A found value of the wrong type: as ``found(_:)``, with "(a number)" or "(a string)" after
    /// scalars, so a missing pair of quotes is easy to spot.
    static func foundWrongType(_ value: JSONValue) -> String {
        switch value {
        case .number: "\(found(value)) (a number)"
        case .string: "\(found(value)) (a string)"
        default: found(value)
        }
    }

    /// `text` quoted, shortened to 40 characters; control characters escaped as in JSON.
    static func quotedShort(_ text: String) -> String {
        JSONWriter.quoted(shortened(text, to: 40))
    }

    /// `text` as it may reach a terminal: every control character — C0, DEL, C1, and the
    /// bidirectional overrides and isolates that reorder what is shown ("Trojan Source") — written
    /// as a `\u{…}` escape (`\n` and `\t` as themselves), then shortened to `limit` characters.
    ///
    /// A scenario's name, ids and classes are user text; printed raw, `"\u{1B}[2J"` clears the
    /// reader's screen and a newline forges a line of the report.
    static func printable(_ text: String, limit: Int? = nil) -> String {
        var out = ""
        var needed = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x2028 || v == 0x2029
            {
                needed = true
                switch v {
                case 0x0A: out += "\\n"
                case 0x09: out += "\\t"
                default: out += "\\u{\(String(v, radix: 16, uppercase: true))}"
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        let escaped = needed ? out : text
        return limit.map { shortened(escaped, to: $0) } ?? escaped
    }

    /// `text` cut to `limit` characters, the last being "…", when it is longer.
    static func shortened(_ text: String, to limit: Int = 40) -> String {
        var end = text.startIndex
        guard text.formIndex(&end, offsetBy: limit, limitedBy: text.endIndex), end != text.endIndex else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// `text` with its middle replaced by " … " when it is longer than `limit` characters
    /// (two thirds of the room for the start, one third for the end). O(limit), not O(text).
    static func capped(_ text: String, to limit: Int) -> String {
        var end = text.startIndex
        guard text.formIndex(&end, offsetBy: limit, limitedBy: text.endIndex), end != text.endIndex else { return text }
        let head = (limit - 3) * 2 / 3, tail = limit - 3 - head
        return String(text.prefix(head)) + " … " + String(text.suffix(tail))
    }

    /// A number as JSON would write it (`150`, `0.25`), or Swift's spelling when not finite (`nan`).
    static func number(_ value: Double) -> String { JSONNumber.canonicalText(value) }

    /// A duration as a scenario file writes it, quoted (`"20ms"`), or in seconds when not finite.
    static func duration(_ value: TimeSpan) -> String {
        value.seconds.isFinite ? JSONWriter.quoted(value.formatted) : "\(value.seconds) seconds"
    }

    /// An integer with thousands separators: `100,000`, `-1,500`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return value < 0 ? "-" + text : text
    }

    /// "1 worker", "8 workers"; `plural` when adding "s" is wrong.
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// "a", "a and b", "a, b and c" (or `conjunction` for "and"); `empty` when there are none.
    static func list(_ items: [String], empty: String, conjunction: String = "and") -> String {
        guard let last = items.last else { return empty }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    /// The noun with its indefinite article: "a service", "an external API".
    static func withArticle(_ noun: String) -> String {
        guard let first = noun.lowercased().first else { return noun }
        return ("aeiou".contains(first) ? "an " : "a ") + noun
    }

    /// The lists' items in first-seen order, each once.
    static func union(_ lists: [[String]]) -> [String] {
        var all: [String] = []
        for list in lists { for item in list where !all.contains(item) { all.append(item) } }
        return all
    }
}

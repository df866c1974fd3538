/// How the parser describes what it found and where, for its error messages.
extension JSONParser {
    // MARK: Describing what was found

    /// The run of letters, digits, `_` and `$` at `offset` (empty when it does not start a word).
    func word(at offset: Int) -> String {
        guard offset < bytes.count, JSONByte.isWordStart(bytes[offset]) else { return "" }
        var end = offset
        while end < bytes.count, JSONByte.isWord(bytes[end]) { end += 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    /// What is at `offset`, for "found …": `'x'`, `'NaN'`, `a line break`, `the end of the text`.
    func found(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the text" }
        let b = bytes[offset]
        let w = word(at: offset)
        if !w.isEmpty {
            return w.count > 24 ? "'\(w.prefix(24))…'" : "'\(w)'"
        }
        switch b {
        case JSONByte.newline: return "a line break"
        case JSONByte.tab: return "a tab"
        case JSONByte.carriageReturn: return "a carriage return"
        case 0..<0x20, 0x7F: return Self.codePoint(UInt32(b))
        default: return "'\(scalarText(at: offset))'"
        }
    }

    /// A hint for a character that cannot start a value.
    func valueHint(at offset: Int) -> String {
        guard offset < bytes.count else { return "" }
        let w = word(at: offset)
        if !w.isEmpty {
            switch w.lowercased() {
            case "true", "false", "null": return " (true, false and null are written in lowercase)"
            case "nan", "infinity", "inf": return " (JSON has no NaN or Infinity)"
            default:
                if let literal = Wording.nearest(to: w, among: ["true", "false", "null"]) { return " (did you mean \(literal)?)" }
                return " (strings need double quotes)"
            }
        }
        switch bytes[offset] {
        case JSONByte.slash: return " (JSON does not allow comments)"
        case JSONByte.apostrophe: return " (strings need double quotes, not single quotes)"
        case JSONByte.plus: return " (a number cannot start with '+')"
        case JSONByte.dot: return " (a number needs a digit before '.')"
        default: return ""
        }
    }

    /// The Unicode scalar starting at `offset`, as text.
    func scalarText(at offset: Int) -> String {
        let lead = bytes[offset]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return text(offset, count: length)
    }

    /// Up to `count` bytes from `offset`, as text.
    func text(_ offset: Int, count: Int) -> String {
        String(decoding: bytes[offset..<min(bytes.count, offset + count)], as: UTF8.self)
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func codePoint(_ value: UInt32) -> String { "U+\(hex4(value))" }

    // MARK: Positions

    /// The 1-based line and column (in Unicode scalars) of byte `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for k in textStart..<max(textStart, min(offset, bytes.count)) {
            let b = bytes[k]
            if b == JSONByte.newline {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    func error(at offset: Int, _ message: String) -> JSONSyntaxError {
        let (line, column) = position(of: offset)
        return JSONSyntaxError(line: line, column: column, message: message)
    }
}

/// A JSON syntax error: where it is (1-based line and column) and what is wrong.
///
/// Columns count Unicode scalars from the start of the line, so a tab or an `é` counts as one.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line of the offending text.
    public var line: Int
    /// The 1-based column (in Unicode scalars) of the offending text.
    public var column: Int
    /// What is wrong: "expected ',' or '}' after an object member, found '\"'".
    public var message: String

    /// An error at `line`, `column` saying `message`.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// "line 3, column 5: expected ',' or '}' after an object member, found '\"'".
    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONValue {
    /// The deepest nesting of arrays and objects ``parse(_:)`` accepts.
    public static let maximumNestingDepth = 512

    /// Parses an RFC 8259 JSON text strictly: no comments, no trailing commas, no single quotes,
    /// no `NaN`; duplicate keys in an object are an error; a leading byte-order mark is ignored.
    ///
    /// The parser is iterative, so nesting is limited only by ``maximumNestingDepth``, never by
    /// the stack. O(n) in the length of the text.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(text: text)
        return try parser.parseDocument()
    }
}

/// The bytes JSON's grammar cares about.
enum JSONByte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e")
    static let upperE = UInt8(ascii: "E")
    static let lowerU = UInt8(ascii: "u")
    static let apostrophe = UInt8(ascii: "'")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }
    static func isWordStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
    }
    static func isWord(_ b: UInt8) -> Bool { isWordStart(b) || isDigit(b) }
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case zero...nine: UInt32(b - zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// A strict, iterative RFC 8259 parser over UTF-8 bytes.
struct JSONParser {
    let bytes: [UInt8]
    /// Where the text starts: 3 after a byte-order mark, else 0.
    let textStart: Int
    private var index: Int

    /// An array or object being read, with what has been read of it so far.
    ///
    /// A struct mutated in place through `stack[top]`, never copied out and back: taking the
    /// payload out of an enum case and re-wrapping it copied the whole container at every
    /// element, which made the parser quadratic in the size of one array or object.
    private struct Frame {
        /// Whether this is an array (else an object).
        let isArray: Bool
        /// The elements read so far (arrays).
        var elements: [JSONValue] = []
        /// The members read so far (objects).
        var members: [JSONObject.Member] = []
        /// Each key read so far and the offset where it was written, for duplicate reports (objects).
        var seen: [String: Int] = [:]
        /// The key whose value is being read (objects).
        var pendingKey = ""

        static func array() -> Frame { Frame(isArray: true) }
        static func object(key: String, offset: Int) -> Frame { Frame(isArray: false, seen: [key: offset], pendingKey: key) }
    }

    init(text: String) {
        bytes = Array(text.utf8)
        textStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        index = textStart
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        var stack: [Frame] = []
        var afterComma = false

        nextValue: while true {
            skipWhitespace()
            var value: JSONValue
            guard let byte = current else {
                throw error(at: index, "expected a value, found the end of the text")
            }
            switch byte {
            case JSONByte.openBrace, JSONByte.openBracket:
                if stack.count >= JSONValue.maximumNestingDepth {
                    throw error(at: index, "arrays and objects are nested more than \(JSONValue.maximumNestingDepth) levels deep")
                }
                index += 1
                skipWhitespace()
                if byte == JSONByte.openBracket {
                    if current == JSONByte.closeBracket {
                        index += 1
                        value = .array([])
                    } else {
                        stack.append(.array())
                        afterComma = false
                        continue nextValue
                    }
                } else if current == JSONByte.closeBrace {
                    index += 1
                    value = .object(JSONObject())
                } else {
                    let (key, offset) = try parseKey(afterComma: false)
                    try expectColon(after: key)
                    stack.append(.object(key: key, offset: offset))
                    afterComma = false
                    continue nextValue
                }
            case JSONByte.quote:
                value = .string(try parseString())
            case JSONByte.minus, JSONByte.zero...JSONByte.nine:
                value = .number(try parseNumber())
            default:
                switch word(at: index) {
                case "true": value = .bool(true)
                case "false": value = .bool(false)
                case "null": value = .null
                default:
                    if afterComma, byte == JSONByte.closeBracket {
                        throw error(at: index, "expected a value after ',', found ']' (trailing commas are not allowed)")
                    }
                    throw error(at: index, "expected a value, found \(found(at: index))\(valueHint(at: index))")
                }
                index += word(at: index).utf8.count
            }
            afterComma = false

            // Attach the finished value to the innermost open container, closing containers as they end.
            while let top = stack.indices.last {
                skipWhitespace()
                if stack[top].isArray {
                    stack[top].elements.append(value)
                    if current == JSONByte.comma {
                        index += 1
                        afterComma = true
                        continue nextValue
                    }
                    guard current == JSONByte.closeBracket else {
                        throw error(at: index, "expected ',' or ']' after an array element, found \(found(at: index))")
                    }
                    index += 1
                    value = .array(stack.removeLast().elements)
                } else {
                    stack[top].members.append(JSONObject.Member(key: stack[top].pendingKey, value: value))
                    if current == JSONByte.comma {
                        index += 1
                        skipWhitespace()
                        let (next, offset) = try parseKey(afterComma: true)
                        if let first = stack[top].seen[next] {
                            let (line, column) = position(of: first)
                            throw error(at: offset, "duplicate key \(Wording.quotedShort(next)) (first at line \(line), column \(column))")
                        }
                        stack[top].seen[next] = offset
                        try expectColon(after: next)
                        stack[top].pendingKey = next
                        continue nextValue
                    }
                    guard current == JSONByte.closeBrace else {
                        throw error(at: index, "expected ',' or '}' after an object member, found \(found(at: index))")
                    }
                    index += 1
                    value = .object(JSONObject(uniqueMembers: stack.removeLast().members))
                }
            }
            skipWhitespace()
            if index < bytes.count {
                throw error(at: index, "expected the end of the text after the top-level value, found \(found(at: index))")
            }
            return value
        }
    }

    // MARK: Pieces

    private mutating func skipWhitespace() {
        while let b = current, b == JSONByte.space || b == JSONByte.newline || b == JSONByte.carriageReturn || b == JSONByte.tab {
            index += 1
        }
    }

    /// Reads a key (a string); `afterComma` tells whether a '}' here would be a trailing comma.
    private mutating func parseKey(afterComma: Bool) throws(JSONSyntaxError) -> (String, Int) {
        guard current == JSONByte.quote else {
            var hint = ""
            if let b = current {
                if JSONByte.isWordStart(b) { hint = " (keys need double quotes)" }
                else if b == JSONByte.apostrophe { hint = " (keys need double quotes, not single quotes)" }
                else if b == JSONByte.slash { hint = " (JSON does not allow comments)" }
            }
            if afterComma {
                if current == JSONByte.closeBrace {
                    throw error(at: index, "expected a key in double quotes after ',', found '}' (trailing commas are not allowed)")
                }
                throw error(at: index, "expected a key in double quotes after ',', found \(found(at: index))\(hint)")
            }
            throw error(at: index, "expected a key in double quotes or '}', found \(found(at: index))\(hint)")
        }
        let offset = index
        return (try parseString(), offset)
    }

    private mutating func expectColon(after key: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard current == JSONByte.colon else {
            throw error(at: index, "expected ':' after the key \(Wording.quotedShort(key)), found \(found(at: index))")
        }
        index += 1
    }

    /// Reads a string starting at the opening quote.
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var decoded: [UInt8] = []
        var segmentStart = index
        var escaped = false
        while index < bytes.count {
            let b = bytes[index]
            if b == JSONByte.quote {
                let text: String
                if escaped {
                    decoded.append(contentsOf: bytes[segmentStart..<index])
                    text = String(decoding: decoded, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[segmentStart..<index], as: UTF8.self)
                }
                index += 1
                return text
            }
            if b == JSONByte.backslash {
                escaped = true
                decoded.append(contentsOf: bytes[segmentStart..<index])
                try parseEscape(stringStart: start, into: &decoded)
                segmentStart = index
                continue
            }
            if b < 0x20 {
                switch b {
                case JSONByte.newline:
                    throw error(at: index, "unescaped line break in a string (is a closing '\"' missing?)")
                case JSONByte.tab:
                    throw error(at: index, "unescaped tab in a string; write it as \\t")
                default:
                    throw error(at: index, "unescaped control character \(Self.codePoint(UInt32(b))) in a string; write it as \\u\(Self.hex4(UInt32(b)))")
                }
            }
            index += 1
        }
        throw error(at: start, "unterminated string: no closing '\"' before the end of the text")
    }

    /// Reads one escape sequence starting at the backslash and appends its UTF-8 bytes.
    private mutating func parseEscape(stringStart: Int, into decoded: inout [UInt8]) throws(JSONSyntaxError) {
        let start = index
        guard index + 1 < bytes.count else {
            throw error(at: stringStart, "unterminated string: no closing '\"' before the end of the text")
        }
        let simple: UInt8?
        switch bytes[index + 1] {
        case JSONByte.quote: simple = JSONByte.quote
        case JSONByte.backslash: simple = JSONByte.backslash
        case JSONByte.slash: simple = JSONByte.slash
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = JSONByte.newline
        case UInt8(ascii: "r"): simple = JSONByte.carriageReturn
        case UInt8(ascii: "t"): simple = JSONByte.tab
        case JSONByte.lowerU: simple = nil
        default:
            let next = bytes[index + 1]
            let shown = next < 0x20 || next == 0x7F ? "'\\' followed by \(found(at: index + 1))" : "'\\\(scalarText(at: index + 1))'"
            throw error(at: start, "invalid escape \(shown) in a string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
        if let simple {
            decoded.append(simple)
            index += 2
            return
        }
        var scalar = try hexQuad(at: index)
        index += 6
        if (0xDC00...0xDFFF).contains(scalar) {
            throw error(at: start, "unpaired surrogate '\(text(start, count: 6))' in a string")
        }
        if (0xD800...0xDBFF).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == JSONByte.backslash, bytes[index + 1] == JSONByte.lowerU else {
                throw error(at: start, "unpaired surrogate '\(text(start, count: 6))' in a string")
            }
            let low = try hexQuad(at: index)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(at: start, "unpaired surrogate '\(text(start, count: 6))' in a string")
            }
            index += 6
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        // Every value outside the surrogate range is a valid scalar.
        guard let unicode = Unicode.Scalar(scalar) else {
            throw error(at: start, "invalid escape '\(text(start, count: 6))' in a string")
        }
        decoded.append(contentsOf: String(Character(unicode)).utf8)
    }

    /// The value of the four hex digits after `\u` at `start` (the backslash).
    private func hexQuad(at start: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            let p = start + 2 + k
            guard p < bytes.count, let digit = JSONByte.hexValue(bytes[p]) else {
                var end = start + 2
                while end < min(bytes.count, start + 6), bytes[end] != JSONByte.quote, bytes[end] >= 0x20 { end += 1 }
                throw error(at: start, "invalid escape '\(text(start, count: end - start))' in a string; expected four hexadecimal digits after \\u")
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Reads a number, checking RFC 8259's grammar and that it fits in a `Double`.
    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = index
        func invalid(_ why: String) -> JSONSyntaxError {
            var end = start
            while end < bytes.count, end - start < 24,
                JSONByte.isWord(bytes[end]) || bytes[end] == JSONByte.dot || bytes[end] == JSONByte.plus || bytes[end] == JSONByte.minus
            {
                end += 1
            }
            return error(at: start, "invalid number '\(text(start, count: end - start))': \(why)")
        }
        if current == JSONByte.minus { index += 1 }
        guard let first = current, JSONByte.isDigit(first) else { throw invalid("expected a digit after '-'") }
        index += 1
        if first == JSONByte.zero, let next = current, JSONByte.isDigit(next) { throw invalid("leading zeros are not allowed") }
        while let b = current, JSONByte.isDigit(b) { index += 1 }
        if current == JSONByte.dot {
            index += 1
            guard let b = current, JSONByte.isDigit(b) else { throw invalid("expected a digit after '.'") }
            while let b = current, JSONByte.isDigit(b) { index += 1 }
        }
        if current == JSONByte.lowerE || current == JSONByte.upperE {
            index += 1
            if current == JSONByte.plus || current == JSONByte.minus { index += 1 }
            guard let b = current, JSONByte.isDigit(b) else { throw invalid("expected a digit in the exponent") }
            while let b = current, JSONByte.isDigit(b) { index += 1 }
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw error(at: start, "number \(Wording.shortened(literal)) is too large")
        }
        return JSONNumber(literal: literal, double: value)
    }
}

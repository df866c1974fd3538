extension JSONValue {
    /// Renders this value as JSON text, byte for byte the same every time for the same value.
    ///
    /// Members keep their order. Pretty output puts each member and element on its own line,
    /// indented by `indent` spaces per level, as `"key": value` — except arrays of numbers,
    /// booleans and nulls, which stay on one line (`[1, 2.5, null]`: a time series reads as a
    /// row); empty containers are `[]` and `{}`. Compact output has no whitespace at all. Numbers are written as their ``JSONNumber``
    /// text (non-finite ones as `null`); strings escape `"`, `\` and control characters, and keep
    /// other characters as UTF-8. No trailing newline is added. O(size of the output).
    public func rendered(pretty: Bool = true, indent: Int = 2) -> String {
        var writer = JSONWriter(pretty: pretty, indent: max(0, indent))
        writer.write(self, depth: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact rendering.
    public var description: String { rendered(pretty: false) }
}

extension JSONValue {
    /// Numbers, booleans and nulls: what pretty output keeps on one line inside an array.
    var isScalarForRendering: Bool {
        switch self {
        case .null, .bool, .number: true
        case .string, .array, .object: false
        }
    }
}

/// Writes JSON text into a byte buffer.
struct JSONWriter {
    let pretty: Bool
    let indent: Int
    private(set) var output: [UInt8] = []

    init(pretty: Bool, indent: Int) {
        self.pretty = pretty
        self.indent = indent
        output.reserveCapacity(256)
    }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let b):
            output.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n):
            output.append(contentsOf: (n.double.isFinite ? n.text : "null").utf8)
        case .string(let s):
            Self.appendQuoted(s, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            let inline = pretty && elements.allSatisfy(\.isScalarForRendering)
            for (i, element) in elements.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                if inline {
                    if i > 0 { output.append(UInt8(ascii: " ")) }
                } else {
                    newline(depth: depth + 1)
                }
                write(element, depth: depth + 1)
            }
            if !inline { newline(depth: depth) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth: depth + 1)
                Self.appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                write(member.value, depth: depth + 1)
            }
            newline(depth: depth)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * indent))
    }

    /// `text` as a JSON string literal, with its quotes.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal: `"` and `\` escaped, control characters as
    /// `\n`-style or `\u00XX` escapes, everything else as UTF-8.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0xF)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

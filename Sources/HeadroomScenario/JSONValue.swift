/// A JSON document as a value: what ``JSONValue/parse(_:)`` reads and ``JSONValue/rendered(pretty:indent:)`` writes.
///
/// Objects keep their members in order, so reading and writing a document is deterministic and a
/// rendered report lists its keys in the order the code built them. Numbers keep the text they
/// were written with (see ``JSONNumber``), so a 64-bit seed survives the trip exactly.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, with the text it was written as.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array of values.
    case array([JSONValue])
    /// An object: members in order, keys unique.
    case object(JSONObject)
}

// MARK: - Convenience constructors

extension JSONValue {
    /// A number from a `Double`; non-finite values render as `null`.
    public static func number(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }
    /// A number from an `Int`, written exactly.
    public static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
    /// A number from a `UInt64`, written exactly (seeds need all 64 bits).
    public static func uint64(_ value: UInt64) -> JSONValue { .number(JSONNumber(value)) }
    /// An object with these members, in this order (a repeated key replaces the earlier value in place).
    public static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members)) }
    /// A string, or `null` when `value` is nil.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}

// MARK: - Inspection

extension JSONValue {
    /// The object, if this is one.
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// The string, if this is one.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The number, if this is one.
    public var numberValue: JSONNumber? { if case .number(let n) = self { n } else { nil } }
    /// The Boolean, if this is one.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The member named `key`, when this is an object that has one.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// The element at `index`, when this is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// What kind of value this is, with an article: "an object", "an array", "a string", "a number", "a Boolean", "null".
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a Boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A string literal is a JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal is a JSON number, written exactly.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A floating-point literal is a JSON number.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array literal is a JSON array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal is a JSON object whose members keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

// MARK: - JSONNumber

/// A JSON number: the text it is written as, and its value as a `Double`.
///
/// Keeping the text means integers beyond 2^53 (such as the seed `18446744073709551615`) are read
/// exactly through ``uint64Value`` and written back unchanged. Two numbers are equal when their
/// texts are equal, so `1` and `1.0` are different values that render differently.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number as written (for numbers built from a `Double`, its canonical rendering).
    public let text: String
    /// The nearest `Double`.
    public let double: Double

    /// A number from a `Double`: integral values with magnitude below 2^53 are written without a
    /// fraction (`150`), others with Swift's shortest round-trip form (`0.25`, `1e-07`). A
    /// non-finite value keeps its Swift spelling here (`nan`, `inf`) and renders as `null`.
    public init(_ value: Double) {
        self.double = value
        self.text = JSONNumber.canonicalText(value)
    }

    /// A number from an `Int`, written exactly.
    public init(_ value: Int) {
        self.double = Double(value)
        self.text = String(value)
    }

    /// A number from a `UInt64`, written exactly.
    public init(_ value: UInt64) {
        self.double = Double(value)
        self.text = String(value)
    }

    /// A number exactly as a parser read it; `text` must be valid JSON number syntax.
    init(literal text: String, double: Double) {
        self.text = text
        self.double = double
    }

    /// The text as written.
    public var description: String { text }

    /// Whether the text is a plain integer (`-12`, `0`), without fraction or exponent.
    public var isIntegerLiteral: Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The value as an `Int` when it is an integer that fits (`2`, `2.0`, `2e3`); nil otherwise.
    public var intValue: Int? {
        if isIntegerLiteral {
            if let v = Int(text) { return v }
            return isNegativeZeroLiteral ? 0 : nil
        }
        return Int(exactly: double)
    }

    /// The value as a `UInt64` when it is a non-negative integer that fits; exact for integer literals up to 2^64 - 1.
    public var uint64Value: UInt64? {
        if isIntegerLiteral {
            if let v = UInt64(text) { return v }
            return isNegativeZeroLiteral ? 0 : nil
        }
        return UInt64(exactly: double)
    }

    private var isNegativeZeroLiteral: Bool {
        text.hasPrefix("-") && text.utf8.dropFirst().allSatisfy { $0 == UInt8(ascii: "0") }
    }

    /// The canonical text of a `Double`, as described at `init(_ value: Double)`.
    static func canonicalText(_ value: Double) -> String {
        guard value.isFinite else { return value.description }
        if value == value.rounded(.towardZero), value.magnitude < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }
}

// MARK: - JSONObject

/// The members of a JSON object, in order, with unique keys.
///
/// Lookup by key is a linear scan: scenario and report objects have a handful of members.
public struct JSONObject: Hashable, Sendable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One `"key": value` pair.
    public struct Member: Hashable, Sendable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: JSONValue
        /// A member with this key and value.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in order.
    public private(set) var members: [Member]

    /// An empty object.
    public init() { members = [] }

    /// An object with these members in this order; a repeated key replaces the earlier value in place.
    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// An object from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }

    /// Members already known to have unique keys (the parser checks).
    init(uniqueMembers: [Member]) { members = uniqueMembers }

    /// The value of the member named `key`; setting appends a new member, replaces an existing one
    /// in place, or (with nil) removes it. O(n).
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The position of the first member.
    public var startIndex: Int { members.startIndex }
    /// The position after the last member.
    public var endIndex: Int { members.endIndex }
    /// The member at `position`.
    public subscript(position: Int) -> Member { members[position] }
}

/// How one type of value is read from JSON, written back, checked and described in the JSON
/// Schema: the part of a field that does not depend on its key.
///
/// A ``FieldDescriptor`` binds a format to a key and a stored property. The formats below cover
/// the format's value types (integers with a range, numbers with bounds, durations,
/// distributions, names of a Swift enum, component ids); a kind with a value of its own shape (a
/// balancer's backends) writes its own format in its kind file.
struct ValueFormat<Value> {
    /// What a valid value looks like, as diagnostics say it: "an integer from 1 to 100,000".
    let expected: String
    /// The value's JSON Schema (type, range), without a description.
    let schema: [(String, JSONValue)]
    /// Reads a value at `path`, reporting what is wrong with it; nil when it is not readable.
    let read: (inout ScenarioReader, JSONValue, JSONPath) -> Value?
    /// The canonical JSON of a value.
    let encode: (Value) -> JSONValue
    /// Reports a value that was read (or built in Swift) but is out of range; the path is the value's.
    let check: (inout Validation, Value, JSONPath) -> Void
}

/// The allowed values of a number: an optional lower and an optional upper bound, each inclusive
/// or exclusive. Only finite numbers are ever allowed.
struct NumberBounds: Sendable {
    /// One end of the range.
    enum Bound: Sendable {
        /// The value itself is allowed.
        case inclusive(Double)
        /// Only values beyond it are allowed.
        case exclusive(Double)
    }

    /// The smallest allowed value, if any.
    var lower: Bound?
    /// The largest allowed value, if any.
    var upper: Bound?

    /// Numbers > `minimum`.
    static func above(_ minimum: Double) -> NumberBounds { NumberBounds(lower: .exclusive(minimum)) }
    /// Numbers ≥ `minimum`.
    static func atLeast(_ minimum: Double) -> NumberBounds { NumberBounds(lower: .inclusive(minimum)) }
    /// Numbers > `minimum` and ≤ `maximum`.
    static func above(_ minimum: Double, atMost maximum: Double) -> NumberBounds {
        NumberBounds(lower: .exclusive(minimum), upper: .inclusive(maximum))
    }

    /// Whether `value` is finite and within the bounds.
    func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch lower {
        case .inclusive(let b)?: if !(value >= b) { return false }
        case .exclusive(let b)?: if !(value > b) { return false }
        case nil: break
        }
        switch upper {
        case .inclusive(let b)?: return value <= b
        case .exclusive(let b)?: return value < b
        case nil: return true
        }
    }

    /// The JSON Schema keywords stating the bounds.
    var schema: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("type", "number")]
        switch lower {
        case .inclusive(let b)?: members.append(("minimum", .number(b)))
        case .exclusive(let b)?: members.append(("exclusiveMinimum", .number(b)))
        case nil: break
        }
        switch upper {
        case .inclusive(let b)?: members.append(("maximum", .number(b)))
        case .exclusive(let b)?: members.append(("exclusiveMaximum", .number(b)))
        case nil: break
        }
        return members
    }
}

extension ValueFormat where Value == Int {
    /// An integer in `range` (`2`, `2.0` and `2e0` are all 2). `unit` names what is counted, as
    /// in "an integer number of MB from 1 to 65,536".
    static func integer(in range: ClosedRange<Int>, unit: String? = nil) -> ValueFormat {
        let counted = unit.map { "an integer number of \($0)" } ?? "an integer"
        let expected = "\(counted) from \(Wording.grouped(range.lowerBound)) to \(Wording.grouped(range.upperBound))"
        return ValueFormat(
            expected: expected,
            schema: [("type", "integer"), ("minimum", .int(range.lowerBound)), ("maximum", .int(range.upperBound))],
            read: { reader, value, path in reader.readInteger(value, at: path, expected: expected) },
            encode: { .int($0) },
            check: { validation, value, path in
                if !range.contains(value) { validation.report(path, "found \(value); expected \(expected)") }
            })
    }
}

extension ValueFormat where Value == Double {
    /// A number within `bounds`; `expected` says so in words ("a weight > 0").
    static func number(_ bounds: NumberBounds, expected: String) -> ValueFormat {
        ValueFormat(
            expected: expected, schema: bounds.schema,
            read: { reader, value, path in reader.readNumber(value, at: path, expected: expected) },
            encode: { .number($0) },
            check: { validation, value, path in
                if !bounds.contains(value) { validation.report(path, "found \(Wording.number(value)); expected \(expected)") }
            })
    }
}

extension ValueFormat where Value == TimeSpan {
    /// A duration string with a unit (`"250ms"`), > 0 when `positive`, else ≥ 0.
    static func duration(positive: Bool) -> ValueFormat {
        ValueFormat(
            expected: "a duration with a unit, such as \"250ms\"", schema: [("$ref", "#/$defs/duration")],
            read: { reader, value, path in reader.readDuration(value, at: path) },
            encode: { .string($0.formatted) },
            check: { validation, value, path in validation.check(value, at: path, positive: positive) })
    }
}

extension ValueFormat where Value == DistributionSpec {
    /// A distribution: a duration string (a constant) or an object whose `dist` names it.
    static var distribution: ValueFormat {
        ValueFormat(
            expected: "a duration such as \"20ms\" or a distribution such as {\"dist\": \"exponential\", \"mean\": \"20ms\"}",
            schema: [("$ref", "#/$defs/distribution")],
            read: { reader, value, path in reader.readDistribution(value, at: path) },
            encode: ScenarioEncoder.encode,
            check: { validation, value, path in validation.check(value, at: path) })
    }
}

extension ValueFormat where Value == String {
    /// The id of a component of the scenario (any kind); an unknown id gets "did you mean".
    static var componentID: ValueFormat {
        let expected = "a component id such as \"api\""
        return ValueFormat(
            expected: expected, schema: [("type", "string")],
            read: { reader, value, path in reader.readString(value, at: path, expected: expected) },
            encode: { .string($0) },
            check: { validation, id, path in validation.checkReference(id, at: path, accepts: { _ in true }, expected: "a component") })
    }

    /// The id of a component a `call` step can call (its kind is callable).
    static var callableComponentID: ValueFormat {
        let expected = "a component id such as \"api\""
        return ValueFormat(
            expected: expected, schema: [("type", "string")],
            read: { reader, value, path in reader.readString(value, at: path, expected: expected) },
            encode: { .string($0) },
            check: { validation, id, path in
                let callable = ComponentKind.allCases.filter { $0.descriptor.callable }.map { Wording.withArticle($0.noun) }
                validation.checkReference(
                    id, at: path, accepts: { $0.descriptor.callable },
                    expected: "a component that can be called: \(Wording.list(callable, empty: "none", conjunction: "or"))")
            })
    }
}

extension ValueFormat where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// The name of one case of `Value` (a strategy): an unknown name gets "did you mean".
    static func choice(noun: String) -> ValueFormat {
        let names = Value.allCases.map(\.rawValue)
        return ValueFormat(
            expected: "one of \(Wording.quotedList(names))", schema: [("type", "string"), ("enum", .array(names.map(JSONValue.string)))],
            read: { reader, value, path in
                reader.readChoice(value, at: path, noun: noun, names: names).flatMap(Value.init(rawValue:))
            },
            encode: { .string($0.rawValue) },
            check: { _, _, _ in })
    }
}

extension ValueFormat where Value == UInt64 {
    /// A non-negative 64-bit integer (a seed, a key), read exactly up to 18446744073709551615.
    static var unsigned: ValueFormat {
        let expected = "an integer from 0 to \(UInt64.max)"
        return ValueFormat(
            expected: expected, schema: [("type", "integer"), ("minimum", 0), ("maximum", .uint64(UInt64.max))],
            read: { reader, value, path in reader.readUnsigned(value, at: path, expected: expected) },
            encode: { .uint64($0) },
            check: { _, _, _ in })
    }
}

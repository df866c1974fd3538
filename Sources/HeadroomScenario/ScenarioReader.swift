/// Reads a parsed JSON document into a ``Scenario``: strictly, and collecting every problem.
///
/// Each `read…` function reports what is wrong with its node and returns nil for it; its
/// parent keeps reading the siblings, so one pass finds every structural problem. Semantic
/// checks (ranges, references, cycles) are ``ScenarioValidator``'s job and run afterwards.
struct ScenarioReader {
    /// Every problem found so far, in the order found.
    private(set) var diagnostics: [ScenarioDiagnostic] = []
    /// How deeply nested the steps being read are: 1 for a route's own steps.
    var stepDepth = 0
    /// The directory of the scenario file, against which files it names (traces) are found; nil:
    /// the current directory.
    var baseDirectory: String?

    /// Records a problem at `path`.
    mutating func report(_ path: JSONPath, _ message: String) {
        diagnostics.append(ScenarioDiagnostic(path: path.description, message: message))
    }

    /// Records a value of the wrong type: `found 5 (a number); expected a string`.
    mutating func mismatch(_ path: JSONPath, found value: JSONValue, expected: String) {
        report(path, "found \(Wording.foundWrongType(value)); expected \(expected)")
    }
}

/// The keys of the objects of the format that are not declared by a descriptor, in the order the
/// documentation lists them. Component kinds and step kinds declare their own keys.
enum ScenarioKeys {
    /// The optional root key naming the JSON Schema, for editors; accepted anywhere a scenario is, and ignored.
    static let schemaReference = "$schema"
    static let scenario = ["name", "description", "seed", "duration", "warmup", "timeBucket", "workload", "components", "routes", "sla"]
    static let workload = ["arrivals", "rate", "mix", "bursts", "shape", "users", "thinkTime"]
    static let burst = ["start", "duration", "rate", "every"]
    static let route = ["class", "steps", "responseKB", "keys"]
    static let sla = ["objectives"]
    static let objective = ["metric", "percentile", "max", "min", "class"]
    static let histogramBin = ["upTo", "weight"]

    /// The parameters of each distribution, after `dist`.
    static let distribution: [String: [String]] = [
        "constant": ["value"], "exponential": ["mean"], "uniform": ["min", "max"], "normal": ["mean", "stddev"],
        "lognormal": ["mean", "cv", "median", "p99"], "gamma": ["shape", "mean"], "erlang": ["k", "mean"],
        "weibull": ["shape", "scale"], "pareto": ["shape", "scale"], "empirical": ["samples", "histogram"],
    ]

    /// Every parameter any distribution takes, in first-use order.
    static let allDistributionParameters: [String] = Wording.union(DistributionSpec.names.map { distribution[$0] ?? [] })
}

/// The members of an object being read, after its keys were checked.
struct ObjectFields {
    /// The object.
    let object: JSONObject
    /// Where it is.
    let path: JSONPath
    /// Allowed keys that an unknown key was reported as a likely misspelling of.
    let suggested: Set<String>

    /// The member `key`, if present.
    subscript(key: String) -> JSONValue? { object[key] }
}

/// The outcome of reading one optional or required member.
enum Field<Value> {
    /// The key is not there.
    case absent
    /// The key is there but its value is wrong (already reported).
    case invalid
    /// The key is there and its value was read.
    case present(Value)

    /// A read value, or `.invalid` when reading failed.
    init(_ value: Value?) { self = value.map(Field.present) ?? .invalid }

    /// The value, the default when absent, or nil when invalid.
    func or(_ defaultValue: Value) -> Value? {
        switch self {
        case .absent: defaultValue
        case .invalid: nil
        case .present(let v): v
        }
    }

    /// The value; nil when absent or invalid (`fields` reports a missing required key).
    var required: Value? { if case .present(let v) = self { v } else { nil } }

    /// `.some(nil)` when absent, `.some(value)` when read, nil when invalid.
    var optional: Value?? {
        switch self {
        case .absent: .some(nil)
        case .invalid: nil
        case .present(let v): .some(v)
        }
    }
}

extension ScenarioReader {
    /// Checks that `value` is an object, reports keys outside `allowed` and missing `required`
    /// keys, and returns its members.
    ///
    /// An unknown key gets "did you mean" when it is close to an allowed key not already used;
    /// a key that belongs to a sibling variant (`foreign`) is said not to apply to `owner`. A
    /// required key that an unknown key was taken as a misspelling of is not reported again.
    mutating func fields(
        _ value: JSONValue, at path: JSONPath, expected: String, allowed: [String], required: [String] = [],
        owner: String? = nil, foreign: [String] = [], notes: [String: String] = [:]
    ) -> ObjectFields? {
        guard case .object(let object) = value else {
            mismatch(path, found: value, expected: expected)
            return nil
        }
        let present = Set(object.keys)
        let unused = allowed.filter { !present.contains($0) }
        var suggested = Set<String>()
        for key in object.keys where !allowed.contains(key) {
            if let owner, foreign.contains(key) {
                report(path, "key \(Wording.quotedShort(key)) does not apply to \(owner); expected one of \(Wording.quotedList(allowed))")
            } else if let near = Wording.nearest(to: key, among: unused) {
                suggested.insert(near)
                report(path, "unknown key \(Wording.quotedShort(key)); did you mean \(JSONWriter.quoted(near))?")
            } else {
                report(path, "unknown key \(Wording.quotedShort(key)); expected one of \(Wording.quotedList(allowed))")
            }
        }
        for key in required where object[key] == nil && !suggested.contains(key) {
            report(path, "missing required key \(JSONWriter.quoted(key))" + (notes[key].map { " (\($0))" } ?? ""))
        }
        return ObjectFields(object: object, path: path, suggested: suggested)
    }

    /// A member read by `format`.
    mutating func member<Value>(_ f: ObjectFields, _ key: String, _ format: ValueFormat<Value>) -> Field<Value> {
        guard let value = f[key] else { return .absent }
        return Field(format.read(&self, value, f.path.key(key)))
    }

    // MARK: Scalars

    /// A string member.
    mutating func string(_ f: ObjectFields, _ key: String, expected: String = "a string") -> Field<String> {
        guard let value = f[key] else { return .absent }
        return Field(readString(value, at: f.path.key(key), expected: expected))
    }

    /// A string value.
    mutating func readString(_ value: JSONValue, at path: JSONPath, expected: String = "a string") -> String? {
        guard case .string(let s) = value else {
            mismatch(path, found: value, expected: expected)
            return nil
        }
        return s
    }

    /// A number member; `expected` says what range the validator will want (`a weight > 0`).
    mutating func number(_ f: ObjectFields, _ key: String, expected: String) -> Field<Double> {
        guard let value = f[key] else { return .absent }
        return Field(readNumber(value, at: f.path.key(key), expected: expected))
    }

    /// A number value.
    mutating func readNumber(_ value: JSONValue, at path: JSONPath, expected: String) -> Double? {
        guard case .number(let n) = value else {
            mismatch(path, found: value, expected: expected)
            return nil
        }
        return n.double
    }

    /// An integer member (`2`, `2.0` and `2e0` are all 2); `expected` names the range.
    mutating func integer(_ f: ObjectFields, _ key: String, expected: String) -> Field<Int> {
        guard let value = f[key] else { return .absent }
        return Field(readInteger(value, at: f.path.key(key), expected: expected))
    }

    /// An integer value that fits an `Int` (its range is the validator's to check).
    mutating func readInteger(_ value: JSONValue, at path: JSONPath, expected: String) -> Int? {
        guard case .number(let n) = value else {
            mismatch(path, found: value, expected: expected)
            return nil
        }
        guard let int = n.intValue else {
            report(path, "found \(n.text); expected \(expected)")
            return nil
        }
        return int
    }

    /// A non-negative integer value that fits a `UInt64`, read exactly.
    mutating func readUnsigned(_ value: JSONValue, at path: JSONPath, expected: String) -> UInt64? {
        guard case .number(let n) = value else {
            mismatch(path, found: value, expected: expected)
            return nil
        }
        guard let int = n.uint64Value else {
            report(path, "found \(n.text); expected \(expected)")
            return nil
        }
        return int
    }

    /// A member naming one of `names` (a kind, a strategy): unknown names get "did you mean".
    mutating func choice(_ f: ObjectFields, _ key: String, noun: String, names: [String]) -> Field<String> {
        guard let value = f[key] else { return .absent }
        return Field(readChoice(value, at: f.path.key(key), noun: noun, names: names))
    }

    /// A value naming one of `names`.
    mutating func readChoice(_ value: JSONValue, at path: JSONPath, noun: String, names: [String]) -> String? {
        guard case .string(let name) = value else {
            mismatch(path, found: value, expected: "one of \(Wording.quotedList(names))")
            return nil
        }
        guard names.contains(name) else {
            report(path, "unknown \(noun) \(Wording.quotedShort(name))\(Wording.suggestion(for: name, among: names))")
            return nil
        }
        return name
    }

    /// A member holding an array, each element read by `element`; invalid when any element is.
    mutating func array<Element>(
        _ f: ObjectFields, _ key: String, expected: String,
        element: (inout ScenarioReader, JSONValue, JSONPath) -> Element?
    ) -> Field<[Element]> {
        guard let value = f[key] else { return .absent }
        return Field(readArray(value, at: f.path.key(key), expected: expected, element: element))
    }

    /// An array value, each element read by `element`; nil when any element fails (after reading them all).
    mutating func readArray<Element>(
        _ value: JSONValue, at path: JSONPath, expected: String,
        element: (inout ScenarioReader, JSONValue, JSONPath) -> Element?
    ) -> [Element]? {
        guard case .array(let elements) = value else {
            mismatch(path, found: value, expected: expected)
            return nil
        }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        var valid = true
        for (i, e) in elements.enumerated() {
            if let read = element(&self, e, path.index(i)) { result.append(read) } else { valid = false }
        }
        return valid ? result : nil
    }
}

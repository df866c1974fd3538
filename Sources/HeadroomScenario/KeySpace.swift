/// Which key each request of a class carries: the key caches, shards and sticky routing see
/// (JSON `routes[i].keys`).
///
/// Keys are integers in `0..<count`; classes whose key spaces have the same `count` touch the
/// same keys (reads and writes of one table).
public enum KeySpace: Hashable, Sendable {
    /// Every key equally likely (`{"dist": "uniform", "count": 1000}`).
    case uniform(count: Int)
    /// Key k (0-based) with probability proportional to 1/(k+1)^exponent: key 0 is the hottest
    /// (`{"dist": "zipf", "exponent": 0.99, "count": 100000}`).
    case zipf(exponent: Double, count: Int)
    /// Always this key: one hot row, one user (`{"dist": "fixed", "key": 42}`).
    case fixed(UInt64)

    /// The discriminator written in JSON (`"dist"`).
    public var name: String {
        switch self {
        case .uniform: "uniform"
        case .zipf: "zipf"
        case .fixed: "fixed"
        }
    }

    /// Every `dist` a key space may name, with its parameters, in documentation order.
    static let variants: [(name: String, parameters: [String], description: String)] = [
        ("uniform", ["count"], "Every key of 0..<count equally likely."),
        ("zipf", ["exponent", "count"], "Key k of 0..<count with probability proportional to 1/(k+1)^exponent: key 0 is the hottest."),
        ("fixed", ["key"], "Always the same key."),
    ]

    /// Key spaces hold from one key to a billion.
    public static let countLimits = 1...1_000_000_000

    static var count: ValueFormat<Int> { .integer(in: countLimits) }
    static var exponent: ValueFormat<Double> { .number(.atLeast(0), expected: "a number >= 0") }
    static var key: ValueFormat<UInt64> { .unsigned }

    /// How a key space is read, written, checked and described.
    static var format: ValueFormat<KeySpace> {
        ValueFormat(
            expected: "a key space such as {\"dist\": \"zipf\", \"exponent\": 0.99, \"count\": 100000}",
            schema: [("oneOf", .array(variants.map { variant in
                let properties: [(String, JSONValue)] = variant.parameters.map { parameter in
                    switch parameter {
                    case "count": ("count", .object([("description", "How many keys there are.")] + count.schema))
                    case "exponent": ("exponent", .object([("description", "The Zipf exponent s; 0 is uniform, about 1 is typical of web objects.")] + exponent.schema))
                    default: ("key", .object([("description", "The key every request carries.")] + key.schema))
                    }
                }
                return .object([
                    ("description", .string(variant.description)), ("type", "object"),
                    ("properties", .object([("dist", .object([("description", "The key distribution."), ("const", .string(variant.name))]))] + properties)),
                    ("required", .array((["dist"] + variant.parameters).map(JSONValue.string))), ("additionalProperties", false),
                ])
            }))],
            read: { reader, value, path in reader.readKeySpace(value, at: path) },
            encode: { keys in
                switch keys {
                case .uniform(let n): .object([("dist", "uniform"), ("count", .int(n))])
                case .zipf(let s, let n): .object([("dist", "zipf"), ("exponent", .number(s)), ("count", .int(n))])
                case .fixed(let key): .object([("dist", "fixed"), ("key", .uint64(key))])
                }
            },
            check: { validation, keys, path in
                switch keys {
                case .uniform(let n):
                    count.check(&validation, n, path.key("count"))
                case .zipf(let s, let n):
                    exponent.check(&validation, s, path.key("exponent"))
                    count.check(&validation, n, path.key("count"))
                case .fixed:
                    break
                }
            })
    }
}

extension ScenarioReader {
    /// A key space: an object whose `dist` decides its other keys.
    mutating func readKeySpace(_ value: JSONValue, at path: JSONPath) -> KeySpace? {
        let names = KeySpace.variants.map(\.name)
        let all = ["exponent", "count", "key"]
        let known = value["dist"]?.stringValue.flatMap { name in KeySpace.variants.first { $0.name == name } }
        let parameters = known?.parameters ?? all
        guard
            let f = fields(
                value, at: path, expected: KeySpace.format.expected, allowed: ["dist"] + parameters,
                required: ["dist"] + (known?.parameters ?? []), owner: known.map { "dist \(JSONWriter.quoted($0.name))" },
                foreign: all.filter { !parameters.contains($0) }, notes: ["dist": "one of \(Wording.quotedList(names))"])
        else { return nil }
        let dist = choice(f, "dist", noun: "key distribution", names: names)
        let exponent = member(f, "exponent", KeySpace.exponent).required
        let count = member(f, "count", KeySpace.count).required
        let key = member(f, "key", KeySpace.key).required
        switch dist.required {
        case "uniform": return count.map { .uniform(count: $0) }
        case "zipf": return exponent.flatMap { s in count.map { .zipf(exponent: s, count: $0) } }
        case "fixed": return key.map { .fixed($0) }
        default: return nil
        }
    }
}

/// One key of an object of the scenario format (a component kind, a route step), bound to a
/// stored property of the Swift value that object is read into.
///
/// The reader, the validator, the encoder and the JSON Schema all work from the same field, so a
/// key cannot be read one way and written, checked or documented another. Fields are made by
/// ``required(_:_:_:_:)``, ``defaulted(_:_:_:default:alwaysWritten:_:)``,
/// ``optional(_:_:_:ifAbsent:_:)`` and ``steps(_:_:_:)`` from a ``ValueFormat``.
struct FieldDescriptor<Owner> {
    /// The JSON key, equal to the Swift property's name.
    let key: String
    /// Whether the key must be present.
    let isRequired: Bool
    /// The property's JSON Schema: its description (saying the default, or what leaving the key
    /// out means), type, range and default.
    let schema: JSONValue
    /// Reads the member (when present) into the owner: false when it is invalid (already
    /// reported), or required and missing (reported by ``ScenarioReader/fields(_:at:expected:allowed:required:owner:foreign:notes:)``).
    let read: (inout ScenarioReader, ObjectFields, inout Owner) -> Bool
    /// The member's canonical JSON, or nil to leave it out.
    let encode: (Owner) -> JSONValue?
    /// Checks the owner's value of this field; the path is the member's.
    let check: (inout Validation, Owner, JSONPath) -> Void
    /// The steps held under this key, for fields of nested steps (a call's `then`).
    let steps: ((Owner) -> [Step])?
    /// Whether nested steps run inside the step that holds them (a call's `then`, while it holds
    /// the worker) or after it, at the step's own level (a call's `fallback`, once it failed).
    var stepsRunInside = true

    /// The property schema: the description with the default or absence appended, then the
    /// format's schema, then the default.
    private static func schema(
        _ description: String, _ format: [(String, JSONValue)], default value: JSONValue? = nil, ifAbsent: String? = nil
    ) -> JSONValue {
        var text = description
        if let value { text += " Default: \(value.rendered(pretty: false))." } else if let ifAbsent { text += " Left out: \(ifAbsent)." }
        var members: [(String, JSONValue)] = [("description", .string(text))] + format
        if let value { members.append(("default", value)) }
        return .object(members)
    }
}

extension FieldDescriptor {
    /// A key that must be present.
    static func required<Value>(
        _ key: String, _ keyPath: WritableKeyPath<Owner, Value>, _ format: ValueFormat<Value>, _ description: String
    ) -> FieldDescriptor {
        FieldDescriptor(
            key: key, isRequired: true, schema: schema(description, format.schema),
            read: { reader, fields, owner in
                guard let value = fields[key], let read = format.read(&reader, value, fields.path.key(key)) else { return false }
                owner[keyPath: keyPath] = read
                return true
            },
            encode: { format.encode($0[keyPath: keyPath]) },
            check: { validation, owner, path in format.check(&validation, owner[keyPath: keyPath], path) },
            steps: nil)
    }

    /// A key that may be left out for `default`. The encoder leaves it out when it has its
    /// default, unless `alwaysWritten` (for values a reader of the file wants to see).
    static func defaulted<Value: Equatable>(
        _ key: String, _ keyPath: WritableKeyPath<Owner, Value>, _ format: ValueFormat<Value>, default defaultValue: Value,
        alwaysWritten: Bool = false, _ description: String
    ) -> FieldDescriptor {
        FieldDescriptor(
            key: key, isRequired: false, schema: schema(description, format.schema, default: format.encode(defaultValue)),
            read: { reader, fields, owner in
                guard let value = fields[key] else {
                    owner[keyPath: keyPath] = defaultValue
                    return true
                }
                guard let read = format.read(&reader, value, fields.path.key(key)) else { return false }
                owner[keyPath: keyPath] = read
                return true
            },
            encode: { owner in
                let value = owner[keyPath: keyPath]
                return alwaysWritten || value != defaultValue ? format.encode(value) : nil
            },
            check: { validation, owner, path in format.check(&validation, owner[keyPath: keyPath], path) },
            steps: nil)
    }

    /// A key that may be left out, meaning `ifAbsent` ("an unbounded queue"); the property is nil then.
    /// `null` is not a way to leave it out: it is reported with that hint.
    static func optional<Value>(
        _ key: String, _ keyPath: WritableKeyPath<Owner, Value?>, _ format: ValueFormat<Value>, ifAbsent: String,
        _ description: String
    ) -> FieldDescriptor {
        FieldDescriptor(
            key: key, isRequired: false, schema: schema(description, format.schema, ifAbsent: ifAbsent),
            read: { reader, fields, owner in
                guard let value = fields[key] else {
                    owner[keyPath: keyPath] = nil
                    return true
                }
                let path = fields.path.key(key)
                if value.isNull {
                    reader.report(path, "found null; expected \(format.expected) (leave the key out for \(ifAbsent))")
                    return false
                }
                guard let read = format.read(&reader, value, path) else { return false }
                owner[keyPath: keyPath] = read
                return true
            },
            encode: { owner in owner[keyPath: keyPath].map(format.encode) },
            check: { validation, owner, path in
                if let value = owner[keyPath: keyPath] { format.check(&validation, value, path) }
            },
            steps: nil)
    }

    /// Steps nested in a step (a call's `then`), empty by default. They are checked by the
    /// validator's walk over routes (nesting depth, call cycles), not by this field. `inside`
    /// says whether they run inside the step (holding what it holds) or at its level instead.
    static func steps(
        _ key: String, _ keyPath: WritableKeyPath<Owner, [Step]>, inside: Bool = true, _ description: String
    ) -> FieldDescriptor {
        var field = FieldDescriptor(
            key: key, isRequired: false,
            schema: schema(description, [("type", "array"), ("items", .object([("$ref", "#/$defs/step")]))], default: .array([])),
            read: { reader, fields, owner in
                guard let value = fields[key] else {
                    owner[keyPath: keyPath] = []
                    return true
                }
                guard let steps = reader.readNestedSteps(value, at: fields.path.key(key)) else { return false }
                owner[keyPath: keyPath] = steps
                return true
            },
            encode: { owner in
                let steps = owner[keyPath: keyPath]
                return steps.isEmpty ? nil : .array(steps.map(ScenarioEncoder.encode))
            },
            check: { _, _, _ in },
            steps: { $0[keyPath: keyPath] })
        field.stepsRunInside = inside
        return field
    }
}

/// The keys of one object of the format and the Swift value it is read into.
///
/// `prototype` is any value of the type; reading starts from it and sets every field, so the
/// result depends only on the file.
struct ObjectDescriptor<Owner> {
    /// A value to read into.
    let prototype: Owner
    /// The keys, in the order the docs list them and the encoder writes them.
    let fields: [FieldDescriptor<Owner>]

    /// Every key.
    var keys: [String] { fields.map(\.key) }
    /// The keys that must be present.
    var requiredKeys: [String] { fields.filter(\.isRequired).map(\.key) }
    /// The JSON Schema `properties` of the keys.
    var properties: [(String, JSONValue)] { fields.map { ($0.key, $0.schema) } }

    /// Reads every field of an object whose keys were checked; nil when any is invalid or
    /// missing (each reported once).
    func read(_ reader: inout ScenarioReader, _ object: ObjectFields) -> Owner? {
        var value = prototype
        var valid = true
        for field in fields where !field.read(&reader, object, &value) { valid = false }
        return valid ? value : nil
    }

    /// Reads the fields that are present and not in `checked`, only to report what is wrong with
    /// them (when the object's kind is unknown), and adds their keys to `checked`.
    func checkPresent(_ reader: inout ScenarioReader, _ object: ObjectFields, checked: inout Set<String>) {
        var scratch = prototype
        for field in fields where object[field.key] != nil && checked.insert(field.key).inserted {
            _ = field.read(&reader, object, &scratch)
        }
    }

    /// The members of `value`, in field order, defaults left out.
    func encode(_ value: Owner) -> [(String, JSONValue)] {
        fields.compactMap { field in field.encode(value).map { (field.key, $0) } }
    }

    /// Checks every field of `value`, an object at `path`.
    func check(_ validation: inout Validation, _ value: Owner, at path: JSONPath) {
        for field in fields { field.check(&validation, value, path.key(field.key)) }
    }

    /// The nested steps of `value`, with the key holding them and whether they run inside the step.
    func nestedSteps(_ value: Owner) -> [(key: String, steps: [Step], inside: Bool)] {
        fields.compactMap { field in field.steps.map { (field.key, $0(value), field.stepsRunInside) } }
    }
}

/// An ``ObjectDescriptor`` whose value type is erased to `Erased` (`any ComponentSpec`, `any
/// StepSpec`), so objects of every kind can be read, written and checked alike.
struct AnyObjectDescriptor<Erased> {
    /// Every key.
    let keys: [String]
    /// The keys that must be present.
    let requiredKeys: [String]
    /// The JSON Schema `properties` of the keys.
    let properties: [(String, JSONValue)]
    /// Reads every field; nil when any is invalid or missing.
    let read: (inout ScenarioReader, ObjectFields) -> Erased?
    /// Reads the present fields not yet checked, only to report problems.
    let checkPresent: (inout ScenarioReader, ObjectFields, inout Set<String>) -> Void
    /// The members of a value, defaults left out.
    let encode: (Erased) -> [(String, JSONValue)]
    /// Checks every field of a value at a path.
    let check: (inout Validation, Erased, JSONPath) -> Void
    /// The nested steps of a value, with their keys and whether they run inside the step.
    let nestedSteps: (Erased) -> [(key: String, steps: [Step], inside: Bool)]

    /// `object`, erased by `erase` and recovered by `typed` (which may only be given values `erase` made).
    init<Owner>(_ object: ObjectDescriptor<Owner>, erase: @escaping (Owner) -> Erased, typed: @escaping (Erased) -> Owner) {
        keys = object.keys
        requiredKeys = object.requiredKeys
        properties = object.properties
        read = { reader, fields in object.read(&reader, fields).map(erase) }
        checkPresent = { reader, fields, checked in object.checkPresent(&reader, fields, checked: &checked) }
        encode = { object.encode(typed($0)) }
        check = { validation, value, path in object.check(&validation, typed(value), at: path) }
        nestedSteps = { object.nestedSteps(typed($0)) }
    }
}

extension ScenarioReader {
    private static let kindNote = ["kind": "one of \(Wording.quotedList(ComponentKind.names))"]

    /// One element of `components`: an object whose `kind` decides which other keys it takes
    /// (its ``KindDescriptor``).
    mutating func readComponent(_ value: JSONValue, at path: JSONPath) -> Component? {
        // Peek at the kind to know which keys are allowed; `choice` below reports a bad kind.
        let descriptors = ComponentKind.allCases.map(\.descriptor)
        let descriptor = value["kind"]?.stringValue.flatMap(ComponentKind.init(rawValue:))?.descriptor
        let own = descriptor?.componentKeys ?? ["id", "kind", "pricing"] + Wording.union(descriptors.map(\.object.keys))
        let foreign = descriptor == nil ? [] : Wording.union(descriptors.map(\.componentKeys)).filter { !own.contains($0) }
        guard
            let f = fields(
                value, at: path,
                expected: "a component such as {\"id\": \"api\", \"kind\": \"service\", \"serviceTime\": \"20ms\"}",
                allowed: own, required: ["id", "kind"] + (descriptor?.object.requiredKeys ?? []),
                owner: descriptor.map { "kind \(JSONWriter.quoted($0.kind.rawValue))" }, foreign: foreign,
                notes: Self.kindNote)
        else { return nil }

        let id = string(f, "id", expected: "an id such as \"api\"")
        let kind = choice(f, "kind", noun: "kind", names: ComponentKind.names)
        let pricing = readPricing(f, kind: descriptor)
        guard case .present = kind, let descriptor else {
            // Unknown or missing kind: still check what can be checked of the other keys.
            var checked = Set<String>()
            for d in descriptors { d.object.checkPresent(&self, f, &checked) }
            return nil
        }
        let spec = descriptor.object.read(&self, f)
        guard let id = id.required, let spec, let pricing = pricing.optional else { return nil }
        return Component(id: id, spec, pricing: pricing)
    }

    /// A component's `pricing` object: only the prices its kind can be charged. A kind charged
    /// nothing takes no `pricing` key, which `fields` has reported.
    private mutating func readPricing(_ f: ObjectFields, kind: AnyKindDescriptor?) -> Field<Pricing> {
        guard let value = f["pricing"] else { return .absent }
        if kind?.pricing.isEmpty == true { return .invalid }
        let allowed = kind?.pricing ?? Pricing.Key.allCases
        guard
            let p = fields(
                value, at: f.path.key("pricing"), expected: "an object of prices such as {\"instanceHour\": 0.096}",
                allowed: allowed.map(\.rawValue), owner: kind.map { "kind \(JSONWriter.quoted($0.kind.rawValue))" },
                foreign: Pricing.Key.allCases.filter { !allowed.contains($0) }.map(\.rawValue))
        else { return .invalid }
        var pricing = Pricing()
        var valid = true
        for key in allowed {
            switch number(p, key.rawValue, expected: key.expected) {
            case .present(let v): pricing[key] = v
            case .invalid: valid = false
            case .absent: break
            }
        }
        return valid ? .present(pricing) : .invalid
    }
}

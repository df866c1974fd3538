extension ScenarioReader {
    /// One element of `routes`: `{"class": name, "steps": [...]}`.
    mutating func readRoute(_ value: JSONValue, at path: JSONPath) -> Route? {
        guard
            let f = fields(
                value, at: path, expected: "a route such as {\"class\": \"read\", \"steps\": [{\"call\": \"api\"}]}",
                allowed: ScenarioKeys.route, required: ["class", "steps"])
        else { return nil }
        let requestClass = string(f, "class", expected: "a class name such as \"read\"")
        let steps: Field<[Step]> = f["steps"].map { value in
            stepDepth = 1
            defer { stepDepth = 0 }
            return Field(readSteps(value, at: path.key("steps")))
        } ?? .absent
        let responseKB = number(f, "responseKB", expected: "a response size in kilobytes >= 0")
        let keys = member(f, "keys", KeySpace.format)
        guard let requestClass = requestClass.required, let steps = steps.required, let responseKB = responseKB.or(0),
            let keys = keys.optional
        else { return nil }
        return Route(requestClass: requestClass, steps: steps, responseKB: responseKB, keys: keys)
    }

    /// An array of steps at the current ``stepDepth``.
    private mutating func readSteps(_ value: JSONValue, at path: JSONPath) -> [Step]? {
        readArray(value, at: path, expected: "an array of steps such as [{\"call\": \"api\"}]") { reader, value, path in
            reader.readStep(value, at: path)
        }
    }

    /// Steps nested one level below the current ones (a call's `then`).
    ///
    /// Steps nested deeper than one level past ``ScenarioValidator/maximumCallDepth`` are not
    /// read (they read as none): the validator reports the first level too deep, and reading
    /// stops there, so recursion stays shallow whatever the file holds.
    mutating func readNestedSteps(_ value: JSONValue, at path: JSONPath) -> [Step]? {
        guard stepDepth <= ScenarioValidator.maximumCallDepth else { return [] }
        stepDepth += 1
        defer { stepDepth -= 1 }
        return readSteps(value, at: path)
    }

    /// One step: an object with exactly one discriminator key (`call`, …), which decides the
    /// step's kind and so its other keys (its ``StepDescriptor``).
    private mutating func readStep(_ value: JSONValue, at path: JSONPath) -> Step? {
        let kinds = StepKind.allCases.map(\.descriptor)
        let example = "a step such as {\"\(kinds[0].discriminator)\": \"api\"}"
        guard case .object(let object) = value else {
            let id = value.stringValue.flatMap { $0.isEmpty || $0.count > 40 ? nil : $0 } ?? "api"
            mismatch(path, found: value, expected: "a step such as {\(JSONWriter.quoted(kinds[0].discriminator)): \(JSONWriter.quoted(id))}")
            return nil
        }
        let present = kinds.filter { object[$0.discriminator] != nil }
        if present.count == 1 {
            let d = present[0]
            let foreign = Wording.union(kinds.map(\.object.keys)).filter { !d.object.keys.contains($0) }
            guard
                let f = fields(
                    value, at: path, expected: "a step", allowed: d.object.keys, required: d.object.requiredKeys,
                    owner: "a \(JSONWriter.quoted(d.discriminator)) step", foreign: foreign)
            else { return nil }
            return d.object.read(&self, f)
        }
        // No discriminator, or several: say so, and still check the values of the keys given.
        guard let f = fields(value, at: path, expected: "a step", allowed: Wording.union(kinds.map(\.object.keys))) else { return nil }
        let discriminators = kinds.map(\.discriminator)
        if let problem = Self.stepShapeProblem(
            present: present.map(\.discriminator), discriminators: discriminators, suggested: f.suggested, example: example)
        {
            report(path, problem)
        }
        var checked = Set<String>()
        for d in kinds { d.object.checkPresent(&self, f, &checked) }
        return nil
    }

    /// What is wrong with a step object that has `present` of the `discriminators` (none or
    /// several), or nil when an unknown key was already taken as a misspelt discriminator.
    static func stepShapeProblem(present: [String], discriminators: [String], suggested: Set<String>, example: String) -> String? {
        if present.count > 1 {
            return "found \(Wording.list(present.map(JSONWriter.quoted), empty: "")) in one step; expected exactly one of them (\(example))"
        }
        guard suggested.isDisjoint(with: discriminators) else { return nil }
        return "found an object without \(Wording.list(discriminators.map(JSONWriter.quoted), empty: "", conjunction: "or")); expected \(example)"
    }
}

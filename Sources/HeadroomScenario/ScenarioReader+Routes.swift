extension ScenarioReader {
    /// One element of `routes`: `{"class": name, "steps": [...]}`.
    mutating func readRoute(_ value: JSONValue, at path: JSONPath) -> Route? {
        guard
            let f = fields(
                value, at: path, expected: "a route such as {\"class\": \"read\", \"steps\": [{\"call\": \"api\"}]}",
                allowed: ScenarioKeys.route, required: ["class", "steps"])
        else { return nil }
        let requestClass = string(f, "class", expected: "a class name such as \"read\"")
        let steps = readSteps(f, "steps", depth: 1)
        let responseKB = number(f, "responseKB", expected: "a response size in kilobytes >= 0")
        guard let requestClass = requestClass.required, let steps = steps.required, let responseKB = responseKB.or(0)
        else { return nil }
        return Route(requestClass: requestClass, steps: steps, responseKB: responseKB)
    }

    /// A member holding steps at nesting `depth` (1 for a route's own steps).
    private mutating func readSteps(_ f: ObjectFields, _ key: String, depth: Int) -> Field<[Step]> {
        array(f, key, expected: "an array of steps such as [{\"call\": \"api\"}]") { reader, value, path in
            reader.readStep(value, at: path, depth: depth)
        }
    }

    /// One step. `call` is the discriminator (the only step kind so far).
    ///
    /// Steps nested deeper than one level past ``ScenarioValidator/maximumCallDepth`` are not
    /// read: the validator reports the first level too deep, and reading stops there, so
    /// recursion stays shallow whatever the file holds.
    private mutating func readStep(_ value: JSONValue, at path: JSONPath, depth: Int) -> Step? {
        guard case .object = value else {
            let example = value.stringValue.flatMap { $0.isEmpty || $0.count > 40 ? nil : $0 } ?? "api"
            mismatch(path, found: value, expected: "a step such as {\"call\": \(JSONWriter.quoted(example))}")
            return nil
        }
        guard let f = fields(value, at: path, expected: "a step", allowed: ScenarioKeys.step) else { return nil }
        if f["call"] == nil && !f.suggested.contains("call") {
            report(path, "found an object without \"call\"; expected a step such as {\"call\": \"api\"}")
        }
        let component = string(f, "call", expected: "a component id such as \"api\"")
        let probability = number(f, "probability", expected: "a probability greater than 0 and at most 1")
        let serviceTime = distribution(f, "serviceTime")
        let then: Field<[Step]> =
            depth > ScenarioValidator.maximumCallDepth ? .absent : readSteps(f, "then", depth: depth + 1)
        guard let component = component.required, let probability = probability.or(1),
            let serviceTime = serviceTime.optional, let then = then.or([])
        else { return nil }
        return .call(Call(component, probability: probability, serviceTime: serviceTime, then: then))
    }
}

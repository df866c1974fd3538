/// Value formats the failure and resilience kinds share: a component they act on, and an
/// instant of the run.
extension ValueFormat where Value == String {
    /// The id of a component `accepts` takes; anything else is "… is a load balancer; expected `expected`".
    static func target(_ expected: String, accepts: @escaping (Component) -> Bool) -> ValueFormat {
        let example = "a component id such as \"api\""
        return ValueFormat(
            expected: example, schema: [("type", "string")],
            read: { reader, value, path in reader.readString(value, at: path, expected: example) },
            encode: { .string($0) },
            check: { validation, id, path in validation.checkReference(id, at: path, accepts: accepts, expected: expected) })
    }

    /// A service or database: a pool of instances.
    static var poolTarget: ValueFormat { .target("a service or database", accepts: { $0.pool != nil }) }
}

extension ValueFormat where Value == TimeSpan {
    /// A moment of the run, counted from its start: ≥ 0 and before its end.
    static var instant: ValueFormat {
        let duration = ValueFormat.duration(positive: false)
        return ValueFormat(
            expected: duration.expected, schema: duration.schema, read: duration.read, encode: duration.encode,
            check: { validation, value, path in
                guard validation.check(value, at: path, positive: false) else { return }
                let end = validation.scenario.duration
                if end.seconds > 0 && value >= end {
                    validation.report(
                        path, "found \(Wording.duration(value)); expected a time before the end of the run (duration \(Wording.duration(end)))")
                }
            })
    }
}

extension Validation {
    /// The component `id` when it is one of the scenario's, typed as `Spec`.
    func component<Spec: ComponentSpec>(_ id: String, as type: Spec.Type) -> Spec? {
        scenario.component(id)?.spec(as: type)
    }

    /// Whether any route step, at any depth (inside calls and in fallbacks), calls `id`.
    func routesCall(_ id: String) -> Bool { !routesCalling(id).isEmpty }

    /// The routes with a call step to `id`, however deep.
    func routesCalling(_ id: String) -> [Route] {
        func calls(_ steps: [Step]) -> Bool {
            steps.contains { step in
                step.call?.component == id || step.descriptor.object.nestedSteps(step).contains { calls($0.steps) }
            }
        }
        return scenario.routes.filter { calls($0.steps) }
    }
}

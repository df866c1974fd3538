extension ScenarioReader {
    private static let kindNote = ["kind": "one of \(Wording.quotedList(Component.Kind.names))"]

    /// One element of `components`: an object whose `kind` decides which other keys it takes.
    mutating func readComponent(_ value: JSONValue, at path: JSONPath) -> Component? {
        // Peek at the kind to know which keys are allowed; `choice` below reports a bad kind.
        let kindName = value["kind"]?.stringValue.flatMap { Component.Kind.names.contains($0) ? $0 : nil }
        let own: [String]
        let foreign: [String]
        let required: [String]
        switch kindName {
        case "service", "database":
            (own, foreign, required) = (ScenarioKeys.pool, ScenarioKeys.loadBalancer, ["id", "kind", "serviceTime"])
        case "loadBalancer":
            (own, foreign, required) = (ScenarioKeys.loadBalancer, ScenarioKeys.pool, ["id", "kind", "backends"])
        default:
            (own, foreign, required) = (ScenarioKeys.pool + ScenarioKeys.loadBalancer, [], ["id", "kind"])
        }
        guard
            let f = fields(
                value, at: path,
                expected: "a component such as {\"id\": \"api\", \"kind\": \"service\", \"serviceTime\": \"20ms\"}",
                allowed: ScenarioKeys.componentCommon + own, required: required,
                owner: kindName.map { "kind \(JSONWriter.quoted($0))" }, foreign: foreign,
                notes: Self.kindNote)
        else { return nil }

        let id = string(f, "id", expected: "an id such as \"api\"")
        let kind = choice(f, "kind", noun: "kind", names: Component.Kind.names)
        switch kind {
        case .present("service"), .present("database"):
            let pool = readPool(f)
            guard let id = id.required, let pool else { return nil }
            return Component(id: id, kind: kindName == "service" ? .service(pool) : .database(pool))
        case .present("loadBalancer"):
            let balancer = readLoadBalancer(f)
            guard let id = id.required, let balancer else { return nil }
            return Component(id: id, kind: .loadBalancer(balancer))
        default:
            // Unknown or missing kind: still check what can be checked of the other keys.
            _ = readPool(f, requireServiceTime: false)
            _ = readLoadBalancer(f)
            return nil
        }
    }

    /// The station parameters of a service or database.
    private mutating func readPool(_ f: ObjectFields, requireServiceTime: Bool = true) -> ServicePool? {
        let instances = integer(f, "instances", expected: "an integer >= 1")
        let concurrency = integer(f, "concurrency", expected: "an integer >= 1")
        let queueCapacity = integer(
            f, "queueCapacity",
            expected: f["queueCapacity"]?.isNull == true
                ? "an integer >= 0 (leave the key out for an unbounded queue)" : "an integer >= 0")
        let serviceTime = distribution(f, "serviceTime")
        let timeout = duration(f, "timeout")
        guard let instances = instances.or(1), let concurrency = concurrency.or(1),
            let queueCapacity = queueCapacity.optional, let serviceTime = serviceTime.required,
            let timeout = timeout.optional
        else { return nil }
        return ServicePool(
            instances: instances, concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime,
            timeout: timeout)
    }

    /// The strategy, backends and latency of a load balancer.
    private mutating func readLoadBalancer(_ f: ObjectFields) -> LoadBalancer? {
        let strategy = choice(f, "strategy", noun: "strategy", names: LoadBalancer.Strategy.allCases.map(\.rawValue))
        let backends = array(f, "backends", expected: "an array of component ids such as [\"api\"]") {
            $0.readBackend($1, at: $2)
        }
        let latency = distribution(f, "latency")
        guard let strategyName = strategy.or(LoadBalancer.Strategy.roundRobin.rawValue),
            let strategy = LoadBalancer.Strategy(rawValue: strategyName), let backends = backends.required,
            let latency = latency.optional
        else { return nil }
        return LoadBalancer(strategy: strategy, backends: backends, latency: latency)
    }

    /// A backend: a component id, or `{"component": id, "weight": w}`.
    private mutating func readBackend(_ value: JSONValue, at path: JSONPath) -> LoadBalancer.Backend? {
        let expected = "a component id such as \"api\" or {\"component\": \"api\", \"weight\": 2}"
        switch value {
        case .string(let id):
            return LoadBalancer.Backend(id)
        case .object:
            guard
                let f = fields(
                    value, at: path, expected: expected, allowed: ScenarioKeys.backend, required: ["component"])
            else { return nil }
            let component = string(f, "component", expected: "a component id such as \"api\"")
            let weight = number(f, "weight", expected: "a weight > 0")
            guard let component = component.required, let weight = weight.or(1) else { return nil }
            return LoadBalancer.Backend(component, weight: weight)
        default:
            mismatch(path, found: value, expected: expected)
            return nil
        }
    }
}

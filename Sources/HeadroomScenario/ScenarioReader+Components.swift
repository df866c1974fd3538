extension ScenarioReader {
    private static let kindNote = ["kind": "one of \(Wording.quotedList(ComponentKind.names))"]

    /// One element of `components`: an object whose `kind` decides which other keys it takes.
    mutating func readComponent(_ value: JSONValue, at path: JSONPath) -> Component? {
        // Peek at the kind to know which keys are allowed; `choice` below reports a bad kind.
        let kindName = value["kind"]?.stringValue.flatMap { ComponentKind.names.contains($0) ? $0 : nil }
        let own = kindName.flatMap { ScenarioKeys.componentKinds[$0] } ?? {
            var all: [String] = []
            for kind in ComponentKind.names { for key in ScenarioKeys.componentKinds[kind] ?? [] where !all.contains(key) { all.append(key) } }
            return all
        }()
        let everyKindKey = Set(ScenarioKeys.componentKinds.values.joined())
        let foreign = kindName == nil ? [] : everyKindKey.subtracting(own).sorted()
        let required: [String]
        switch kindName {
        case "service", "database", "function": required = ["id", "kind", "serviceTime"]
        case "loadBalancer": required = ["id", "kind", "backends"]
        case "externalAPI": required = ["id", "kind", "latency"]
        default: required = ["id", "kind"]
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
        let kind = choice(f, "kind", noun: "kind", names: ComponentKind.names)
        let pricing = readPricing(f, kind: kindName)
        let componentKind: (any ComponentSpec)?
        switch kind {
        case .present("service"): componentKind = readPool(f)
        case .present("database"):
            componentKind = readPool(f).map {
                DatabasePool(instances: $0.instances, concurrency: $0.concurrency, queueCapacity: $0.queueCapacity, serviceTime: $0.serviceTime, timeout: $0.timeout)
            }
        case .present("loadBalancer"): componentKind = readLoadBalancer(f)
        case .present("function"): componentKind = readFunction(f)
        case .present("externalAPI"): componentKind = readExternalAPI(f)
        default:
            // Unknown or missing kind: still check what can be checked of the other keys.
            _ = readPool(f, requireServiceTime: false)
            _ = readLoadBalancer(f)
            return nil
        }
        guard let id = id.required, let componentKind, let pricing = pricing.optional else { return nil }
        return Component(id: id, componentKind, pricing: pricing)
    }

    /// A component's `pricing` object: only the prices its kind can be charged.
    private mutating func readPricing(_ f: ObjectFields, kind: String?) -> Field<Pricing> {
        guard let value = f["pricing"] else { return .absent }
        let allowed = kind.map { Pricing.keys(for: $0) } ?? Pricing.keys
        guard
            let p = fields(
                value, at: f.path.key("pricing"), expected: "an object of prices such as {\"instanceHour\": 0.096}",
                allowed: allowed, owner: kind.map { "kind \(JSONWriter.quoted($0))" },
                foreign: Pricing.keys.filter { !allowed.contains($0) })
        else { return .invalid }
        var prices: [String: Double] = [:]
        var valid = true
        for key in allowed {
            switch number(p, key, expected: key == "storageGB" ? "a number of GB >= 0" : "a price in dollars >= 0") {
            case .present(let v): prices[key] = v
            case .invalid: valid = false
            case .absent: break
            }
        }
        guard valid else { return .invalid }
        return .present(Pricing(
            instanceHour: prices["instanceHour"], perMillionRequests: prices["perMillionRequests"],
            gbSecond: prices["gbSecond"], perCall: prices["perCall"], egressGB: prices["egressGB"],
            storageGBMonth: prices["storageGBMonth"], storageGB: prices["storageGB"]))
    }

    /// The parameters of a serverless function.
    private mutating func readFunction(_ f: ObjectFields) -> ServerlessFunction? {
        let serviceTime = distribution(f, "serviceTime")
        let limit = integer(f, "concurrencyLimit", expected: "an integer >= 1")
        let coldStart = distribution(f, "coldStart")
        let idle = duration(f, "idleTimeout")
        let memory = integer(f, "memoryMB", expected: "an integer number of MB >= 1")
        let timeout = duration(f, "timeout")
        guard let serviceTime = serviceTime.required, let limit = limit.or(1_000), let coldStart = coldStart.optional,
            let idle = idle.or(.minutes(10)), let memory = memory.or(128), let timeout = timeout.optional
        else { return nil }
        return ServerlessFunction(
            serviceTime: serviceTime, concurrencyLimit: limit, coldStart: coldStart, idleTimeout: idle, memoryMB: memory,
            timeout: timeout)
    }

    /// The parameters of an external API.
    private mutating func readExternalAPI(_ f: ObjectFields) -> ExternalAPI? {
        let latency = distribution(f, "latency")
        let rateLimit = number(f, "rateLimit", expected: "a number of calls per second > 0")
        let burst = integer(f, "burst", expected: "an integer >= 1")
        let timeout = duration(f, "timeout")
        guard let latency = latency.required, let rateLimit = rateLimit.optional, let burst = burst.optional,
            let timeout = timeout.optional
        else { return nil }
        return ExternalAPI(latency: latency, rateLimit: rateLimit, burst: burst, timeout: timeout)
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

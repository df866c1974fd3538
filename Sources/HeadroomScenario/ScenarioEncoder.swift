/// Writes a ``Scenario`` in the canonical JSON form that ``ScenarioLoader`` reads.
///
/// Durations are written with ``TimeSpan/formatted`` (exact), constant distributions as plain
/// duration strings, backends of weight 1 as plain ids; defaults are left out where the format
/// has them (`warmup` of 0, `poisson` arrivals, a `mix` of one route with weight 1, queue
/// capacity, timeout and latency when absent, probability 1, empty `then`). The seed, instances,
/// concurrency and strategy are always written. For every valid scenario `s`,
/// `ScenarioLoader.decode(json: encode(s), file:)` returns `s`.
public enum ScenarioEncoder {
    /// The canonical JSON form of `scenario`.
    public static func encode(_ scenario: Scenario) -> JSONValue {
        var root: [(String, JSONValue)] = [("name", .string(scenario.name))]
        if let description = scenario.description { root.append(("description", .string(description))) }
        root.append(("seed", .uint64(scenario.seed)))
        root.append(("duration", encode(scenario.duration)))
        if scenario.warmup != .zero { root.append(("warmup", encode(scenario.warmup))) }
        root.append(("workload", encode(scenario.workload, routes: scenario.routes)))
        root.append(("components", .array(scenario.components.map(encode))))
        root.append(("routes", .array(scenario.routes.map(encode))))
        if let sla = scenario.sla { root.append(("sla", .object([("objectives", .array(sla.objectives.map(encode)))]))) }
        return .object(root)
    }

    /// A duration as a string with a unit.
    static func encode(_ span: TimeSpan) -> JSONValue { .string(span.formatted) }

    private static func encode(_ workload: Workload, routes: [Route]) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if workload.arrivals != .poisson { members.append(("arrivals", .string(workload.arrivals.rawValue))) }
        members.append(("rate", .number(workload.rate)))
        let implied = routes.count == 1 && workload.mix == [Workload.ClassWeight(routes[0].requestClass, weight: 1)]
        if !implied {
            members.append(("mix", .object(workload.mix.map { ($0.requestClass, .number($0.weight)) })))
        }
        if !workload.bursts.isEmpty {
            members.append(("bursts", .array(workload.bursts.map { burst in
                var b: [(String, JSONValue)] = [("start", encode(burst.start)), ("duration", encode(burst.duration)), ("rate", .number(burst.rate))]
                if let every = burst.every { b.append(("every", encode(every))) }
                return .object(b)
            })))
        }
        return .object(members)
    }

    private static func encode(_ component: Component) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(component.id)), ("kind", .string(component.kind.rawValue))]
        switch component.spec {
        case let pool as any PoolSpec:
            members.append(("instances", .int(pool.instances)))
            members.append(("concurrency", .int(pool.concurrency)))
            if let capacity = pool.queueCapacity { members.append(("queueCapacity", .int(capacity))) }
            members.append(("serviceTime", encode(pool.serviceTime)))
            if let timeout = pool.timeout { members.append(("timeout", encode(timeout))) }
        case let balancer as LoadBalancer:
            members.append(("strategy", .string(balancer.strategy.rawValue)))
            members.append(("backends", .array(balancer.backends.map(encode))))
            if let latency = balancer.latency { members.append(("latency", encode(latency))) }
        case let function as ServerlessFunction:
            members.append(("serviceTime", encode(function.serviceTime)))
            members.append(("concurrencyLimit", .int(function.concurrencyLimit)))
            if let coldStart = function.coldStart { members.append(("coldStart", encode(coldStart))) }
            members.append(("idleTimeout", encode(function.idleTimeout)))
            members.append(("memoryMB", .int(function.memoryMB)))
            if let timeout = function.timeout { members.append(("timeout", encode(timeout))) }
        case let api as ExternalAPI:
            members.append(("latency", encode(api.latency)))
            if let rate = api.rateLimit { members.append(("rateLimit", .number(rate))) }
            if let burst = api.burst { members.append(("burst", .int(burst))) }
            if let timeout = api.timeout { members.append(("timeout", encode(timeout))) }
        default:
            break
        }
        if let pricing = component.pricing {
            members.append(("pricing", .object(pricing.entries.map { ($0.0, .number($0.1)) })))
        }
        return .object(members)
    }

    private static func encode(_ backend: LoadBalancer.Backend) -> JSONValue {
        backend.weight == 1
            ? .string(backend.component)
            : .object([("component", .string(backend.component)), ("weight", .number(backend.weight))])
    }

    /// A distribution: a constant as a plain duration string, anything else as an object with `dist` first.
    public static func encode(_ spec: DistributionSpec) -> JSONValue {
        var members: [(String, JSONValue)] = [("dist", .string(spec.name))]
        switch spec {
        case .constant(let value):
            return encode(value)
        case .exponential(let mean):
            members.append(("mean", encode(mean)))
        case .uniform(let lo, let hi):
            members += [("min", encode(lo)), ("max", encode(hi))]
        case .normal(let mean, let stddev):
            members += [("mean", encode(mean)), ("stddev", encode(stddev))]
        case .lognormal(let mean, let cv):
            members += [("mean", encode(mean)), ("cv", .number(cv))]
        case .lognormalPercentiles(let median, let p99):
            members += [("median", encode(median)), ("p99", encode(p99))]
        case .gamma(let shape, let mean):
            members += [("shape", .number(shape)), ("mean", encode(mean))]
        case .erlang(let k, let mean):
            members += [("k", .int(k)), ("mean", encode(mean))]
        case .weibull(let shape, let scale):
            members += [("shape", .number(shape)), ("scale", encode(scale))]
        case .pareto(let shape, let scale):
            members += [("shape", .number(shape)), ("scale", encode(scale))]
        case .empiricalSamples(let samples):
            members.append(("samples", .array(samples.map(encode))))
        case .empiricalHistogram(let bins):
            members.append(
                ("histogram", .array(bins.map { .object([("upTo", encode($0.upTo)), ("weight", .number($0.weight))]) })))
        }
        return .object(members)
    }

    private static func encode(_ route: Route) -> JSONValue {
        var members: [(String, JSONValue)] = [("class", .string(route.requestClass)), ("steps", .array(route.steps.map(encode)))]
        if route.responseKB != 0 { members.append(("responseKB", .number(route.responseKB))) }
        return .object(members)
    }

    private static func encode(_ objective: Objective) -> JSONValue {
        var members: [(String, JSONValue)] = [("metric", .string(objective.kind.metric))]
        switch objective.kind {
        case .latency(let p, let max): members += [("percentile", .number(p)), ("max", encode(max))]
        case .availability(let v), .successRate(let v), .throughput(let v): members.append(("min", .number(v)))
        case .errorRate(let v), .monthlyCost(let v): members.append(("max", .number(v)))
        }
        if let requestClass = objective.requestClass { members.append(("class", .string(requestClass))) }
        return .object(members)
    }

    private static func encode(_ step: Step) -> JSONValue {
        switch step {
        case .call(let call):
            var members: [(String, JSONValue)] = [("call", .string(call.component))]
            if call.probability != 1 { members.append(("probability", .number(call.probability))) }
            if let serviceTime = call.serviceTime { members.append(("serviceTime", encode(serviceTime))) }
            if !call.then.isEmpty { members.append(("then", .array(call.then.map(encode)))) }
            return .object(members)
        }
    }
}

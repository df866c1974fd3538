/// Writes a ``Scenario`` in the canonical JSON form that ``ScenarioLoader`` reads.
///
/// Durations are written with ``TimeSpan/formatted`` (exact), constant distributions as plain
/// duration strings, backends of weight 1 as plain ids; defaults are left out where the format
/// has them (`warmup` of 0, `poisson` arrivals, a `mix` of one route with weight 1, absent
/// optional keys, and a kind's or step's keys at their defaults unless its descriptor says they
/// are always written: the seed, instances, concurrency and strategy are). For every valid
/// scenario `s`, `ScenarioLoader.decode(json: encode(s), file:)` returns `s`.
public enum ScenarioEncoder {
    /// The canonical JSON form of `scenario`.
    public static func encode(_ scenario: Scenario) -> JSONValue {
        var root: [(String, JSONValue)] = [("name", .string(scenario.name))]
        if let description = scenario.description { root.append(("description", .string(description))) }
        root.append(("seed", .uint64(scenario.seed)))
        root.append(("duration", encode(scenario.duration)))
        if scenario.warmup != .zero { root.append(("warmup", encode(scenario.warmup))) }
        if let timeBucket = scenario.timeBucket { root.append(("timeBucket", encode(timeBucket))) }
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
        if workload.usesRate || workload.rate != 0 { members.append(("rate", .number(workload.rate))) }
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
        if let shape = workload.shape { members.append(("shape", TrafficShape.format.encode(shape))) }
        if let users = workload.users { members.append(("users", .int(users))) }
        if let thinkTime = workload.thinkTime { members.append(("thinkTime", encode(thinkTime))) }
        return .object(members)
    }

    private static func encode(_ component: Component) -> JSONValue {
        let descriptor = component.descriptor
        var members: [(String, JSONValue)] = [("id", .string(component.id)), ("kind", .string(component.kind.rawValue))]
        members += descriptor.object.encode(component.spec)
        if let pricing = component.pricing {
            members.append(("pricing", .object(pricing.entries.map { ($0.key.rawValue, .number($0.value)) })))
        }
        return .object(members)
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
        if let keys = route.keys { members.append(("keys", KeySpace.format.encode(keys))) }
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

    /// A step: its kind's keys, the discriminator first.
    static func encode(_ step: Step) -> JSONValue { .object(step.descriptor.object.encode(step)) }
}

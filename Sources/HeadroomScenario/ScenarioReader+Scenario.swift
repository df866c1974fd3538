extension ScenarioReader {
    /// Reads the whole document; nil when anything was reported.
    mutating func readScenario(_ document: JSONValue) -> Scenario? {
        let root = readSchemaReference(document)
        guard
            let f = fields(
                root, at: .root,
                expected: "a scenario object such as {\"name\": \"shop\", \"duration\": \"10m\", \"workload\": {...}, ...}",
                allowed: ScenarioKeys.scenario, required: ["name", "duration", "workload", "components", "routes"])
        else { return nil }

        let name = string(f, "name")
        let description = string(f, "description")
        let seed = member(f, "seed", .unsigned)
        let length = duration(f, "duration")
        let warmup = duration(f, "warmup")
        let timeBucket = duration(f, "timeBucket")
        let workload = readWorkload(f)
        let components = array(f, "components", expected: "an array of components") { $0.readComponent($1, at: $2) }
        let routes = array(f, "routes", expected: "an array of routes") { $0.readRoute($1, at: $2) }
        let mix = resolveMix(workload, routes: routes)
        let sla = readSLA(f)

        guard
            let name = name.required, let description = description.optional, let seed = seed.or(1),
            let length = length.required, let warmup = warmup.or(.zero), let timeBucket = timeBucket.optional,
            let workload = workload.required,
            let mix, let components = components.required, let routes = routes.required, let sla = sla.optional
        else { return nil }
        return Scenario(
            name: name, description: description, seed: seed, duration: length, warmup: warmup,
            workload: Workload(
                arrivals: workload.arrivals, rate: workload.rate, mix: mix, bursts: workload.bursts, shape: workload.shape,
                users: workload.users, thinkTime: workload.thinkTime),
            components: components, routes: routes, sla: sla, timeBucket: timeBucket)
    }

    /// The document without its `$schema` member, which editors use to find the JSON Schema and
    /// the reader ignores (after checking it is a string).
    private mutating func readSchemaReference(_ document: JSONValue) -> JSONValue {
        guard case .object(let object) = document, let reference = object[ScenarioKeys.schemaReference] else {
            return document
        }
        _ = readString(
            reference, at: JSONPath.root.key(ScenarioKeys.schemaReference),
            expected: "a string: the URL or path of the scenario JSON Schema")
        return .object(object.members.filter { $0.key != ScenarioKeys.schemaReference }.map { ($0.key, $0.value) })
    }

    /// The workload's members; `mix` stays absent when not given, to be defaulted from the routes.
    struct WorkloadFields {
        var arrivals: Workload.Arrivals
        var rate: Double
        var mix: Field<[Workload.ClassWeight]>
        var bursts: [Workload.Burst]
        var shape: TrafficShape?
        var users: Int?
        var thinkTime: DistributionSpec?
        var path: JSONPath
    }

    private mutating func readWorkload(_ f: ObjectFields) -> Field<WorkloadFields> {
        guard let value = f["workload"] else { return .absent }
        let path = f.path.key("workload")
        // `rate` is required unless closed-loop users, hourly points or a trace set the traffic.
        let shapeType = value["shape"]?["type"]?.stringValue
        let rateNeeded = value["users"] == nil && shapeType != "hourly" && shapeType != "trace"
        guard
            let w = fields(
                value, at: path, expected: "an object such as {\"rate\": 100, \"mix\": {\"read\": 9, \"write\": 1}}",
                allowed: ScenarioKeys.workload, required: rateNeeded ? ["rate"] : [])
        else { return .invalid }
        let arrivals = choice(w, "arrivals", noun: "arrival process", names: Workload.Arrivals.allCases.map(\.rawValue))
        let rate = number(w, "rate", expected: "a number of requests per second > 0")
        let mix = readMix(w)
        let bursts = array(w, "bursts", expected: "an array of bursts such as [{\"start\": \"5m\", \"duration\": \"1m\", \"rate\": 500}]") {
            $0.readBurst($1, at: $2)
        }
        let shape = member(w, "shape", TrafficShape.format)
        let users = member(w, "users", .integer(in: Workload.userLimits))
        let thinkTime = member(w, "thinkTime", .distribution)
        guard let arrivalsName = arrivals.or("poisson"), let kind = Workload.Arrivals(rawValue: arrivalsName),
            let rate = rateNeeded ? rate.required : rate.or(0), mix.optional != nil, let bursts = bursts.or([]),
            let shape = shape.optional, let users = users.optional, let thinkTime = thinkTime.optional
        else { return .invalid }
        return .present(WorkloadFields(
            arrivals: kind, rate: rate, mix: mix, bursts: bursts, shape: shape, users: users, thinkTime: thinkTime, path: path))
    }

    /// One traffic burst: `{"start": "5m", "duration": "1m", "rate": 500, "every": "15m"}`.
    private mutating func readBurst(_ value: JSONValue, at path: JSONPath) -> Workload.Burst? {
        guard
            let b = fields(
                value, at: path, expected: "a burst such as {\"start\": \"5m\", \"duration\": \"1m\", \"rate\": 500}",
                allowed: ScenarioKeys.burst, required: ["start", "duration", "rate"])
        else { return nil }
        let start = duration(b, "start")
        let length = duration(b, "duration")
        let rate = number(b, "rate", expected: "a number of requests per second >= 0")
        let every = duration(b, "every")
        guard let start = start.required, let length = length.required, let rate = rate.required,
            let every = every.optional
        else { return nil }
        return Workload.Burst(start: start, duration: length, rate: rate, every: every)
    }

    /// The `sla` block: `{"objectives": [...]}`.
    private mutating func readSLA(_ f: ObjectFields) -> Field<SLA> {
        guard let value = f["sla"] else { return .absent }
        guard
            let s = fields(
                value, at: f.path.key("sla"), expected: "an object such as {\"objectives\": [{\"metric\": \"latency\", \"percentile\": 95, \"max\": \"200ms\"}]}",
                allowed: ScenarioKeys.sla, required: ["objectives"])
        else { return .invalid }
        let objectives = array(s, "objectives", expected: "an array of objectives") { $0.readObjective($1, at: $2) }
        guard let objectives = objectives.required else { return .invalid }
        return .present(SLA(objectives: objectives))
    }

    /// One objective, discriminated by `metric`.
    private mutating func readObjective(_ value: JSONValue, at path: JSONPath) -> Objective? {
        let metricName = value["metric"]?.stringValue.flatMap { Objective.Kind.metrics.contains($0) ? $0 : nil }
        let own: [String]
        switch metricName {
        case "latency": own = ["percentile", "max", "class"]
        case "availability", "successRate", "throughput": own = ["min", "class"]
        case "errorRate": own = ["max", "class"]
        case "monthlyCost": own = ["max"]
        default: own = ["percentile", "max", "min", "class"]
        }
        // With an unknown metric only the metric itself is reported: which bounds it needs is unknown.
        let required = metricName == nil ? ["metric"] : ["metric"] + own.filter { $0 != "class" }
        guard
            let o = fields(
                value, at: path, expected: "an objective such as {\"metric\": \"latency\", \"percentile\": 95, \"max\": \"200ms\"}",
                allowed: ["metric"] + own, required: required, owner: metricName.map { "metric \(JSONWriter.quoted($0))" },
                foreign: ScenarioKeys.objective.filter { !own.contains($0) && $0 != "metric" })
        else { return nil }
        let metric = choice(o, "metric", noun: "metric", names: Objective.Kind.metrics)
        let requestClass = string(o, "class", expected: "a request class such as \"read\"")
        let kind: Objective.Kind?
        switch metric {
        case .present("latency"):
            let p = number(o, "percentile", expected: "a percentile between 0 and 100, such as 95 or 99.9")
            let max = duration(o, "max")
            kind = p.required.flatMap { p in max.required.map { .latency(percentile: p, max: $0) } }
        case .present("availability"):
            kind = number(o, "min", expected: "a percentage such as 99.9").required.map { .availability(minPercent: $0) }
        case .present("successRate"):
            kind = number(o, "min", expected: "a percentage such as 99.5").required.map { .successRate(minPercent: $0) }
        case .present("errorRate"):
            kind = number(o, "max", expected: "a percentage such as 0.5").required.map { .errorRate(maxPercent: $0) }
        case .present("throughput"):
            kind = number(o, "min", expected: "a number of requests per second").required.map { .throughput(minRps: $0) }
        case .present("monthlyCost"):
            kind = number(o, "max", expected: "a number of dollars").required.map { .monthlyCost(maxDollars: $0) }
        default:
            kind = nil
        }
        guard let kind, let requestClass = requestClass.optional else { return nil }
        return Objective(kind, requestClass: requestClass)
    }

    private mutating func readMix(_ w: ObjectFields) -> Field<[Workload.ClassWeight]> {
        guard let value = w["mix"] else { return .absent }
        let path = w.path.key("mix")
        guard case .object(let object) = value else {
            mismatch(path, found: value, expected: "an object of class weights such as {\"read\": 9, \"write\": 1}")
            return .invalid
        }
        var mix: [Workload.ClassWeight] = []
        var valid = true
        for member in object.members {
            if let weight = readNumber(member.value, at: path.key(member.key), expected: "a weight > 0") {
                mix.append(Workload.ClassWeight(member.key, weight: weight))
            } else {
                valid = false
            }
        }
        return valid ? .present(mix) : .invalid
    }

    /// The mix as given, or weight 1 for the only route when `mix` is left out.
    private mutating func resolveMix(_ workload: Field<WorkloadFields>, routes: Field<[Route]>) -> [Workload.ClassWeight]? {
        guard case .present(let w) = workload else { return nil }
        switch w.mix {
        case .present(let mix): return mix
        case .invalid: return nil
        case .absent:
            guard case .present(let routes) = routes else { return nil }
            if routes.count > 1 {
                report(w.path, "missing required key \"mix\" (needed when there is more than one route)")
                return nil
            }
            return routes.map { Workload.ClassWeight($0.requestClass, weight: 1) }
        }
    }
}

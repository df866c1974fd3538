extension ScenarioSchema {
    /// A property of an object of the format: what an editor shows, and its type and range.
    struct Property {
        let description: String
        let schema: [(String, JSONValue)]

        init(_ description: String, _ schema: [(String, JSONValue)]) {
            self.description = description
            self.schema = schema
        }
    }

    private static func ref(_ name: String) -> [(String, JSONValue)] { [("$ref", .string("#/$defs/\(name)"))] }
    private static let duration = ref("duration")
    private static let distribution = ref("distribution")
    private static func integer(minimum: Int) -> [(String, JSONValue)] { [("type", "integer"), ("minimum", .int(minimum))] }
    private static func number(exclusiveMinimum: Double) -> [(String, JSONValue)] {
        [("type", "number"), ("exclusiveMinimum", .number(exclusiveMinimum))]
    }
    private static func choice(_ names: [String]) -> [(String, JSONValue)] {
        [("type", "string"), ("enum", .array(names.map(JSONValue.string)))]
    }
    private static func array(of items: [(String, JSONValue)], minItems: Int = 1) -> [(String, JSONValue)] {
        [("type", "array"), ("items", .object(items)), ("minItems", .int(minItems))]
    }

    /// The properties of each object of the format, by object (as named in ``closedObject``).
    /// A key of `ScenarioKeys` missing here gets no description, which the tests catch.
    static let properties: [String: [String: Property]] = [
        "scenario": [
            "$schema": Property(
                "The JSON Schema of this file, for editors (e.g. \"./docs/scenario.schema.json\"); Headroom ignores it.",
                [("type", "string")]),
            "name": Property("A short name, printed in every report. Not blank.", [("type", "string"), ("minLength", 1)]),
            "description": Property("Free text about what the scenario asks.", [("type", "string")]),
            "seed": Property(
                "The root of every random stream (default 1): the same scenario and seed give byte-identical results.",
                [("type", "integer"), ("minimum", 0), ("maximum", .uint64(UInt64.max))]),
            "duration": Property("Simulated time to run, warm-up included; > 0.", duration),
            "warmup": Property(
                "Simulated time at the start that is not measured (default \"0s\"); shorter than duration.", duration),
            "workload": Property("The traffic offered to the system.", ref("workload")),
            "components": Property("The components of the architecture; ids are unique.", array(of: ref("component"))),
            "routes": Property("One route per request class.", array(of: ref("route"))),
        ],
        "workload": [
            "arrivals": Property(
                "\"poisson\" (default): exponential gaps, as from many independent users; \"deterministic\": exactly 1/rate apart.",
                choice(Workload.Arrivals.allCases.map(\.rawValue))),
            "rate": Property("Mean arrivals per second, over all classes; > 0.", number(exclusiveMinimum: 0)),
            "mix": Property(
                "Request class → weight (> 0); each class needs a route. May be left out when there is exactly one route.",
                [
                    ("type", "object"),
                    ("additionalProperties", .object([
                        ("description", "The class's relative weight; weights need not add up to 1."),
                        ("type", "number"), ("exclusiveMinimum", 0),
                    ])),
                ]),
        ],
        "common": [
            "id": Property(
                "Unique id, used by routes and load balancers: letters, digits, \"_\", \".\" and \"-\".",
                [("type", "string"), ("pattern", "^[A-Za-z0-9_.-]+$")]),
        ],
        "pool": [
            "kind": Property("\"service\" (application servers) or \"database\" (concurrency is its connection limit).", choice(["service", "database"])),
            "instances": Property("Servers, pods or VMs (default 1).", integer(minimum: 1)),
            "concurrency": Property("Workers per instance: threads, connections or in-flight requests (default 1).", integer(minimum: 1)),
            "queueCapacity": Property(
                "Requests that may wait per instance when every worker is busy; 0 means no waiting room. Leave out for an unbounded queue.",
                integer(minimum: 0)),
            "serviceTime": Property("The time a worker spends on one request's own work; downstream calls come on top.", distribution),
            "timeout": Property(
                "The longest a request may spend at this component (queue, service and downstream calls) before it fails; > 0.",
                duration),
        ],
        "loadBalancer": [
            "kind": Property("\"loadBalancer\".", [("const", "loadBalancer")]),
            "strategy": Property(
                "How the instance is chosen (default \"roundRobin\").", choice(LoadBalancer.Strategy.allCases.map(\.rawValue))),
            "backends": Property(
                "The services or databases it forwards to: ids, or {\"component\": id, \"weight\": w}; each listed once.",
                array(of: [("oneOf", [
                    .object([("type", "string"), ("description", "A component id (weight 1).")]),
                    .object(ref("backend")),
                ])])),
            "latency": Property("Extra delay the balancer adds to each request (a network hop).", distribution),
        ],
        "backend": [
            "component": Property("The id of a service or database.", [("type", "string")]),
            "weight": Property("Relative weight of its instances, for weightedRoundRobin (default 1); > 0.", number(exclusiveMinimum: 0)),
        ],
        "route": [
            "class": Property("The request class: not blank, unique, and named in workload.mix.", [("type", "string"), ("minLength", 1)]),
            "steps": Property("What a request of this class does, in order.", array(of: ref("step"))),
        ],
        "step": [
            "call": Property("The id of the component called.", [("type", "string")]),
            "probability": Property(
                "The chance the call happens at all, in (0, 1] (default 1); when skipped, its then is skipped too.",
                [("type", "number"), ("exclusiveMinimum", 0), ("maximum", 1)]),
            "serviceTime": Property("This call's own service time, replacing the component's.", distribution),
            "then": Property("Calls made from inside the called component while it holds the worker.", array(of: ref("step"), minItems: 0)),
        ],
        "histogramBin": [
            "upTo": Property("The bin's upper edge; strictly increasing from bin to bin.", duration),
            "weight": Property("The bin's relative weight; >= 0, with a positive sum.", [("type", "number"), ("minimum", 0)]),
        ],
    ]

    /// A distribution parameter: its description and type (durations, numbers, integers, arrays).
    static func distributionParameter(_ key: String, dist: String) -> Property {
        switch key {
        case "value": Property("The constant value.", duration)
        case "mean": Property("The mean; > 0.", duration)
        case "min": Property("The smallest value; >= 0.", duration)
        case "max": Property("The largest value; >= min.", duration)
        case "stddev": Property("The standard deviation; >= 0.", duration)
        case "cv": Property("The coefficient of variation (standard deviation / mean); > 0.", number(exclusiveMinimum: 0))
        case "median": Property("The median (50th percentile); > 0.", duration)
        case "p99": Property("The 99th percentile; > median.", duration)
        case "shape" where dist == "pareto":
            Property("The tail index; > 1 (with 1 or less the mean is infinite).", number(exclusiveMinimum: 1))
        case "shape": Property("The shape; > 0.", number(exclusiveMinimum: 0))
        case "scale" where dist == "pareto": Property("The scale: the smallest value; > 0.", duration)
        case "scale": Property("The scale; > 0.", duration)
        case "k": Property("The number of phases; an integer >= 1.", integer(minimum: 1))
        case "samples": Property("Measured durations, each equally likely; at least one.", array(of: duration))
        case "histogram": Property("The bins, in increasing order of upTo; at least one.", array(of: ref("histogramBin")))
        default: Property("", [])
        }
    }
}

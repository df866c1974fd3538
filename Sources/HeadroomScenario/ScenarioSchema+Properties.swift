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
            "timeBucket": Property(
                "The width of one time-series bucket (default \"10s\"); > 0, no longer than duration, and at most \(Wording.grouped(Scenario.maximumTimeBuckets)) buckets in it.",
                duration),
            "workload": Property("The traffic offered to the system.", ref("workload")),
            "components": Property("The components of the architecture; ids are unique.", array(of: ref("component"))),
            "routes": Property("One route per request class.", array(of: ref("route"))),
            "sla": Property(
                "The service-level objectives the run is judged by. Left out: p95 ≤ 200 ms, availability ≥ 99.9 %, success rate ≥ 99.5 %.",
                ref("sla")),
        ],
        "sla": [
            "objectives": Property("The objectives; an empty array judges nothing.", array(of: ref("objective"), minItems: 0)),
        ],
        "objective": [
            "metric": Property(
                "latency (percentile ≤ max), availability (% admitted ≥ min), successRate (% completed ≥ min), errorRate (% failed ≤ max), throughput (completed req/s ≥ min) or monthlyCost (dollars ≤ max).",
                choice(Objective.Kind.metrics)),
            "percentile": Property("latency: the percentile, in (0, 100), e.g. 95 or 99.9.", [("type", "number"), ("exclusiveMinimum", 0), ("exclusiveMaximum", 100)]),
            "max": Property(
                "The upper bound: a duration for latency, a percentage for errorRate, dollars for monthlyCost.",
                [("oneOf", [.object(duration), .object([("type", "number"), ("minimum", 0)])])]),
            "min": Property("The lower bound: a percentage for availability and successRate, req/s for throughput.", [("type", "number"), ("minimum", 0)]),
            "class": Property("The request class the objective is about; left out: all requests (not for monthlyCost).", [("type", "string")]),
        ],
        "burst": [
            "start": Property("When the (first) burst begins.", duration),
            "duration": Property("How long each burst lasts; > 0.", duration),
            "rate": Property("Arrivals per second during the burst; >= 0.", [("type", "number"), ("minimum", 0)]),
            "every": Property("The period of repetition, longer than duration; left out: a single burst.", duration),
        ],
        "workload": [
            "arrivals": Property(
                "\"poisson\" (default): exponential gaps, as from many independent users; \"deterministic\": exactly 1/rate apart.",
                choice(Workload.Arrivals.allCases.map(\.rawValue))),
            "rate": Property(
                "Mean arrivals per second, over all classes; > 0. Required, except with users, or an hourly or trace shape.",
                number(exclusiveMinimum: 0)),
            "shape": Property(
                "How the rate changes over time: {\"type\": \"step\"|\"ramp\"|\"spike\"|\"diurnal\"|\"hourly\"|\"trace\", …}; left out: rate throughout.",
                TrafficShape.format.schema),
            "users": Property(
                "A closed loop of this many users (1 to \(Wording.grouped(Workload.userLimits.upperBound))), each sending a request, waiting for the answer, then thinking; instead of rate.",
                [("type", "integer"), ("minimum", 1), ("maximum", .int(Workload.userLimits.upperBound))]),
            "thinkTime": Property("With users: the time a user thinks between an answer and its next request (default \"0s\").", distribution),
            "bursts": Property(
                "Periods of different traffic: the first burst covering an instant sets the rate then.", array(of: ref("burst"), minItems: 0)),
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
        "route": [
            "class": Property("The request class: not blank, unique, and named in workload.mix.", [("type", "string"), ("minLength", 1)]),
            "steps": Property("What a request of this class does, in order.", array(of: ref("step"))),
            "responseKB": Property("Size of one response in kilobytes (default 0), for egress pricing.", [("type", "number"), ("minimum", 0)]),
            "keys": Property(
                "The key each request of the class carries, for caches, shards and sticky routing; left out: every request carries key 0.",
                KeySpace.format.schema),
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

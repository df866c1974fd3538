/// The JSON Schema (draft 2020-12) of the scenario format, printed by `headroom schema` and
/// committed as `docs/scenario.schema.json` for editors.
///
/// Components and route steps are generated from their kinds' descriptors (``KindDescriptor``,
/// ``StepDescriptor``), one definition per kind, so the schema cannot allow a key the reader
/// rejects or miss one it takes, and every key's type, range, default and description are the
/// ones the reader and validator use. The other objects are generated from the reader's key
/// lists (`ScenarioKeys`) and ``ScenarioSchema/properties``. Objects are closed
/// (`additionalProperties: false`) wherever the reader is strict, which is everywhere except
/// `workload.mix`, whose keys are class names.
///
/// The schema is a little stricter than the reader where JSON Schema can say so cheaply (ranges,
/// the shape of a duration), and a little looser where it cannot (cross-references between
/// components and routes, cycles, `warmup` < `duration`): those are the validator's job.
public enum ScenarioSchema {
    /// The meta-schema this schema is written in.
    public static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// The regular expression a duration string matches: a non-negative number and a unit.
    public static let durationPattern =
        #"^[ \t]*([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t]*(ns|us|µs|ms|s|m|h|d)[ \t]*$"#

    /// The schema as a JSON document.
    public static func document() -> JSONValue {
        var root = closedObject(
            "scenario", keys: [ScenarioKeys.schemaReference] + ScenarioKeys.scenario,
            required: ["name", "duration", "workload", "components", "routes"])
        var members: [(String, JSONValue)] = [
            ("$schema", .string(draft)),
            ("title", "Headroom scenario"),
            ("description", .string(
                "A Headroom capacity-planning scenario: the components of an architecture, the traffic offered to it and the route each request class takes. See docs/scenario-format.md.")),
        ]
        members += root.members.map { ($0.key, $0.value) }
        members.append(("$defs", .object(definitions())))
        root = JSONObject(members)
        return .object(root)
    }

    /// The schema rendered as `headroom schema` prints it (pretty, with a final newline).
    public static func text() -> String { document().rendered() + "\n" }

    // MARK: Definitions

    private static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }

    private static func definitions() -> [(String, JSONValue)] {
        var defs: [(String, JSONValue)] = [
            ("duration", .object([
                ("description", "A duration: a number and a unit (ns, us, µs, ms, s, m, h, d), such as \"250ms\" or \"1.5s\"."),
                ("type", "string"), ("pattern", .string(durationPattern)),
            ])),
            ("workload", .object(closedObject("workload", keys: ScenarioKeys.workload, required: []))),
            ("burst", .object(closedObject(
                "burst", keys: ScenarioKeys.burst, required: ["start", "duration", "rate"],
                description: "A period of different traffic, optionally repeated."))),
            ("sla", .object(closedObject("sla", keys: ScenarioKeys.sla, required: ["objectives"], description: "Service-level objectives."))),
            ("objective", .object(closedObject(
                "objective", keys: ScenarioKeys.objective, required: ["metric"],
                description: "One objective: a metric and its bound (latency also takes a percentile)."))),
            ("component", .object([
                ("description", "A component; its kind decides which other keys it takes."),
                ("oneOf", .array(ComponentKind.allCases.map { ref(Self.componentDefinition($0)) })),
            ])),
            ("route", .object(closedObject(
                "route", keys: ScenarioKeys.route, required: ["class", "steps"],
                description: "The path the requests of one class walk."))),
            ("step", .object([
                ("description", .string(
                    "A route step; its one discriminator key (\(Wording.list(StepKind.discriminators, empty: "", conjunction: "or"))) decides its kind and its other keys.")),
                ("oneOf", .array(StepKind.allCases.map { ref(stepDefinition($0)) })),
            ])),
            ("distribution", .object([
                ("description", "A duration string (a constant) or an object whose \"dist\" names the distribution."),
                ("oneOf", .array([ref("duration")] + distributionVariants.map { ref($0.definition) })),
            ])),
            ("histogramBin", .object(closedObject(
                "histogramBin", keys: ScenarioKeys.histogramBin, required: ScenarioKeys.histogramBin,
                description: "One bin of an empirical histogram: it covers (previous upTo, upTo]."))),
        ]
        for variant in distributionVariants {
            defs.append((variant.definition, .object(distributionObject(variant))))
        }
        for kind in ComponentKind.allCases { defs.append((componentDefinition(kind), componentObject(kind.descriptor))) }
        for kind in StepKind.allCases {
            let step = kind.descriptor
            defs.append((stepDefinition(kind), closedObject(properties: step.object.properties, required: step.object.requiredKeys, description: step.description)))
        }
        return defs
    }

    /// The definition of a component kind: `serviceComponent`.
    static func componentDefinition(_ kind: ComponentKind) -> String { "\(kind.rawValue)Component" }

    /// The definition of a step kind: `callStep`.
    static func stepDefinition(_ kind: StepKind) -> String { "\(kind.rawValue)Step" }

    /// A component of one kind: `id`, `kind`, its prices, its own keys.
    private static func componentObject(_ kind: AnyKindDescriptor) -> JSONValue {
        var properties: [(String, JSONValue)] = [
            ("id", .object([
                ("description", "Unique id, used by routes and load balancers: letters, digits, \"_\", \".\" and \"-\"."),
                ("type", "string"), ("pattern", "^[A-Za-z0-9_.-]+$"),
            ])),
            ("kind", .object([("description", .string("\"\(kind.kind.rawValue)\": \(kind.nounWithArticle).")), ("const", .string(kind.kind.rawValue))])),
        ]
        if !kind.pricing.isEmpty {
            let prices = kind.pricing.map { key in
                (key.rawValue, JSONValue.object([("description", .string(key.description)), ("type", "number"), ("minimum", 0)]))
            }
            properties.append(("pricing", closedObject(properties: prices, required: [], description: "Prices of \(kind.nounWithArticle), in dollars.")))
        }
        properties += kind.object.properties
        return closedObject(properties: properties, required: ["id", "kind"] + kind.object.requiredKeys, description: kind.description)
    }

    /// A closed object with these properties.
    private static func closedObject(properties: [(String, JSONValue)], required: [String], description: String) -> JSONValue {
        .object([
            ("description", .string(description)), ("type", "object"), ("properties", .object(properties)),
            ("required", .array(required.map(JSONValue.string))), ("additionalProperties", false),
        ])
    }

    /// One object form of a distribution: its `dist` name and the parameters it takes together.
    struct DistributionVariant {
        let dist: String
        let parameters: [String]
        let definition: String
        let description: String
    }

    /// Every object form, in the order of ``DistributionSpec/names``; lognormal and empirical have two each.
    static let distributionVariants: [DistributionVariant] = [
        .init(dist: "constant", parameters: ["value"], definition: "constantDistribution", description: "Always the same value."),
        .init(dist: "exponential", parameters: ["mean"], definition: "exponentialDistribution", description: "Exponential (memoryless, cv 1)."),
        .init(dist: "uniform", parameters: ["min", "max"], definition: "uniformDistribution", description: "Uniform between min and max."),
        .init(dist: "normal", parameters: ["mean", "stddev"], definition: "normalDistribution", description: "Normal, truncated at 0."),
        .init(dist: "lognormal", parameters: ["mean", "cv"], definition: "lognormalDistribution", description: "Lognormal given its mean and coefficient of variation."),
        .init(dist: "lognormal", parameters: ["median", "p99"], definition: "lognormalPercentilesDistribution", description: "Lognormal given its median and 99th percentile."),
        .init(dist: "gamma", parameters: ["shape", "mean"], definition: "gammaDistribution", description: "Gamma with a shape and a mean (cv = 1/√shape)."),
        .init(dist: "erlang", parameters: ["k", "mean"], definition: "erlangDistribution", description: "Erlang-k: k exponential phases with the given overall mean."),
        .init(dist: "weibull", parameters: ["shape", "scale"], definition: "weibullDistribution", description: "Weibull with a shape and a scale."),
        .init(dist: "pareto", parameters: ["shape", "scale"], definition: "paretoDistribution", description: "Pareto (type I): scale is the minimum, shape the tail index."),
        .init(dist: "empirical", parameters: ["samples"], definition: "empiricalSamplesDistribution", description: "Replays measured samples, each equally likely."),
        .init(dist: "empirical", parameters: ["histogram"], definition: "empiricalHistogramDistribution", description: "A measured histogram: a bin by weight, uniform within it."),
    ]

    private static func distributionObject(_ variant: DistributionVariant) -> JSONObject {
        var properties: [(String, JSONValue)] = [
            ("dist", .object([("description", "The distribution."), ("const", .string(variant.dist))])),
        ]
        for key in variant.parameters {
            let p = distributionParameter(key, dist: variant.dist)
            properties.append((key, .object([("description", .string(p.description))] + p.schema)))
        }
        return JSONObject([
            ("description", .string(variant.description)), ("type", "object"),
            ("properties", .object(properties)), ("required", .array((["dist"] + variant.parameters).map(JSONValue.string))),
            ("additionalProperties", false),
        ])
    }

    /// A closed object whose properties are `keys`, each described by ``properties``.
    private static func closedObject(
        _ name: String, keys: [String], required: [String], description: String? = nil
    ) -> JSONObject {
        var members: [(String, JSONValue)] = []
        if let description { members.append(("description", .string(description))) }
        members.append(("type", "object"))
        let table = properties[name] ?? [:]
        members.append(("properties", .object(keys.map { key in
            guard let p = table[key] else { return (key, .object([])) }
            return (key, .object([("description", .string(p.description))] + p.schema))
        })))
        members.append(("required", .array(required.map(JSONValue.string))))
        members.append(("additionalProperties", false))
        return JSONObject(members)
    }
}

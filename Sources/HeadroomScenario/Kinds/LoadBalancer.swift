/// A load balancer (JSON `"kind": "loadBalancer"`): forwards each request to one instance of one
/// of its backends. It has no workers of its own.
public struct LoadBalancer: ComponentSpec {
    /// `"loadBalancer"`.
    public static let kind = ComponentKind.loadBalancer

    /// How the instance is chosen.
    public enum Strategy: String, Hashable, Sendable, CaseIterable {
        /// Each instance in turn.
        case roundRobin
        /// Smooth weighted round robin (as nginx): each instance in turn, in proportion to its backend's weight.
        case weightedRoundRobin
        /// A uniformly random instance.
        case random
        /// The instance with the fewest requests in flight (queued or in service); ties are broken round robin.
        case leastConnections
        /// Two distinct random instances, the less loaded of the two ("power of two choices").
        case powerOfTwoChoices
    }

    /// One backend: a service or database pool, with a weight for weighted strategies.
    public struct Backend: Hashable, Sendable {
        /// The id of the pool.
        public var component: String
        /// Relative weight of each of its instances (weighted round robin only).
        public var weight: Double
        public init(_ component: String, weight: Double = 1) {
            self.component = component
            self.weight = weight
        }
    }

    /// How the instance is chosen.
    public var strategy: Strategy
    /// The pools whose instances it spreads requests over.
    public var backends: [Backend]
    /// Extra delay the balancer adds to each request on its way in (a network hop), if any.
    public var latency: DistributionSpec?
    /// Active health checks of the backends' instances; nil: the balancer learns of a crash at
    /// once (an idealisation: no request reaches a dead instance).
    public var healthCheck: HealthCheck?

    public init(strategy: Strategy = .roundRobin, backends: [Backend], latency: DistributionSpec? = nil, healthCheck: HealthCheck? = nil) {
        self.strategy = strategy
        self.backends = backends
        self.latency = latency
        self.healthCheck = healthCheck
    }

    /// Its keys; charged per hour and per GB of responses. A call to it holds a worker of the
    /// backend it picked, so for the call-cycle check it holds every backend.
    public static var descriptor: KindDescriptor<LoadBalancer> {
        KindDescriptor(
            noun: "load balancer",
            description: "A load balancer: forwards each request to one instance of one of its backends.",
            prototype: LoadBalancer(backends: []),
            fields: [
                .defaulted(
                    "strategy", \.strategy, .choice(noun: "strategy"), default: .roundRobin, alwaysWritten: true,
                    "How the instance is chosen."),
                .required(
                    "backends", \.backends, backendsFormat,
                    "The services or databases it forwards to: ids, or {\"component\": id, \"weight\": w}; each listed once."),
                .optional(
                    "latency", \.latency, .distribution, ifAbsent: "no extra delay",
                    "Extra delay the balancer adds to each request (a network hop)."),
                .optional(
                    "healthCheck", \.healthCheck, HealthCheck.format, ifAbsent: "none: crashed instances leave rotation at once",
                    "Active health checks of the backends' instances: interval, timeout, unhealthyThreshold, healthyThreshold."),
            ],
            pricing: [.instanceHour, .egressGB],
            checks: [CrossCheck(run: checkHealthChecked)],
            references: { $0.backends.map(\.component) },
            callHolds: CallHolds(role: "backend") { balancer in
                var held: [String] = []
                for backend in balancer.backends where !held.contains(backend.component) { held.append(backend.component) }
                return held
            },
            summary: \.summary)
    }

    /// A backend object: `{"component": "api", "weight": 2}`.
    static var backendObject: ObjectDescriptor<Backend> {
        ObjectDescriptor(
            prototype: Backend(""),
            fields: [
                .required("component", \.component, .componentID, "The id of a service or database."),
                .defaulted("weight", \.weight, backendWeight, default: 1, "Relative weight of its instances, for weightedRoundRobin; > 0."),
            ])
    }

    /// A backend's weight.
    static var backendWeight: ValueFormat<Double> { .number(.above(0), expected: "a weight > 0") }

    /// The backends: each a component id, or an object with a weight.
    static var backendsFormat: ValueFormat<[Backend]> {
        let expected = "an array of component ids such as [\"api\"]"
        let element: [(String, JSONValue)] = [("oneOf", [
            .object([("type", "string"), ("description", "A component id (weight 1).")]),
            .object([
                ("description", "A weighted backend."), ("type", "object"), ("properties", .object(backendObject.properties)),
                ("required", .array(backendObject.requiredKeys.map(JSONValue.string))), ("additionalProperties", false),
            ]),
        ])]
        return ValueFormat(
            expected: expected, schema: [("type", "array"), ("items", .object(element)), ("minItems", 1)],
            read: { reader, value, path in reader.readArray(value, at: path, expected: expected) { $0.readBackend($1, at: $2) } },
            encode: { backends in
                .array(backends.map { $0.weight == 1 ? .string($0.component) : .object(backendObject.encode($0)) })
            },
            check: { validation, backends, path in validation.checkBackends(backends, at: path) })
    }

    /// "load balancer, least connections over app and api2 (weight 2), latency constant 500 µs".
    var summary: String {
        let names = backends.map { $0.weight == 1 ? $0.component : "\($0.component) (weight \(TimeSpan.trim($0.weight)))" }
        var text = "load balancer, \(strategy.summary) over \(Wording.list(names, empty: "no backends"))"
        if let latency { text += ", " + latency.summary(of: "latency") }
        if let healthCheck { text += ", " + healthCheck.summary }
        return text
    }

    /// A pool's rotation follows one health checker: two balancers checking the same backend
    /// would each want to take its instances in and out.
    static func checkHealthChecked(_ validation: inout Validation, _ balancer: LoadBalancer, at path: JSONPath) {
        guard balancer.healthCheck != nil else { return }
        guard let me = validation.componentIndex(at: path) else { return }
        for earlier in validation.scenario.components[..<me] {
            guard let other = earlier.spec(as: LoadBalancer.self), other.healthCheck != nil else { continue }
            for (j, backend) in balancer.backends.enumerated() where other.backends.contains(where: { $0.component == backend.component }) {
                validation.report(
                    path.key("backends").index(j),
                    "\(JSONWriter.quoted(backend.component)) is health-checked by \(JSONWriter.quoted(earlier.id)) already; expected each backend health-checked by one balancer")
            }
        }
    }
}

extension LoadBalancer.Strategy {
    /// The strategy in words: "round robin", "least connections".
    public var summary: String {
        switch self {
        case .roundRobin: "round robin"
        case .weightedRoundRobin: "weighted round robin"
        case .random: "random"
        case .leastConnections: "least connections"
        case .powerOfTwoChoices: "power of two choices"
        }
    }
}

extension ScenarioReader {
    /// A backend: a component id, or `{"component": id, "weight": w}`.
    fileprivate mutating func readBackend(_ value: JSONValue, at path: JSONPath) -> LoadBalancer.Backend? {
        let expected = "a component id such as \"api\" or {\"component\": \"api\", \"weight\": 2}"
        switch value {
        case .string(let id):
            return LoadBalancer.Backend(id)
        case .object:
            let object = LoadBalancer.backendObject
            guard let f = fields(value, at: path, expected: expected, allowed: object.keys, required: object.requiredKeys) else {
                return nil
            }
            return object.read(&self, f)
        default:
            mismatch(path, found: value, expected: expected)
            return nil
        }
    }
}

extension Validation {
    /// At least one backend, each a service or database listed once, with a weight > 0.
    fileprivate mutating func checkBackends(_ backends: [LoadBalancer.Backend], at path: JSONPath) {
        if backends.isEmpty {
            report(path, "found an empty array; expected at least one backend")
        }
        var first: [String: Int] = [:]
        for (j, backend) in backends.enumerated() {
            let bPath = path.index(j)
            if let earlier = first[backend.component] {
                report(bPath, "duplicate backend \(JSONWriter.quoted(backend.component)) (first at backends[\(earlier)])")
            } else {
                first[backend.component] = j
                checkReference(backend.component, at: bPath, accepts: { $0.pool != nil }, expected: "a service or database")
            }
            LoadBalancer.backendWeight.check(&self, backend.weight, bPath.key("weight"))
        }
    }
}

/// A load balancer in a Swift scenario (JSON `"kind": "loadBalancer"`) over the pools listed in its closure.
///
/// ```swift
/// let lb = Balancer(
///     "lb", strategy: .weightedRoundRobin, latency: .constant(.milliseconds(1)),
///     healthCheck: HealthCheck(interval: .seconds(10), unhealthyThreshold: 3)
/// ) {
///     api
///     api2.weight(2)
/// }
/// ```
public struct Balancer: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component
    /// The backend pools.
    public let references: [Component]

    /// A balancer choosing by `strategy` among the instances of `backends`, adding `latency` to
    /// each request, checking their health with `healthCheck` if given.
    public init(
        _ id: String, strategy: LoadBalancer.Strategy = .roundRobin, latency: DistributionSpec? = nil, healthCheck: HealthCheck? = nil,
        pricing: Pricing? = nil, @BackendBuilder backends: () -> [BackendDeclaration]
    ) {
        let declared = backends()
        component = Component(
            id: id, LoadBalancer(strategy: strategy, backends: declared.map(\.backend), latency: latency, healthCheck: healthCheck),
            pricing: pricing)
        references = declared.map(\.component)
    }
}

extension PoolDeclaration {
    /// This pool as a backend of a balancer with a weight (for `.weightedRoundRobin`).
    public func weight(_ weight: Double) -> BackendDeclaration {
        BackendDeclaration(backend: LoadBalancer.Backend(component.id, weight: weight), component: component)
    }
}

/// One backend of a ``Balancer``: a pool and its weight.
public struct BackendDeclaration: Hashable, Sendable {
    /// The backend as the JSON format describes it.
    public let backend: LoadBalancer.Backend
    /// The pool.
    public let component: Component
}

/// Collects the backends of a ``Balancer``: pools, optionally with `.weight(_:)`.
@resultBuilder
public enum BackendBuilder {
    /// A pool with weight 1.
    public static func buildExpression(_ pool: some PoolDeclaration) -> [BackendDeclaration] {
        [BackendDeclaration(backend: LoadBalancer.Backend(pool.component.id), component: pool.component)]
    }
    /// A weighted pool.
    public static func buildExpression(_ backend: BackendDeclaration) -> [BackendDeclaration] { [backend] }
    /// Several backends at once.
    public static func buildExpression(_ backends: [BackendDeclaration]) -> [BackendDeclaration] { backends }
    /// The backends of a block, in order.
    public static func buildBlock(_ parts: [BackendDeclaration]...) -> [BackendDeclaration] { parts.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ part: [BackendDeclaration]?) -> [BackendDeclaration] { part ?? [] }
    /// The first branch of an `if`/`else`.
    public static func buildEither(first part: [BackendDeclaration]) -> [BackendDeclaration] { part }
    /// The second branch of an `if`/`else`.
    public static func buildEither(second part: [BackendDeclaration]) -> [BackendDeclaration] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[BackendDeclaration]]) -> [BackendDeclaration] { parts.flatMap { $0 } }
}

/// A complete, validated description of an architecture and the traffic it carries.
///
/// A `Scenario` is a value with no behaviour: the model compiles it into a runnable network.
/// It comes from a JSON file (``ScenarioLoader``) or from Swift code; either way it is checked
/// by ``ScenarioValidator`` before it is run.
public struct Scenario: Hashable, Sendable {
    /// A short name, printed in every report.
    public var name: String
    /// Optional free text about what the scenario asks.
    public var description: String?
    /// The root of every random stream; the same seed gives the same results, byte for byte.
    public var seed: UInt64
    /// Simulated time to run, warm-up included.
    public var duration: TimeSpan
    /// Simulated time at the start whose measurements are discarded (the system starts empty).
    public var warmup: TimeSpan
    /// The traffic offered to the system.
    public var workload: Workload
    /// The components, in declaration order (ids are unique).
    public var components: [Component]
    /// One route per request class: the path its requests walk through the components.
    public var routes: [Route]
    /// The service-level objectives to judge the run by; nil means the defaults of ``SLA/defaults``.
    public var sla: SLA?
    /// The width of one time-series bucket; nil means ``defaultTimeBucket``.
    public var timeBucket: TimeSpan?

    public init(
        name: String, description: String? = nil, seed: UInt64 = 1, duration: TimeSpan, warmup: TimeSpan = .zero,
        workload: Workload, components: [Component], routes: [Route], sla: SLA? = nil, timeBucket: TimeSpan? = nil
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.duration = duration
        self.warmup = warmup
        self.workload = workload
        self.components = components
        self.routes = routes
        self.sla = sla
        self.timeBucket = timeBucket
    }

    /// The objectives the run is judged by: the scenario's own, or the defaults.
    public var effectiveSLA: SLA { sla ?? .defaults }

    /// The time-bucket width when a scenario gives none: 10 s.
    public static let defaultTimeBucket = TimeSpan.seconds(10)

    /// The most time buckets a run may have (duration / timeBucket): per-bucket accumulators
    /// are kept for the whole run, so this bounds their memory.
    public static let maximumTimeBuckets = 100_000

    /// The width of one time-series bucket: the scenario's own, or ``defaultTimeBucket``.
    public var effectiveTimeBucket: TimeSpan { timeBucket ?? Self.defaultTimeBucket }

    /// The component with this id, if any.
    public func component(_ id: String) -> Component? { components.first { $0.id == id } }
}

/// The traffic offered to the system: an open arrival process and a mix of request classes.
public struct Workload: Hashable, Sendable {
    /// How the times between arrivals are distributed.
    public enum Arrivals: String, Hashable, Sendable, CaseIterable {
        /// Exponential inter-arrival times (a Poisson process): independent users.
        case poisson
        /// Evenly spaced arrivals, exactly `1/rate` apart: a synthetic load generator.
        case deterministic
    }

    /// The arrival process.
    public var arrivals: Arrivals
    /// Mean arrivals per second.
    public var rate: Double
    /// Relative weight of each request class, in declaration order.
    public var mix: [ClassWeight]
    /// Periods when the rate is different (traffic spikes), in declaration order; the first that
    /// covers an instant sets the rate then.
    public var bursts: [Burst]
    /// How the rate changes over time (a step, a ramp, a spike, a day, hourly points, a trace);
    /// nil: `rate` throughout (bursts aside).
    public var shape: TrafficShape?
    /// A closed loop of this many users, each sending a request, waiting for its answer, then
    /// thinking for `thinkTime` (instead of an open arrival process); nil: open arrivals.
    public var users: Int?
    /// The time a closed-loop user thinks between an answer and its next request; nil: no think time.
    public var thinkTime: DistributionSpec?

    /// `rate` is 0 (and not used) for a closed loop of `users`, hourly points and traces.
    public init(
        arrivals: Arrivals = .poisson, rate: Double, mix: [ClassWeight], bursts: [Burst] = [], shape: TrafficShape? = nil,
        users: Int? = nil, thinkTime: DistributionSpec? = nil
    ) {
        self.arrivals = arrivals
        self.rate = rate
        self.mix = mix
        self.bursts = bursts
        self.shape = shape
        self.users = users
        self.thinkTime = thinkTime
    }

    /// Whether `rate` is part of the workload (not for closed-loop users, hourly points or traces).
    public var usesRate: Bool { users == nil && (shape?.usesBaseRate ?? true) }

    /// The most closed-loop users a scenario may have.
    public static let userLimits = 1...1_000_000

    /// A period of different traffic: `rate` from `start` for `duration`, repeated every `every`.
    public struct Burst: Hashable, Sendable {
        /// When the (first) burst begins.
        public var start: TimeSpan
        /// How long each burst lasts.
        public var duration: TimeSpan
        /// Arrivals per second during the burst.
        public var rate: Double
        /// Period of repetition; nil for a single burst.
        public var every: TimeSpan?

        public init(start: TimeSpan, duration: TimeSpan, rate: Double, every: TimeSpan? = nil) {
            self.start = start
            self.duration = duration
            self.rate = rate
            self.every = every
        }
    }

    /// A copy with every rate (base and bursts) multiplied by `factor`: the same traffic shape, scaled.
    public func scaled(by factor: Double) -> Workload {
        var copy = self
        copy.rate *= factor
        copy.bursts = bursts.map { var b = $0; b.rate *= factor; return b }
        copy.shape = shape?.scaled(by: factor)
        copy.users = users.map { Int(Swift.min(Swift.max(1, (Double($0) * factor).rounded()), Double(Self.userLimits.upperBound))) }
        return copy
    }

    /// One entry of the class mix.
    public struct ClassWeight: Hashable, Sendable {
        /// The request class (a route's `class`).
        public var requestClass: String
        /// Its relative weight; weights need not sum to 1.
        public var weight: Double
        public init(_ requestClass: String, weight: Double) {
            self.requestClass = requestClass
            self.weight = weight
        }
    }
}

/// One component of the architecture: an id, its kind's configuration and its prices.
///
/// The configuration is a value of the kind's own type (``ServicePool``, ``LoadBalancer``, …),
/// each conforming to ``ComponentSpec``; ``kind`` says which. Read it back with
/// `component.spec(as: ServicePool.self)` or `component.spec as? ServicePool`.
public struct Component: Hashable, Sendable {
    /// Unique id, used by routes and load balancers to refer to it.
    public var id: String
    /// What it is and how it is configured.
    public var spec: any ComponentSpec
    /// What it costs to run, if known.
    public var pricing: Pricing?

    public init(id: String, _ spec: some ComponentSpec, pricing: Pricing? = nil) {
        self.id = id
        self.spec = spec
        self.pricing = pricing
    }

    /// Its kind, the discriminator written in JSON (`"kind"`).
    public var kind: ComponentKind { type(of: spec).kind }

    /// The configuration when it is of type `type`, else nil.
    public func spec<Spec: ComponentSpec>(as type: Spec.Type) -> Spec? { spec as? Spec }

    public static func == (a: Component, b: Component) -> Bool {
        a.id == b.id && a.pricing == b.pricing && a.spec.erased == b.spec.erased
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(spec.erased)
        hasher.combine(pricing)
    }
}

/// The path that requests of one class walk through the components.
public struct Route: Hashable, Sendable {
    /// The request class this route is for (named in `workload.mix`).
    public var requestClass: String
    /// What a request of this class does, in order.
    public var steps: [Step]
    /// Size of one response in kilobytes (10³ bytes), for egress pricing; 0 when not given.
    public var responseKB: Double
    /// The keys its requests carry; nil: every request carries key 0.
    public var keys: KeySpace?

    public init(requestClass: String, steps: [Step], responseKB: Double = 0, keys: KeySpace? = nil) {
        self.requestClass = requestClass
        self.steps = steps
        self.responseKB = responseKB
        self.keys = keys
    }
}

/// A configuration that is a pool of identical instances with workers and a queue each: what a
/// load balancer can forward to. ``ServicePool`` and ``DatabasePool`` are pools; they share the
/// keys declared here (``poolFields``), their summary and their Swift declaration protocol.
public protocol PoolSpec: ComponentSpec {
    /// Number of instances (servers, pods, VMs).
    var instances: Int { get set }
    /// Workers per instance: threads, connections, or maximum in-flight requests.
    var concurrency: Int { get set }
    /// Requests that may wait per instance when every worker is busy; nil is unbounded.
    var queueCapacity: Int? { get set }
    /// The time a worker spends on one request's own work.
    var serviceTime: DistributionSpec { get set }
    /// Longest time a request may spend at this component before its caller gives up.
    var timeout: TimeSpan? { get set }
    /// Load shedding: a queued request that has waited longer than this is dropped (cause
    /// `shed`) instead of served; nil never sheds.
    var shedAfter: TimeSpan? { get set }
    /// The availability zones its instances are spread over, in turn (instance k runs in zone
    /// k mod n); nil puts them all in one unnamed zone.
    var zones: [String]? { get set }

    /// A pool with these parameters.
    init(
        instances: Int, concurrency: Int, queueCapacity: Int?, serviceTime: DistributionSpec, timeout: TimeSpan?,
        shedAfter: TimeSpan?, zones: [String]?)
}

extension Component {
    /// The pool parameters, for kinds that are pools of instances (services, databases).
    public var pool: (any PoolSpec)? { spec as? any PoolSpec }
}

/// The largest values of a pool's integers. The simulator keeps per-instance tables and 32-bit
/// counters, so these are real limits, not style: a fleet of 100,000 instances, a million workers
/// per instance and a hundred million queued requests per instance are beyond any system
/// Headroom is meant to plan, and far inside what the simulator can hold.
public enum PoolLimits {
    /// Instances of one pool.
    public static let instances = 1...100_000
    /// Workers per instance.
    public static let concurrency = 1...1_000_000
    /// Waiting requests per instance.
    public static let queueCapacity = 0...100_000_000
    /// Availability zones of one pool.
    public static let zones = 1...1_000
}

extension PoolSpec {
    /// The keys every pool kind takes, in documentation order.
    static var poolFields: [FieldDescriptor<Self>] {
        [
            .defaulted(
                "instances", \.instances, .integer(in: PoolLimits.instances), default: 1, alwaysWritten: true,
                "Servers, pods or VMs."),
            .defaulted(
                "concurrency", \.concurrency, .integer(in: PoolLimits.concurrency), default: 1, alwaysWritten: true,
                "Workers per instance: threads, connections or in-flight requests."),
            .optional(
                "queueCapacity", \.queueCapacity, .integer(in: PoolLimits.queueCapacity), ifAbsent: "an unbounded queue",
                "Requests that may wait per instance when every worker is busy; 0 means no waiting room (an arrival that finds the queue full is rejected)."),
            .required(
                "serviceTime", \.serviceTime, .distribution,
                "The time a worker spends on one request's own work; downstream calls come on top."),
            .optional(
                "timeout", \.timeout, .duration(positive: true), ifAbsent: "no timeout",
                "The longest a request may spend at this component (queue, service and downstream calls) before its caller gives up and it fails; > 0."),
            .optional(
                "shedAfter", \.shedAfter, .duration(positive: true), ifAbsent: "no load shedding",
                "Load shedding: a queued request that has waited longer than this is dropped (cause shed) when a worker comes free, and the next one is served; > 0."),
            .optional(
                "zones", \.zones, zonesFormat, ifAbsent: "every instance in one zone",
                "The availability zones the instances are spread over, in turn: instance k runs in zone k mod n (crashes can take a whole zone down)."),
        ]
    }

    /// Zone names: at least one, each non-blank and listed once.
    static var zonesFormat: ValueFormat<[String]> {
        let expected = "an array of zone names such as [\"a\", \"b\", \"c\"]"
        return ValueFormat(
            expected: expected,
            schema: [
                ("type", "array"), ("items", .object([("type", "string"), ("minLength", 1)])), ("minItems", 1),
                ("maxItems", .int(PoolLimits.zones.upperBound)), ("uniqueItems", true),
            ],
            read: { reader, value, path in
                reader.readArray(value, at: path, expected: expected) { $0.readString($1, at: $2, expected: "a zone name such as \"a\"") }
            },
            encode: { .array($0.map(JSONValue.string)) },
            check: { validation, zones, path in
                if zones.isEmpty { validation.report(path, "found an empty array; expected at least one zone name") }
                if zones.count > PoolLimits.zones.upperBound {
                    validation.report(path, "found \(zones.count) zones; expected at most \(Wording.grouped(PoolLimits.zones.upperBound))")
                }
                var first: [String: Int] = [:]
                for (k, zone) in zones.enumerated() {
                    if zone.trimmingCharacters(in: .whitespaces).isEmpty {
                        validation.report(path.index(k), "found \(Wording.quotedShort(zone)); expected a non-empty zone name")
                    } else if let earlier = first[zone] {
                        validation.report(path.index(k), "duplicate zone \(JSONWriter.quoted(zone)) (first at zones[\(earlier)])")
                    } else {
                        first[zone] = k
                    }
                }
            })
    }

    /// The zone instance `k` runs in, when the pool has zones.
    public func zone(ofInstance k: Int) -> String? {
        guard let zones, !zones.isEmpty else { return nil }
        return zones[k % zones.count]
    }

    /// "2 service instances × 8 workers, …": `noun` names the kind, `workers` what a worker is.
    func poolSummary(noun: String, workers: String) -> String {
        var parts = [
            "\(Wording.count(instances, "\(noun) instance")) × \(Wording.count(concurrency, workers))",
            serviceTime.summary(of: "service time"),
        ]
        switch queueCapacity {
        case nil: parts.append("unbounded queue")
        case 0?: parts.append("no queue (rejects when every \(workers) is busy)")
        case let capacity?: parts.append("queue \(capacity)" + (instances > 1 ? " per instance" : ""))
        }
        if let timeout { parts.append("timeout \(timeout.humanReadable)") }
        if let shedAfter { parts.append("sheds requests queued over \(shedAfter.humanReadable)") }
        if let zones, !zones.isEmpty { parts.append("over zones \(zones.joined(separator: ", "))") }
        return parts.joined(separator: ", ")
    }
}

/// A Swift declaration of a pool (a ``Service`` or a ``Database``): it may be a balancer's backend.
public protocol PoolDeclaration: ComponentDeclaration {
    /// The configuration type of the pools it declares.
    associatedtype Pool: PoolSpec
    /// The declaration of `component`, a pool of type `Pool`.
    init(pool component: Component)
}

extension PoolDeclaration {
    /// `instances` servers with `concurrency` workers (a database's: connections) each; see
    /// ``ServicePool`` for every parameter.
    public init(
        _ id: String, instances: Int = 1, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec,
        timeout: TimeSpan? = nil, shedAfter: TimeSpan? = nil, zones: [String]? = nil, pricing: Pricing? = nil
    ) {
        let pool = Pool(
            instances: instances, concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime,
            timeout: timeout, shedAfter: shedAfter, zones: zones)
        self.init(pool: Component(id: id, pool, pricing: pricing))
    }
}

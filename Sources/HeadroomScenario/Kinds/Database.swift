/// A database server (JSON `"kind": "database"`): a pool whose `concurrency` is its connection
/// limit, and whose storage can be priced.
///
/// A `call` or a `write` step goes to its primary; with `replicas`, a `read` step goes to a
/// replica its `readStrategy` chooses, which applies writes after a replication lag (so a read of
/// a key written less than the lag ago is stale), or to the primary for `readYourWrites`. With a
/// `connectionSetup`, a query that does not come through a ``DatabaseConnectionPool`` of it
/// first opens a connection, holding a connection slot for that long.
public struct DatabasePool: PoolSpec {
    /// `"database"`.
    public static let kind = ComponentKind.database

    /// Number of database servers (with replicas: 1, the primary).
    public var instances: Int
    /// Connections per server: requests it serves at once.
    public var concurrency: Int
    /// Requests that may wait per server when every connection is busy; nil is unbounded.
    public var queueCapacity: Int?
    /// The time a connection spends on one query.
    public var serviceTime: DistributionSpec
    /// Longest time a query may take before its caller gives up.
    public var timeout: TimeSpan?
    /// Read replicas beside the primary, each a server like it.
    public var replicas: Int
    /// How long after the primary a replica applies a write, drawn per read; nil: no lag.
    public var replicationLag: DistributionSpec?
    /// How a read chooses its replica.
    public var readStrategy: ReadStrategy
    /// Time to open a connection, paid by each query that does not come through a connection pool; nil: free.
    public var connectionSetup: TimeSpan?

    /// Load shedding: a queued request that has waited longer than this is dropped (cause `shed`); nil never sheds.
    public var shedAfter: TimeSpan?
    /// The availability zones its instances are spread over, in turn; nil: one unnamed zone.
    public var zones: [String]?

    public init(
        instances: Int = 1, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec,
        timeout: TimeSpan? = nil, shedAfter: TimeSpan? = nil, zones: [String]? = nil
    ) {
        self.init(instances: instances, concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout,
                  replicas: 0, shedAfter: shedAfter, zones: zones)
    }

    /// A database with read replicas and a connection set-up time.
    public init(
        instances: Int = 1, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec, timeout: TimeSpan? = nil,
        replicas: Int, replicationLag: DistributionSpec? = nil, readStrategy: ReadStrategy = .roundRobin, connectionSetup: TimeSpan? = nil,
        shedAfter: TimeSpan? = nil, zones: [String]? = nil
    ) {
        self.instances = instances
        self.concurrency = concurrency
        self.queueCapacity = queueCapacity
        self.serviceTime = serviceTime
        self.timeout = timeout
        self.shedAfter = shedAfter
        self.zones = zones
        self.replicas = replicas
        self.replicationLag = replicationLag
        self.readStrategy = readStrategy
        self.connectionSetup = connectionSetup
    }

    /// The keys of a pool, then replicas and connections; charged per instance-hour (replicas
    /// included) and per GB-month stored.
    public static var descriptor: KindDescriptor<DatabasePool> {
        KindDescriptor(
            noun: "database",
            description: "A database server: a pool whose concurrency is its connection limit, with optional read replicas.",
            prototype: DatabasePool(serviceTime: .constant(.zero)), fields: poolFields + replicaFields,
            pricing: [.instanceHour, .storageGBMonth, .storageGB],
            checks: replicaChecks + [
                CrossCheck { validation, db, path in
                    if db.replicas > 0 && db.instances != 1 {
                        validation.report(
                            path.key("instances"),
                            "found \(db.instances); a database with replicas has one primary: expected 1 (shards split data over several primaries)")
                    }
                },
            ],
            summary: \.summary)
    }

    /// "1 database instance × 10 connections, …, 2 read replicas (least connections), replication lag exponential mean 50 ms".
    var summary: String {
        ([poolSummary(noun: "database", workers: "connection")] + replicaSummary()).joined(separator: ", ")
    }
}

/// How a read chooses among a database's replicas (or a shard's).
public enum ReadStrategy: String, Hashable, Sendable, CaseIterable {
    /// Each replica in turn.
    case roundRobin
    /// A uniformly random replica.
    case random
    /// The replica with the fewest queries in flight; ties in turn.
    case leastConnections
    /// The less loaded of two random replicas.
    case powerOfTwoChoices

    /// The strategy in words: "round robin".
    public var summary: String {
        switch self {
        case .roundRobin: "round robin"
        case .random: "random"
        case .leastConnections: "least connections"
        case .powerOfTwoChoices: "power of two choices"
        }
    }
}

/// A configuration with read replicas and connection set-up: ``DatabasePool`` and ``ShardedDatabase``.
public protocol ReplicatedSpec: ComponentSpec {
    /// Read replicas (per shard, for shards).
    var replicas: Int { get set }
    /// How long after the primary a replica applies a write.
    var replicationLag: DistributionSpec? { get set }
    /// How a read chooses its replica.
    var readStrategy: ReadStrategy { get set }
    /// Time to open a connection without a pool.
    var connectionSetup: TimeSpan? { get set }
}

/// The largest number of replicas of one database or shard.
public enum ReplicaLimits {
    /// Read replicas per primary.
    public static let replicas = 0...100
}

extension ReplicatedSpec {
    /// The replica and connection keys, in documentation order.
    static var replicaFields: [FieldDescriptor<Self>] {
        [
            .defaulted(
                "replicas", \.replicas, .integer(in: ReplicaLimits.replicas), default: 0,
                "Read replicas beside the primary, each a server like it: read steps go to them."),
            .optional(
                "replicationLag", \.replicationLag, .distribution, ifAbsent: "no lag (replicas are always current)",
                "How long after the primary a replica applies a write, drawn per read: a read of a key written more recently is stale; needs replicas."),
            .defaulted(
                "readStrategy", \.readStrategy, .choice(noun: "read strategy"), default: .roundRobin,
                "How a read chooses its replica: \"roundRobin\", \"random\", \"leastConnections\" or \"powerOfTwoChoices\"; needs replicas."),
            .optional(
                "connectionSetup", \.connectionSetup, .duration(positive: true), ifAbsent: "opening a connection costs nothing",
                "Time to open a connection: a query that does not come through a connection pool pays it first, holding a connection; > 0."),
        ]
    }

    /// The lag and the strategy need replicas.
    static var replicaChecks: [CrossCheck<Self>] {
        [
            CrossCheck { validation, spec, path in
                guard spec.replicas == 0 else { return }
                if spec.replicationLag != nil {
                    validation.report(path.key("replicationLag"), "a replicationLag needs replicas; expected \"replicas\" of 1 or more beside it")
                }
                if spec.readStrategy != .roundRobin {
                    validation.report(path.key("readStrategy"), "a readStrategy needs replicas; expected \"replicas\" of 1 or more beside it")
                }
            },
        ]
    }

    /// "2 read replicas (least connections)", "replication lag …", "connection set-up 50 ms";
    /// `each` names what has the replicas (" per shard").
    func replicaSummary(each: String = "") -> [String] {
        var parts: [String] = []
        if replicas > 0 {
            parts.append("\(Wording.count(replicas, "read replica"))\(each) (\(readStrategy.summary))")
            parts.append(replicationLag.map { $0.summary(of: "replication lag") } ?? "no replication lag")
        }
        if let connectionSetup { parts.append("connection set-up \(connectionSetup.humanReadable)") }
        return parts
    }
}

extension DatabasePool: ReplicatedSpec {}

/// A database server in a Swift scenario (JSON `"kind": "database"`):
/// `Database("db", concurrency: 10, serviceTime: …)`, `concurrency` being its connection limit.
public struct Database: PoolDeclaration, DataStoreDeclaration, Hashable, Sendable {
    /// Its configuration type.
    public typealias Pool = DatabasePool
    /// The component declared.
    public let component: Component

    /// The declaration of `component`, a ``DatabasePool``.
    public init(pool component: Component) { self.component = component }

    /// A database with read replicas (and a connection set-up time); see ``DatabasePool``.
    public init(
        _ id: String, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec, timeout: TimeSpan? = nil,
        replicas: Int, replicationLag: DistributionSpec? = nil, readStrategy: ReadStrategy = .roundRobin,
        connectionSetup: TimeSpan? = nil, pricing: Pricing? = nil
    ) {
        let db = DatabasePool(
            concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout, replicas: replicas,
            replicationLag: replicationLag, readStrategy: readStrategy, connectionSetup: connectionSetup)
        component = Component(id: id, db, pricing: pricing)
    }

    /// A database without replicas whose connections cost `connectionSetup` to open; see ``DatabasePool``.
    public init(
        _ id: String, instances: Int = 1, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec,
        timeout: TimeSpan? = nil, connectionSetup: TimeSpan, pricing: Pricing? = nil
    ) {
        let db = DatabasePool(
            instances: instances, concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout,
            replicas: 0, connectionSetup: connectionSetup)
        component = Component(id: id, db, pricing: pricing)
    }
}

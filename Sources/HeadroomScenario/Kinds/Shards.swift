/// A database split by key over several primaries (JSON `"kind": "shards"`): `shards` databases
/// behind a router that sends each query to the shard holding the request's key, by a hash of
/// the key or by ranges of keys. Each shard is a database with these keys (its own connections,
/// queue and service time) and, with `replicas`, its own read replicas. Skewed keys make a hot
/// shard; the report shows each shard's load.
public struct ShardedDatabase: ReplicatedSpec {
    /// `"shards"`.
    public static let kind = ComponentKind.shards

    /// How a key is mapped to its shard.
    public enum Partitioning: String, Hashable, Sendable, CaseIterable {
        /// A hash of the key, modulo the number of shards: keys spread evenly whatever their order.
        case hash
        /// Consecutive ranges of `keyCount / shards` keys: key order decides (hot low keys share a shard).
        case range
    }

    /// Number of shards, each a primary database.
    public var shards: Int
    /// How keys map to shards.
    public var partitioning: Partitioning
    /// Range partitioning: keys 0 ..< keyCount are split into equal ranges.
    public var keyCount: Int?
    /// Connections per shard server.
    public var concurrency: Int
    /// Queries that may wait per shard server; nil is unbounded.
    public var queueCapacity: Int?
    /// The time a connection spends on one query.
    public var serviceTime: DistributionSpec
    /// Longest time a query may take before its caller gives up.
    public var timeout: TimeSpan?
    public var replicas: Int
    public var replicationLag: DistributionSpec?
    public var readStrategy: ReadStrategy
    public var connectionSetup: TimeSpan?

    public init(
        shards: Int, partitioning: Partitioning = .hash, keyCount: Int? = nil, concurrency: Int = 1, queueCapacity: Int? = nil,
        serviceTime: DistributionSpec, timeout: TimeSpan? = nil, replicas: Int = 0, replicationLag: DistributionSpec? = nil,
        readStrategy: ReadStrategy = .roundRobin, connectionSetup: TimeSpan? = nil
    ) {
        self.shards = shards
        self.partitioning = partitioning
        self.keyCount = keyCount
        self.concurrency = concurrency
        self.queueCapacity = queueCapacity
        self.serviceTime = serviceTime
        self.timeout = timeout
        self.replicas = replicas
        self.replicationLag = replicationLag
        self.readStrategy = readStrategy
        self.connectionSetup = connectionSetup
    }

    /// Shards of one component: up to ten thousand.
    public static let shardLimits = 1...10_000

    /// Its keys; charged per instance-hour of every server (primaries and replicas) and per GB-month stored.
    public static var descriptor: KindDescriptor<ShardedDatabase> {
        KindDescriptor(
            noun: "sharded database",
            description: "A database split by key (hash or range) over several primaries, each with optional read replicas.",
            prototype: ShardedDatabase(shards: 1, serviceTime: .constant(.zero)),
            fields: [
                .required("shards", \.shards, .integer(in: shardLimits), "Number of shards, each a primary database."),
                .defaulted(
                    "partitioning", \.partitioning, .choice(noun: "partitioning"), default: .hash, alwaysWritten: true,
                    "How a key finds its shard: \"hash\" (a hash of the key) or \"range\" (equal ranges of keyCount keys)."),
                .optional(
                    "keyCount", \.keyCount, .integer(in: KeySpace.countLimits), ifAbsent: "needed for range partitioning",
                    "Range partitioning: the keys 0 to keyCount − 1 are split into equal consecutive ranges; larger keys go to the last shard."),
                .defaulted(
                    "concurrency", \.concurrency, .integer(in: PoolLimits.concurrency), default: 1, alwaysWritten: true,
                    "Connections per shard server: queries it serves at once."),
                .optional(
                    "queueCapacity", \.queueCapacity, .integer(in: PoolLimits.queueCapacity), ifAbsent: "an unbounded queue",
                    "Queries that may wait per shard server when every connection is busy; 0 means no waiting room."),
                .required("serviceTime", \.serviceTime, .distribution, "The time a connection spends on one query."),
                .optional(
                    "timeout", \.timeout, .duration(positive: true), ifAbsent: "no timeout",
                    "The longest a query may take at a shard before its caller gives up; > 0."),
            ] + replicaFields,
            pricing: [.instanceHour, .storageGBMonth, .storageGB],
            checks: replicaChecks + [
                CrossCheck { validation, shards, path in
                    if shards.partitioning == .range && shards.keyCount == nil {
                        validation.report(path.key("partitioning"), "range partitioning needs a keyCount; expected \"keyCount\" beside it")
                    } else if shards.partitioning == .hash && shards.keyCount != nil {
                        validation.report(path.key("keyCount"), "a keyCount applies to range partitioning; expected \"partitioning\": \"range\" beside it")
                    }
                },
            ],
            summary: \.summary)
    }

    /// "4 shards by hash of the key, each 1 database × 20 connections, exponential service time mean 4 ms, unbounded queue, …".
    var summary: String {
        let by = partitioning == .hash ? "by hash of the key" : "by key range (\(Wording.grouped(keyCount ?? 0)) keys)"
        var parts = ["\(Wording.count(shards, "shard")) \(by), each \(Wording.count(concurrency, "connection"))", serviceTime.summary(of: "service time")]
        switch queueCapacity {
        case nil: parts.append("unbounded queue")
        case 0?: parts.append("no queue")
        case let capacity?: parts.append("queue \(capacity) per server")
        }
        if let timeout { parts.append("timeout \(timeout.humanReadable)") }
        return (parts + replicaSummary(each: " per shard")).joined(separator: ", ")
    }
}

/// A sharded database in a Swift scenario (JSON `"kind": "shards"`); see ``ShardedDatabase`` for every parameter.
///
/// ```swift
/// let users = Shards("users", shards: 4, concurrency: 20, serviceTime: .exponential(mean: .milliseconds(4)))
/// RequestClass("profile", keys: .zipf(exponent: 0.9, count: 1_000_000)) { app.call { users.read() } }
/// ```
public struct Shards: DataStoreDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// `shards` databases, each with `concurrency` connections and `replicas` read replicas.
    public init(
        _ id: String, shards: Int, partitioning: ShardedDatabase.Partitioning = .hash, keyCount: Int? = nil, concurrency: Int = 1,
        queueCapacity: Int? = nil, serviceTime: DistributionSpec, timeout: TimeSpan? = nil, replicas: Int = 0,
        replicationLag: DistributionSpec? = nil, readStrategy: ReadStrategy = .roundRobin, connectionSetup: TimeSpan? = nil,
        pricing: Pricing? = nil
    ) {
        let spec = ShardedDatabase(
            shards: shards, partitioning: partitioning, keyCount: keyCount, concurrency: concurrency, queueCapacity: queueCapacity,
            serviceTime: serviceTime, timeout: timeout, replicas: replicas, replicationLag: replicationLag, readStrategy: readStrategy,
            connectionSetup: connectionSetup)
        component = Component(id: id, spec, pricing: pricing)
    }
}

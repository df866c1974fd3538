/// A database server (JSON `"kind": "database"`): a pool whose `concurrency` is its connection
/// limit, and whose storage can be priced.
///
/// It behaves as a ``ServicePool`` today; primaries, read replicas and connection pools come
/// with the data tier.
public struct DatabasePool: PoolSpec {
    /// `"database"`.
    public static let kind = ComponentKind.database

    /// Number of database servers.
    public var instances: Int
    /// Connections per server: requests it serves at once.
    public var concurrency: Int
    /// Requests that may wait per server when every connection is busy; nil is unbounded.
    public var queueCapacity: Int?
    /// The time a connection spends on one query.
    public var serviceTime: DistributionSpec
    /// Longest time a query may take before its caller gives up.
    public var timeout: TimeSpan?

    /// Load shedding: a queued request that has waited longer than this is dropped (cause `shed`); nil never sheds.
    public var shedAfter: TimeSpan?
    /// The availability zones its instances are spread over, in turn; nil: one unnamed zone.
    public var zones: [String]?

    public init(
        instances: Int = 1, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec,
        timeout: TimeSpan? = nil, shedAfter: TimeSpan? = nil, zones: [String]? = nil
    ) {
        self.instances = instances
        self.concurrency = concurrency
        self.queueCapacity = queueCapacity
        self.serviceTime = serviceTime
        self.timeout = timeout
        self.shedAfter = shedAfter
        self.zones = zones
    }

    /// The keys of a pool; charged per instance-hour and per GB-month stored.
    public static var descriptor: KindDescriptor<DatabasePool> {
        KindDescriptor(
            noun: "database",
            description: "A database server: a pool whose concurrency is its connection limit.",
            prototype: DatabasePool(serviceTime: .constant(.zero)), fields: poolFields,
            pricing: [.instanceHour, .storageGBMonth, .storageGB],
            summary: { $0.poolSummary(noun: "database", workers: "connection") })
    }
}

/// A database server in a Swift scenario (JSON `"kind": "database"`):
/// `Database("db", concurrency: 10, serviceTime: …)`, `concurrency` being its connection limit.
public struct Database: PoolDeclaration, Hashable, Sendable {
    /// Its configuration type.
    public typealias Pool = DatabasePool
    /// The component declared.
    public let component: Component

    /// The declaration of `component`, a ``DatabasePool``.
    public init(pool component: Component) { self.component = component }
}

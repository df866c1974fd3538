/// Every kind of component a scenario may declare: the typed form of the JSON `"kind"`.
///
/// This is the registry of kinds. A new kind adds its case here and its configuration type
/// (a ``ComponentSpec``) in a file of its own.
public enum ComponentKind: String, CaseIterable, Hashable, Sendable, Comparable {
    /// A pool of application servers (``ServicePool``).
    case service
    /// A database server (``DatabasePool``).
    case database
    /// Spreads requests over the instances of its backends (``LoadBalancer``).
    case loadBalancer
    /// A serverless function (``ServerlessFunction``).
    case function
    /// A third-party API (``ExternalAPI``).
    case externalAPI

    /// Every kind name, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// Declaration order.
    public static func < (a: ComponentKind, b: ComponentKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The configuration of one kind of component: a plain value, with no behaviour.
public protocol ComponentSpec: Hashable, Sendable {
    /// The kind this configuration describes.
    static var kind: ComponentKind { get }
}

extension ComponentSpec {
    /// The value as an `AnyHashable`, to compare configurations of unknown kinds.
    var erased: AnyHashable { AnyHashable(self) }
}

/// A configuration that is a pool of identical instances with workers and a queue each:
/// what a load balancer can forward to.
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
}

extension Component {
    /// The pool parameters, for kinds that are pools of instances (services, databases).
    public var pool: (any PoolSpec)? { spec as? any PoolSpec }
}

/// A database server: a pool whose `concurrency` is its connection limit.
///
/// It behaves as a ``ServicePool`` today; primaries, read replicas and connection pools come
/// with the data tier.
public struct DatabasePool: PoolSpec {
    /// `"database"`.
    public static let kind = ComponentKind.database

    public var instances: Int
    public var concurrency: Int
    public var queueCapacity: Int?
    public var serviceTime: DistributionSpec
    public var timeout: TimeSpan?

    public init(
        instances: Int = 1, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec,
        timeout: TimeSpan? = nil
    ) {
        self.instances = instances
        self.concurrency = concurrency
        self.queueCapacity = queueCapacity
        self.serviceTime = serviceTime
        self.timeout = timeout
    }
}

/// Which key each request of a class carries: the key caches, shards and sticky routing see.
///
/// Keys are integers in `0..<count`; classes whose key spaces have the same `count` touch the
/// same keys (reads and writes of one table).
public enum KeySpace: Hashable, Sendable {
    /// Every key equally likely.
    case uniform(count: Int)
    /// Key k (0-based) with probability proportional to 1/(k+1)^exponent: key 0 is the hottest.
    case zipf(exponent: Double, count: Int)
    /// Always this key (one hot row, one user).
    case fixed(UInt64)
}

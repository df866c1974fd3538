/// Every kind of component a scenario may declare: the typed form of the JSON `"kind"`.
///
/// This is the registry of kinds, and the only central list of them. A new kind adds its case
/// here, one line to ``descriptor``, and a file of its own (`Kinds/<Kind>.swift`) with its
/// configuration type (a ``ComponentSpec``), its ``KindDescriptor``, its summary and its Swift
/// declaration. Everything else about the format derives from the descriptor.
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
    /// A message broker's queue of jobs for a worker pool (``MessageQueue``).
    case queue
    /// Starts and drains instances of a pool (``Autoscaling``).
    case autoscaler
    /// Fails fast the calls to a dependency that keeps failing (``CircuitBreaker``).
    case circuitBreaker
    /// A component slowed down or failing for an interval (``Degradation``).
    case degradation
    /// Instances of a pool crashing, on a schedule or at random (``Crash``).
    case crash
    /// A cache server in front of a slower path (``KeyValueCache``).
    case cache
    /// An edge cache in front of an origin (``ContentDeliveryNetwork``).
    case cdn
    /// A database split by key over several primaries (``ShardedDatabase``).
    case shards
    /// Connections to a database kept open per calling instance (``DatabaseConnectionPool``).
    case connectionPool
    /// A token bucket that refuses calls over a rate, globally or per key (``RateLimiter``).
    case rateLimiter

    /// The declaration of each kind: the registry.
    var descriptor: AnyKindDescriptor {
        switch self {
        case .service: AnyKindDescriptor(ServicePool.self)
        case .database: AnyKindDescriptor(DatabasePool.self)
        case .loadBalancer: AnyKindDescriptor(LoadBalancer.self)
        case .function: AnyKindDescriptor(ServerlessFunction.self)
        case .externalAPI: AnyKindDescriptor(ExternalAPI.self)
        case .queue: AnyKindDescriptor(MessageQueue.self)
        case .autoscaler: AnyKindDescriptor(Autoscaling.self)
        case .circuitBreaker: AnyKindDescriptor(CircuitBreaker.self)
        case .degradation: AnyKindDescriptor(Degradation.self)
        case .crash: AnyKindDescriptor(Crash.self)
        case .cache: AnyKindDescriptor(KeyValueCache.self)
        case .cdn: AnyKindDescriptor(ContentDeliveryNetwork.self)
        case .shards: AnyKindDescriptor(ShardedDatabase.self)
        case .connectionPool: AnyKindDescriptor(DatabaseConnectionPool.self)
        case .rateLimiter: AnyKindDescriptor(RateLimiter.self)
        }
    }

    /// Every kind name, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// Declaration order.
    public static func < (a: ComponentKind, b: ComponentKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The kind in running text: "service", "load balancer", "external API".
    public var noun: String { descriptor.noun }
}

/// The configuration of one kind of component: a plain value, with no behaviour.
///
/// Each conforming type lives in its kind's file with its ``KindDescriptor``, from which the
/// scenario format of the kind derives. Only this module declares kinds.
public protocol ComponentSpec: Hashable, Sendable {
    /// The kind this configuration describes.
    static var kind: ComponentKind { get }
    /// How the kind is written in a scenario file, checked, priced and described.
    static var descriptor: KindDescriptor<Self> { get }
}

extension ComponentSpec {
    /// The value as an `AnyHashable`, to compare configurations of unknown kinds.
    var erased: AnyHashable { AnyHashable(self) }
}

/// A pool of identical instances, each with `concurrency` workers and its own FIFO queue
/// (JSON `"kind": "service"`).
///
/// With one instance this is the classic M/G/c station; with several, each instance queues
/// separately and a load balancer chooses among them.
public struct ServicePool: PoolSpec {
    /// `"service"`.
    public static let kind = ComponentKind.service

    /// Number of instances (servers, pods, VMs).
    public var instances: Int
    /// Workers per instance: threads, connections, or maximum in-flight requests.
    public var concurrency: Int
    /// Requests that may wait per instance when every worker is busy; nil is unbounded, 0 means
    /// no waiting room at all (a loss system). An arrival that finds the queue full is rejected.
    public var queueCapacity: Int?
    /// The time a worker spends on one request's own work (downstream calls come on top).
    public var serviceTime: DistributionSpec
    /// Longest time a request may spend at this component (queue, service and downstream calls)
    /// before its caller gives up and the request fails. Work already started still runs to the end.
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

    /// The keys of a pool; charged per instance-hour.
    public static var descriptor: KindDescriptor<ServicePool> {
        KindDescriptor(
            noun: "service",
            description: "A pool of application servers: instances × concurrency workers, each instance with its own FIFO queue.",
            prototype: ServicePool(serviceTime: .constant(.zero)), fields: poolFields, pricing: [.instanceHour],
            summary: { $0.poolSummary(noun: "service", workers: "worker") })
    }
}

/// A pool of application servers in a Swift scenario (JSON `"kind": "service"`):
/// `Service("app", instances: 2, concurrency: 8, serviceTime: …)`.
public struct Service: PoolDeclaration, Hashable, Sendable {
    /// Its configuration type.
    public typealias Pool = ServicePool
    /// The component declared.
    public let component: Component

    /// The declaration of `component`, a ``ServicePool``.
    public init(pool component: Component) { self.component = component }
}

/// A serverless function (AWS Lambda, Cloud Functions): each invocation runs in a container;
/// containers are created on demand (a cold start), kept warm while used, and reclaimed after
/// sitting idle. Invocations beyond the concurrency limit are throttled (rejected).
public struct ServerlessFunction: ComponentSpec {
    /// `"function"`.
    public static let kind = ComponentKind.function

    /// Execution time of one invocation, cold start excluded.
    public var serviceTime: DistributionSpec
    /// Most invocations running at once; one more is throttled.
    public var concurrencyLimit: Int
    /// Extra latency of an invocation that needs a new container; nil means no cold starts.
    public var coldStart: DistributionSpec?
    /// How long an idle container stays warm before it is reclaimed.
    public var idleTimeout: TimeSpan
    /// Memory size in MB: GB-second pricing is memory × billed duration.
    public var memoryMB: Int
    /// Longest time an invocation may take before its caller gives up, like a pool's timeout.
    public var timeout: TimeSpan?

    public init(
        serviceTime: DistributionSpec, concurrencyLimit: Int = 1_000, coldStart: DistributionSpec? = nil,
        idleTimeout: TimeSpan = .minutes(10), memoryMB: Int = 128, timeout: TimeSpan? = nil
    ) {
        self.serviceTime = serviceTime
        self.concurrencyLimit = concurrencyLimit
        self.coldStart = coldStart
        self.idleTimeout = idleTimeout
        self.memoryMB = memoryMB
        self.timeout = timeout
    }
}

/// A third-party API (payments, search, an AI model): answers after its latency, with as many
/// calls in flight as you send, but refuses calls beyond its rate limit (HTTP 429).
public struct ExternalAPI: ComponentSpec {
    /// `"externalAPI"`.
    public static let kind = ComponentKind.externalAPI

    /// Response time of one call.
    public var latency: DistributionSpec
    /// Calls per second the provider allows (a token bucket refilled at this rate); nil is unlimited.
    public var rateLimit: Double?
    /// Calls the bucket holds when full: how many may arrive at once. Defaults to one second's worth.
    public var burst: Int?
    /// Longest time a call may take before the caller gives up.
    public var timeout: TimeSpan?

    public init(latency: DistributionSpec, rateLimit: Double? = nil, burst: Int? = nil, timeout: TimeSpan? = nil) {
        self.latency = latency
        self.rateLimit = rateLimit
        self.burst = burst
        self.timeout = timeout
    }

    /// The bucket size in effect.
    public var effectiveBurst: Int { burst ?? max(1, Int((rateLimit ?? 1).rounded(.up))) }
}

/// What a component costs, in US dollars. Which prices apply depends on the kind:
/// pools and load balancers are paid per instance-hour, functions per request and per
/// GB-second, external APIs per call, load balancers also per GB of traffic, databases also per
/// GB-month of storage.
public struct Pricing: Hashable, Sendable {
    /// Dollars per instance per hour (pools, databases, a load balancer's hourly charge).
    public var instanceHour: Double?
    /// Dollars per million invocations (functions).
    public var perMillionRequests: Double?
    /// Dollars per GB-second of memory × billed duration (functions).
    public var gbSecond: Double?
    /// Dollars per call (external APIs).
    public var perCall: Double?
    /// Dollars per GB of responses passing through (load balancers).
    public var egressGB: Double?
    /// Dollars per GB-month of storage (databases).
    public var storageGBMonth: Double?
    /// GB stored (databases), billed at `storageGBMonth`.
    public var storageGB: Double?

    public init(
        instanceHour: Double? = nil, perMillionRequests: Double? = nil, gbSecond: Double? = nil, perCall: Double? = nil,
        egressGB: Double? = nil, storageGBMonth: Double? = nil, storageGB: Double? = nil
    ) {
        self.instanceHour = instanceHour
        self.perMillionRequests = perMillionRequests
        self.gbSecond = gbSecond
        self.perCall = perCall
        self.egressGB = egressGB
        self.storageGBMonth = storageGBMonth
        self.storageGB = storageGB
    }

    /// The JSON keys of each price, in documentation order.
    public static let keys = ["instanceHour", "perMillionRequests", "gbSecond", "perCall", "egressGB", "storageGBMonth", "storageGB"]

    /// The price keys each component kind accepts.
    public static func keys(for kind: String) -> [String] {
        switch kind {
        case "service": ["instanceHour"]
        case "database": ["instanceHour", "storageGBMonth", "storageGB"]
        case "loadBalancer": ["instanceHour", "egressGB"]
        case "function": ["perMillionRequests", "gbSecond"]
        case "externalAPI": ["perCall"]
        default: keys
        }
    }

    /// The prices that are set, as (key, value) in documentation order.
    public var entries: [(String, Double)] {
        let values = [instanceHour, perMillionRequests, gbSecond, perCall, egressGB, storageGBMonth, storageGB]
        return zip(Self.keys, values).compactMap { key, value in value.map { (key, $0) } }
    }
}

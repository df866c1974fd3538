/// A content delivery network (JSON `"kind": "cdn"`; Cloudflare, CloudFront, Fastly): an edge
/// cache in front of the origin route of the request classes whose routes read it. A hit answers
/// from the edge after its latency; a miss runs the read's miss branch (the origin) and then
/// fills the edge. Every response leaves through the edge, so egress is priced per GB there.
///
/// It has the two modes of a ``KeyValueCache`` (a fixed `hitRatio`, or keys with a `capacity`,
/// an eviction policy and a TTL) and the capacity of its provider: it never queues.
public struct ContentDeliveryNetwork: CachingSpec {
    /// `"cdn"`.
    public static let kind = ComponentKind.cdn

    /// Time the edge takes to answer a request (a hit), or to pass it on (a miss).
    public var latency: DistributionSpec
    public var hitRatio: Double?
    public var capacity: Int?
    public var eviction: CacheEviction
    public var ttl: TimeSpan?
    public var expiry: CacheExpiry
    public var coalescing: CacheCoalescing

    public init(
        latency: DistributionSpec, hitRatio: Double? = nil, capacity: Int? = nil, eviction: CacheEviction = .lru, ttl: TimeSpan? = nil,
        expiry: CacheExpiry = .fixed, coalescing: CacheCoalescing = .none
    ) {
        self.latency = latency
        self.hitRatio = hitRatio
        self.capacity = capacity
        self.eviction = eviction
        self.ttl = ttl
        self.expiry = expiry
        self.coalescing = coalescing
    }

    /// Its keys; charged per GB of responses leaving the edge and per million requests.
    public static var descriptor: KindDescriptor<ContentDeliveryNetwork> {
        KindDescriptor(
            noun: "CDN",
            description: "A content delivery network: an edge cache in front of an origin, paid per GB of egress and per request.",
            prototype: ContentDeliveryNetwork(latency: .constant(.zero)),
            fields: [.required("latency", \.latency, .distribution, "Time the edge takes to answer a hit, or to pass a miss on.")]
                + cachingFields,
            pricing: [.egressGB, .perMillionRequests],
            checks: cachingChecks,
            summary: \.summary)
    }

    /// "CDN, constant latency 15 ms, hit ratio 95 %".
    var summary: String { (["CDN", latency.summary(of: "latency")] + cachingSummary).joined(separator: ", ") }
}

/// A CDN in a Swift scenario (JSON `"kind": "cdn"`); see ``ContentDeliveryNetwork`` for every parameter.
///
/// ```swift
/// let edge = CDN("edge", latency: .constant(.milliseconds(15)), hitRatio: 0.95, pricing: Pricing(egressGB: 0.085))
/// RequestClass("static", responseKB: 200) { edge.read { origin.call() } }
/// ```
public struct CDN: CacheDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// A CDN answering hits after `latency`, in hit-ratio mode (`hitRatio`) or key mode (`capacity`).
    public init(
        _ id: String, latency: DistributionSpec, hitRatio: Double? = nil, capacity: Int? = nil, eviction: CacheEviction = .lru,
        ttl: TimeSpan? = nil, expiry: CacheExpiry = .fixed, coalescing: CacheCoalescing = .none, pricing: Pricing? = nil
    ) {
        let cdn = ContentDeliveryNetwork(
            latency: latency, hitRatio: hitRatio, capacity: capacity, eviction: eviction, ttl: ttl, expiry: expiry, coalescing: coalescing)
        component = Component(id: id, cdn, pricing: pricing)
    }
}

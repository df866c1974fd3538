/// A cache server (JSON `"kind": "cache"`; Redis, Memcached) used cache-aside: a route's `read`
/// step looks the request's key up, and on a miss runs its miss branch and fills the entry.
///
/// It works in one of two modes: with `hitRatio`, each lookup hits with that probability (the
/// quick what-if); with `capacity`, it holds that many keys and the hit ratio emerges from the
/// requests' keys, the eviction policy and the TTL — cold at the start, warming up.
public struct KeyValueCache: CachingSpec {
    /// `"cache"`.
    public static let kind = ComponentKind.cache

    /// What a `write` step does to the entry of the key it writes.
    public enum WritePolicy: String, Hashable, Sendable, CaseIterable {
        /// Delete it: the next read misses and fetches the new value (cache-aside).
        case invalidate
        /// Set it to the new value (write-through): the next read hits.
        case update
    }

    /// Time of one lookup (or write) at the cache server.
    public var latency: DistributionSpec
    /// Requests the cache serves at once; beyond them they queue. nil: as many as arrive.
    public var concurrency: Int?
    public var hitRatio: Double?
    public var capacity: Int?
    public var eviction: CacheEviction
    public var ttl: TimeSpan?
    public var expiry: CacheExpiry
    public var coalescing: CacheCoalescing
    /// What a write does to the written key's entry.
    public var onWrite: WritePolicy
    /// Longest time a lookup may take before its caller gives up.
    public var timeout: TimeSpan?

    public init(
        latency: DistributionSpec, concurrency: Int? = nil, hitRatio: Double? = nil, capacity: Int? = nil, eviction: CacheEviction = .lru,
        ttl: TimeSpan? = nil, expiry: CacheExpiry = .fixed, coalescing: CacheCoalescing = .none, onWrite: WritePolicy = .invalidate,
        timeout: TimeSpan? = nil
    ) {
        self.latency = latency
        self.concurrency = concurrency
        self.hitRatio = hitRatio
        self.capacity = capacity
        self.eviction = eviction
        self.ttl = ttl
        self.expiry = expiry
        self.coalescing = coalescing
        self.onWrite = onWrite
        self.timeout = timeout
    }

    /// Its keys: the latency, the two modes and their options, what writes do; charged per
    /// instance-hour (one cache node).
    public static var descriptor: KindDescriptor<KeyValueCache> {
        KindDescriptor(
            noun: "cache",
            description: "A cache server used cache-aside: a fixed hit ratio, or keys with a capacity, an eviction policy and a TTL.",
            prototype: KeyValueCache(latency: .constant(.zero)),
            fields: [
                .required("latency", \.latency, .distribution, "Time of one lookup or write at the cache server."),
                .optional(
                    "concurrency", \.concurrency, .integer(in: PoolLimits.concurrency), ifAbsent: "as many as arrive (it never queues)",
                    "Requests the cache serves at once; more wait."),
            ] + cachingFields + [
                .defaulted(
                    "onWrite", \.onWrite, .choice(noun: "write policy"), default: .invalidate,
                    "What a write step does to the key's entry: \"invalidate\" deletes it, \"update\" sets it (write-through); needs capacity."),
                .optional(
                    "timeout", \.timeout, .duration(positive: true), ifAbsent: "no timeout",
                    "The longest a request may take at the cache before its caller gives up; > 0."),
            ],
            pricing: [.instanceHour],
            checks: cachingChecks + [.keyMode("onWrite", \.onWrite, default: .invalidate)],
            summary: \.summary)
    }

    /// "cache, constant latency 500 µs, 10,000 keys, LRU, TTL 5 min, single flight".
    var summary: String {
        var parts = ["cache", latency.summary(of: "latency")]
        if let concurrency { parts.append("\(Wording.count(concurrency, "request")) at once") }
        parts += cachingSummary
        if capacity != nil && onWrite == .update { parts.append("writes update entries") }
        if let timeout { parts.append("timeout \(timeout.humanReadable)") }
        return parts.joined(separator: ", ")
    }
}

/// Which entry a full cache of keys drops to make room.
public enum CacheEviction: String, Hashable, Sendable, CaseIterable {
    /// The least recently used: a hit makes an entry the most recent.
    case lru
    /// The oldest written: hits do not matter.
    case fifo

    /// "LRU", "FIFO".
    var summary: String { rawValue.uppercased() }
}

/// When an entry with a TTL expires.
public enum CacheExpiry: String, Hashable, Sendable, CaseIterable {
    /// `ttl` after it was written (Redis `SET … EX`).
    case fixed
    /// `ttl` after it was last read or written: each hit sets the expiry again.
    case sliding
}

/// What concurrent misses of one key do.
public enum CacheCoalescing: String, Hashable, Sendable, CaseIterable {
    /// Each runs the miss branch (a stampede when a hot key expires).
    case none
    /// The first runs the miss branch; the others wait for its fill (single flight).
    case singleFlight
}

/// A configuration with a cache's two modes and their options: ``KeyValueCache`` and
/// ``ContentDeliveryNetwork``. The keys are declared once here (``cachingFields``).
public protocol CachingSpec: ComponentSpec {
    /// Hit-ratio mode: each lookup hits with this probability.
    var hitRatio: Double? { get set }
    /// Key mode: the number of entries held; lookups hit when the request's key is held.
    var capacity: Int? { get set }
    /// Key mode: which entry a full cache drops.
    var eviction: CacheEviction { get set }
    /// Key mode: how long an entry lives; nil: until it is evicted.
    var ttl: TimeSpan? { get set }
    /// Key mode: whether the TTL counts from the write or from the last hit.
    var expiry: CacheExpiry { get set }
    /// Key mode: whether concurrent misses of a key wait for one fill.
    var coalescing: CacheCoalescing { get set }
}

/// The largest capacity of a cache of keys: ten million entries, about 400 MB of simulator memory.
public enum CacheLimits {
    /// Entries a cache of keys holds.
    public static let capacity = 1...10_000_000
}

extension CachingSpec {
    /// The keys of the two modes, in documentation order.
    static var cachingFields: [FieldDescriptor<Self>] {
        [
            .optional(
                "hitRatio", \.hitRatio, .number(NumberBounds(lower: .inclusive(0), upper: .inclusive(1)), expected: "a probability from 0 to 1"),
                ifAbsent: "key mode (capacity)", "Hit-ratio mode: the probability that a lookup hits, from 0 to 1."),
            .optional(
                "capacity", \.capacity, .integer(in: CacheLimits.capacity), ifAbsent: "hit-ratio mode (hitRatio)",
                "Key mode: how many keys it holds; a lookup hits when the request's key is held and not expired."),
            .defaulted(
                "eviction", \.eviction, .choice(noun: "eviction policy"), default: .lru,
                "Key mode: which entry a full cache drops, \"lru\" (least recently used) or \"fifo\" (oldest written)."),
            .optional(
                "ttl", \.ttl, .duration(positive: true), ifAbsent: "entries live until evicted",
                "Key mode: how long an entry lives; > 0."),
            .defaulted(
                "expiry", \.expiry, .choice(noun: "expiry"), default: .fixed,
                "Key mode: when the TTL counts from, \"fixed\" (the write) or \"sliding\" (the last hit); needs ttl."),
            .defaulted(
                "coalescing", \.coalescing, .choice(noun: "coalescing"), default: .none,
                "Key mode: \"none\" (each miss runs the miss branch) or \"singleFlight\" (concurrent misses of a key wait for the first one's fill)."),
        ]
    }

    /// Exactly one mode; the key-mode options only with `capacity`; `expiry` only with a TTL.
    static var cachingChecks: [CrossCheck<Self>] {
        [
            CrossCheck { validation, spec, path in
                switch (spec.hitRatio, spec.capacity) {
                case (nil, nil):
                    validation.report(
                        path, "missing required key \"hitRatio\" or \"capacity\" (hitRatio: a fixed hit probability; capacity: a cache of keys)")
                case (_?, _?):
                    validation.report(
                        path.key("capacity"),
                        "found both \"hitRatio\" and \"capacity\"; expected one of them (hitRatio: a fixed hit probability; capacity: a cache of keys)")
                default:
                    break
                }
            },
            .keyMode("eviction", \.eviction, default: .lru),
            .needs("ttl", \.ttl, "capacity", \.capacity),
            .keyMode("coalescing", \.coalescing, default: .none),
            CrossCheck { validation, spec, path in
                if spec.expiry != .fixed && spec.ttl == nil {
                    validation.report(path.key("expiry"), "an expiry needs a ttl; expected \"ttl\" beside it")
                }
            },
        ]
    }

    /// The mode and its options in words: "hit ratio 90 %", "10,000 keys, LRU, TTL 5 min (sliding), single flight".
    var cachingSummary: [String] {
        if let hitRatio { return ["hit ratio \(TimeSpan.trim((hitRatio * 1_000).rounded() / 10)) %"] }
        guard let capacity else { return [] }
        var parts = [capacity == 1 ? "1 key" : "\(Wording.grouped(capacity)) keys", eviction.summary]
        if let ttl { parts.append("TTL \(ttl.humanReadable)" + (expiry == .sliding ? " (sliding)" : "")) }
        if coalescing == .singleFlight { parts.append("single flight") }
        return parts
    }
}

extension CrossCheck where Spec: CachingSpec {
    /// A key-mode option set to something other than its default needs `capacity`.
    static func keyMode<Value: Equatable & RawRepresentable>(_ key: String, _ value: KeyPath<Spec, Value>, default: Value) -> CrossCheck
    where Value.RawValue == String {
        CrossCheck { validation, spec, path in
            if spec.capacity == nil && spec[keyPath: value] != `default` {
                validation.report(
                    path.key(key),
                    "found \(JSONWriter.quoted(spec[keyPath: value].rawValue)); \(key) applies to a cache of keys: expected \"capacity\" beside it")
            }
        }
    }
}

/// A cache in a Swift scenario (JSON `"kind": "cache"`); see ``KeyValueCache`` for every parameter.
///
/// ```swift
/// let redis = Cache("redis", latency: .constant(.microseconds(500)), capacity: 10_000, ttl: .minutes(5))
/// RequestClass("read", keys: .zipf(exponent: 0.9, count: 100_000)) {
///     app.call { redis.read { db.read() } }
/// }
/// ```
public struct Cache: CacheDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// A cache answering after `latency`, in hit-ratio mode (`hitRatio`) or key mode (`capacity`).
    public init(
        _ id: String, latency: DistributionSpec, concurrency: Int? = nil, hitRatio: Double? = nil, capacity: Int? = nil,
        eviction: CacheEviction = .lru, ttl: TimeSpan? = nil, expiry: CacheExpiry = .fixed, coalescing: CacheCoalescing = .none,
        onWrite: KeyValueCache.WritePolicy = .invalidate, timeout: TimeSpan? = nil, pricing: Pricing? = nil
    ) {
        let cache = KeyValueCache(
            latency: latency, concurrency: concurrency, hitRatio: hitRatio, capacity: capacity, eviction: eviction, ttl: ttl,
            expiry: expiry, coalescing: coalescing, onWrite: onWrite, timeout: timeout)
        component = Component(id: id, cache, pricing: pricing)
    }

    /// A write to this cache, as a route step (JSON `{"write": id}`): it invalidates or updates
    /// the request's key, as the cache's `onWrite` says.
    public func write(serviceTime: DistributionSpec? = nil) -> RouteStep {
        RouteStep(step: .write(Write(component.id, serviceTime: serviceTime)), references: [component])
    }
}

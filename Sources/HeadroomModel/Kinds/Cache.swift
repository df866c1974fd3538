import HeadroomEngine
import HeadroomScenario

/// A cache (or a CDN's edge, Kinds/CDN.swift): one pool for its server (the lookup's latency,
/// shared station mechanics), and what it holds.
///
/// A `read` step compiles to a call to the pool, then three kind steps around the miss branch
/// (Steps/Read.swift): `cacheLookup` decides hit or miss when the cache has answered (a hit
/// jumps past the miss branch); `cacheAwait` is where a coalesced miss waits for another
/// request's fill (single flight); `cacheFill` writes the entry after the miss branch. In
/// hit-ratio mode the lookup draws against the ratio; in key mode it looks the request's key up
/// in ``CacheEntries`` (LRU or FIFO, TTL fixed or sliding).
struct CacheState: Sendable {
    let component: Int32
    /// The JSON sub-object of its figures: "cache" or "cdn".
    let name: String
    /// Hit-ratio mode's probability, or -1 in key mode.
    let hitRatio: Double
    /// Random stream of the hit-ratio draws.
    let stream: Int32
    /// Seconds an entry lives (0: until evicted), and whether hits renew it.
    let ttl: Double
    let sliding: Bool
    let coalesce: Bool
    /// A write updates the entry (write-through) instead of invalidating it.
    let updateOnWrite: Bool
    /// Count response kilobytes as egress (a CDN).
    let egress: Bool
    var entries: CacheEntries
    var fills = FillTable()
    var counts = CacheCounts()
    var atWarmup = CacheCounts()
    var atBucket = CacheCounts()
    /// Requests whose fill's leader failed, to resume by a `cacheResume` event.
    var resume: (head: Int32, tail: Int32) = (-1, -1)
    var resumeScheduled = false

    /// Whether it holds keys (key mode).
    var keyed: Bool { hitRatio < 0 }

    /// The window starts; the bucket under way keeps its own start (the time series covers the warm-up).
    mutating func startMeasuring() { atWarmup = counts }

    /// The window's figures.
    func figures() -> KindFigures { KindFigures(name: name, figures: (counts - atWarmup).figures(name: name, held: keyed ? entries.count : nil)) }

    /// The bucket's hit ratio (none when nothing was looked up), and the bucket moves on.
    mutating func bucketFigures() -> [KindFigures.Figure] {
        let d = counts - atBucket
        atBucket = counts
        guard d.lookups > 0 else { return [] }
        return [.init("hitRatio", .ratio(Double(d.hits) / Double(d.lookups)))]
    }
}

/// A cache's cumulative counts since the start of the run.
struct CacheCounts: Sendable {
    var lookups = 0
    var hits = 0
    var misses = 0
    var evictions = 0
    var expirations = 0
    /// Misses answered by another request's fill (single flight).
    var coalesced = 0
    var invalidations = 0
    var updates = 0

    static func - (a: CacheCounts, b: CacheCounts) -> CacheCounts {
        CacheCounts(
            lookups: a.lookups - b.lookups, hits: a.hits - b.hits, misses: a.misses - b.misses, evictions: a.evictions - b.evictions,
            expirations: a.expirations - b.expirations, coalesced: a.coalesced - b.coalesced,
            invalidations: a.invalidations - b.invalidations, updates: a.updates - b.updates)
    }

    /// The report's figures: a cache's, or a CDN's (which calls its miss path the origin).
    func figures(name: String, held: Int?) -> [KindFigures.Figure] {
        let ratio = lookups > 0 ? Double(hits) / Double(lookups) : 0
        let spared = lookups > 0 ? Double(hits + coalesced) / Double(lookups) : 0
        let cdn = name == "cdn"
        var list: [KindFigures.Figure] = [
            .init("lookups", .count(lookups)), .init("hits", .count(hits)), .init("misses", .count(misses)),
            .init("hitRatio", .ratio(ratio)), .init("evictions", .count(evictions)), .init("expirations", .count(expirations)),
            .init("coalescedMisses", .count(coalesced)),
            .init(cdn ? "originRequests" : "missPathRuns", .count(misses - coalesced)),
            .init(cdn ? "originOffload" : "offload", .ratio(spared)),
        ]
        if !cdn { list += [.init("invalidations", .count(invalidations)), .init("updates", .count(updates))] }
        if let held { list.append(.init("entries", .count(held))) }
        return list
    }
}

extension ModelCompiler {
    /// Declares a cache or CDN: its server's pool and its state, and returns the pool.
    /// `concurrency` nil means it never queues (its workers are not a capacity to report
    /// utilization against).
    @discardableResult
    mutating func declareCache(
        _ spec: some CachingSpec, component c: Int, id: String, name: String, behaviour: Behaviour, latency: DistributionSpec,
        concurrency: Int?, timeout: TimeSpan?, updateOnWrite: Bool
    ) -> Int {
        let k = kinds.caches.count
        let p = addPool(
            component: c, id: id, behaviour: behaviour, kindIndex: k, instances: 1, concurrency: concurrency ?? Int(Int32.max),
            queueCapacity: concurrency == nil ? 0 : nil, serviceTime: latency, timeout: timeout)
        if concurrency == nil {
            pools[p].countsWorkers = false
            componentConcurrency[c] = 0
        }
        kinds.caches.append(CacheState(
            component: Int32(c), name: name, hitRatio: spec.hitRatio ?? -1, stream: addStream("cache:\(id)"),
            ttl: spec.ttl?.seconds ?? 0, sliding: spec.expiry == .sliding, coalesce: spec.coalescing == .singleFlight,
            updateOnWrite: updateOnWrite, egress: behaviour == .cdn,
            entries: CacheEntries(capacity: spec.capacity ?? 0, touchOnHit: spec.eviction == .lru)))
        return p
    }
}

extension KeyValueCache: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        model.declareCache(
            self, component: c, id: id, name: "cache", behaviour: .cache, latency: latency, concurrency: concurrency, timeout: timeout,
            updateOnWrite: onWrite == .update)
    }
}

extension Simulation {
    /// The cache has answered the lookup: a hit jumps to `hit`; a miss goes on into the miss
    /// branch (two steps on, past `cacheAwait`), unless another request's fill of the key is
    /// under way and misses coalesce — then it waits at `cacheAwait` (the next step).
    mutating func cacheLookup(_ k: Int, slot: Int, hit: Int32, pc: Int) -> Bool {
        kinds.caches[k].counts.lookups &+= 1
        if !kinds.caches[k].keyed {
            let hitting = generators[Int(kinds.caches[k].stream)].uniform() < kinds.caches[k].hitRatio
            if hitting { kinds.caches[k].counts.hits &+= 1 } else { kinds.caches[k].counts.misses &+= 1 }
            requests[slot].pc = hitting ? hit : Int32(pc &+ 2)
            return true
        }
        let key = requests[slot].key
        if cacheHolds(k, key: key, renew: true) {
            kinds.caches[k].counts.hits &+= 1
            requests[slot].pc = hit
            return true
        }
        kinds.caches[k].counts.misses &+= 1
        kinds.caches[k].entries.prefetchVictim()
        requests[slot].pc = Int32(pc &+ 1)
        return kinds.caches[k].coalesce ? cacheJoinOrLead(k, slot: slot, key: key) : cacheMissBranch(slot)
    }

    /// A coalesced miss resumed (its fill is done, or its leader failed): a held key is its
    /// answer; a fill still under way is waited for again; otherwise it leads a fill itself.
    mutating func cacheAwait(_ k: Int, slot: Int, hit: Int32, pc: Int) -> Bool {
        let key = requests[slot].key
        if cacheHolds(k, key: key, renew: false) {
            kinds.caches[k].counts.coalesced &+= 1
            requests[slot].pc = hit
            return true
        }
        return cacheJoinOrLead(k, slot: slot, key: key)
    }

    /// The miss branch is done: the entry is written, and the requests waiting for this fill go on.
    mutating func cacheFill(_ k: Int, slot: Int, pc: Int) -> Bool {
        requests[slot].pc = Int32(pc &+ 1)
        guard kinds.caches[k].keyed else { return true }
        let key = requests[slot].key
        cacheWriteEntry(k, key: key)
        let f = kinds.caches[k].fills.find(key)
        if f >= 0, kinds.caches[k].fills.leaders[Int(f)] == Int32(slot),
            kinds.caches[k].fills.generations[Int(f)] == requests[slot].generation
        {
            var waiting = kinds.caches[k].fills.finish(f)
            kinds.fillsInFlight &-= 1
            while waiting.head >= 0 {
                let ticket = kinds.caches[k].fills.pop(&waiting)
                resume(ticket)
            }
        }
        return true
    }

    /// A write step reached the cache: its key's entry is invalidated or updated.
    mutating func cacheWrite(_ k: Int, slot: Int, pc: Int) -> Bool {
        requests[slot].pc = Int32(pc &+ 1)
        guard kinds.caches[k].keyed else { return true }
        let key = requests[slot].key
        if kinds.caches[k].updateOnWrite {
            kinds.caches[k].counts.updates &+= 1
            cacheWriteEntry(k, key: key)
        } else {
            let e = kinds.caches[k].entries.find(key)
            if e >= 0 {
                kinds.caches[k].counts.invalidations &+= 1
                kinds.caches[k].entries.remove(e)
            }
        }
        return true
    }

    /// Whether the cache holds `key` unexpired; a hit makes it the most recent (LRU) and, with
    /// `renew` and a sliding TTL, lives `ttl` longer. An expired entry found is dropped.
    @inline(__always)
    mutating func cacheHolds(_ k: Int, key: UInt64, renew: Bool) -> Bool {
        let e = kinds.caches[k].entries.find(key)
        guard e >= 0 else { return false }
        let now = calendar.now.seconds
        if kinds.caches[k].entries.expiry(e) <= now {
            kinds.caches[k].counts.expirations &+= 1
            kinds.caches[k].entries.remove(e)
            return false
        }
        if renew {
            kinds.caches[k].entries.hit(e)
            if kinds.caches[k].sliding { kinds.caches[k].entries.setExpiry(e, now + kinds.caches[k].ttl) }
        }
        return true
    }

    /// Writes `key`'s entry now, counting what a full cache drops (an expired victim is an
    /// expiration, a live one an eviction).
    mutating func cacheWriteEntry(_ k: Int, key: UInt64) {
        let now = calendar.now.seconds
        let ttl = kinds.caches[k].ttl
        guard let dropped = kinds.caches[k].entries.write(key, expiry: ttl > 0 ? now + ttl : .infinity) else { return }
        if dropped <= now { kinds.caches[k].counts.expirations &+= 1 } else { kinds.caches[k].counts.evictions &+= 1 }
    }

    /// A miss with single flight: wait for the fill of `key` another live request leads, or lead it.
    mutating func cacheJoinOrLead(_ k: Int, slot: Int, key: UInt64) -> Bool {
        let f = kinds.caches[k].fills.find(key)
        if f >= 0 {
            let leader = Int(kinds.caches[k].fills.leaders[Int(f)])
            if leader != slot || requests[slot].generation != kinds.caches[k].fills.generations[Int(f)] {
                kinds.caches[k].fills.wait(f, park(slot: slot))
                return false
            }
            // A read of the same key inside its own miss branch (validation forbids it in routes).
            return cacheMissBranch(slot)
        }
        kinds.caches[k].fills.start(key, leader: slot, generation: requests[slot].generation)
        kinds.fillsInFlight &+= 1
        return cacheMissBranch(slot)
    }

    /// Goes into the miss branch, the step after `cacheAwait` (where the request's pc is).
    @inline(__always)
    mutating func cacheMissBranch(_ slot: Int) -> Bool {
        requests[slot].pc &+= 1
        return true
    }

    /// Request `slot` failed, timed out or crashed: the fills it led are given up, and their
    /// waiters resume (by an event, once the error has been dealt with) to lead them again.
    mutating func cacheLeaderInterrupted(slot: Int) {
        let generation = requests[slot].generation
        for k in kinds.caches.indices where kinds.caches[k].fills.count > 0 {
            var f = Int32(kinds.caches[k].fills.count - 1)
            while f >= 0 {
                if kinds.caches[k].fills.leaders[Int(f)] == Int32(slot), kinds.caches[k].fills.generations[Int(f)] == generation {
                    let waiting = kinds.caches[k].fills.finish(f)
                    kinds.fillsInFlight &-= 1
                    kinds.caches[k].resume = kinds.caches[k].fills.append(kinds.caches[k].resume, waiting)
                    if kinds.caches[k].resume.head >= 0 && !kinds.caches[k].resumeScheduled {
                        kinds.caches[k].resumeScheduled = true
                        calendar.schedule(
                            after: .zero, kind: EventKind.kind.rawValue, target: KindEvent(tag: .cacheResume, index: k).target)
                    }
                }
                f -= 1
            }
        }
    }

    /// Resumes the requests of fills whose leader failed: each looks again (and one leads).
    mutating func cacheResumeFollowers(_ k: Int) {
        kinds.caches[k].resumeScheduled = false
        var waiting = kinds.caches[k].resume
        kinds.caches[k].resume = (-1, -1)
        while waiting.head >= 0 {
            let ticket = kinds.caches[k].fills.pop(&waiting)
            resume(ticket)
        }
    }
}

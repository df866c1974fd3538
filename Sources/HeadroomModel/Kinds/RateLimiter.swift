import HeadroomEngine
import HeadroomScenario

/// A rate limiter is an infinite-server pool (its decision never queues) whose admission takes a
/// token from a bucket — one for all calls, or one per request key — and refuses the call
/// (`rateLimited`) when the bucket is empty. Buckets refill continuously at `rate` per second up
/// to `burst`; a bucket is brought up to date only when a call touches it.
///
/// Per-key buckets live in a dense table found through a ``KeyIndex``; a key never seen has a
/// full bucket, so the table holds one entry per distinct key that has made a call (about 40
/// bytes each).
struct RateLimiterState: Sendable {
    let component: Int32
    let rate: Double
    let burst: Double
    let perKey: Bool
    /// The global bucket (or unused).
    var bucket: BucketLevel
    /// Per-key buckets, found by key through `index`.
    var index = KeyIndex(capacity: 0)
    var keyBuckets: [BucketLevel] = []
    var counts = RateLimiterCounts()
    var atWarmup = RateLimiterCounts()
    var atBucket = RateLimiterCounts()
}

/// A rate limiter's cumulative counts since the start of the run.
struct RateLimiterCounts: Sendable {
    var admitted = 0
    var limited = 0

    static func - (a: RateLimiterCounts, b: RateLimiterCounts) -> RateLimiterCounts {
        RateLimiterCounts(admitted: a.admitted - b.admitted, limited: a.limited - b.limited)
    }
}

/// A token bucket's level: the tokens it held when a call last touched it, and when. Between
/// calls it refills at the owner's rate up to the owner's size; the level is brought up to date
/// only when touched, so an idle bucket costs nothing.
struct BucketLevel: Sendable {
    var tokens: Double
    var updated = 0.0

    /// Refills the bucket up to `now` and takes a token if there is one; false when it is empty.
    @inline(__always)
    mutating func take(now: Double, rate: Double, size: Double) -> Bool {
        tokens = min(size, tokens + (now - updated) * rate)
        updated = now
        // A tolerance for the rounding of (now − last) × rate: a token due exactly now counts.
        guard tokens >= 1 - 1e-9 else { return false }
        tokens = max(0, tokens - 1)
        return true
    }
}

extension RateLimiter: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        let size = Double(effectiveBurst)
        model.kinds.rateLimiters.append(RateLimiterState(
            component: Int32(c), rate: rate, burst: size, perKey: scope == .key, bucket: BucketLevel(tokens: size),
            index: KeyIndex(capacity: scope == .key ? 1_024 : 0)))
        let p = model.addPool(
            component: c, id: id, behaviour: .rateLimiter, kindIndex: model.kinds.rateLimiters.count - 1, instances: 1,
            concurrency: Int(Int32.max), queueCapacity: 0, serviceTime: latency ?? .constant(.zero), timeout: nil)
        model.pools[p].billedPerInstance = false
        model.pools[p].countsWorkers = false
        model.componentConcurrency[c] = 0
    }
}

extension Simulation {
    /// Takes a token from the call's bucket, or refuses the call when it is empty.
    @inline(__always)
    mutating func rateLimiterAdmits(_ k: Int, slot: Int) -> ErrorCause? {
        let now = calendar.now.seconds
        let admitted: Bool
        if kinds.rateLimiters[k].perKey {
            admitted = takeKeyToken(k, key: requests[slot].key, now: now)
        } else {
            let (rate, size) = (kinds.rateLimiters[k].rate, kinds.rateLimiters[k].burst)
            admitted = kinds.rateLimiters[k].bucket.take(now: now, rate: rate, size: size)
        }
        if admitted {
            kinds.rateLimiters[k].counts.admitted &+= 1
            return nil
        }
        kinds.rateLimiters[k].counts.limited &+= 1
        return .rateLimited
    }

    /// Takes a token from `key`'s bucket (a full one if the key is new); false when it is empty.
    mutating func takeKeyToken(_ k: Int, key: UInt64, now: Double) -> Bool {
        let (rate, size) = (kinds.rateLimiters[k].rate, kinds.rateLimiters[k].burst)
        let e = Int(kinds.rateLimiters[k].index.find(key))
        guard e >= 0 else {
            kinds.rateLimiters[k].index.insert(key, Int32(kinds.rateLimiters[k].keyBuckets.count))
            kinds.rateLimiters[k].keyBuckets.append(BucketLevel(tokens: size - 1, updated: now))
            return true
        }
        return kinds.rateLimiters[k].keyBuckets[e].take(now: now, rate: rate, size: size)
    }

    /// The warm-up ended: the limiter's window starts.
    mutating func rateLimitersStartMeasuring() {
        for k in kinds.rateLimiters.indices { kinds.rateLimiters[k].atWarmup = kinds.rateLimiters[k].counts }
    }

    /// Calls admitted and limited in the window, the admitted rate, and (per key) the keys seen.
    func rateLimiterFigures(_ k: Int) -> KindFigures {
        let limiter = kinds.rateLimiters[k]
        let d = limiter.counts - limiter.atWarmup
        let (admitted, limited) = (d.admitted, d.limited)
        let window = calendar.now.seconds - warmupEnd.seconds
        var figures: [KindFigures.Figure] = [
            .init("admitted", .count(admitted)),
            .init("limited", .count(limited)),
            .init("limitedShare", .ratio(admitted + limited > 0 ? Double(limited) / Double(admitted + limited) : .nan)),
            .init("admittedRps", .number(window > 0 ? Double(admitted) / window : .nan, places: 4)),
        ]
        if limiter.perKey { figures.append(.init("keysSeen", .count(limiter.index.count))) }
        return KindFigures(name: "rateLimiter", figures: figures)
    }

    /// Calls admitted and limited in the bucket that is ending.
    mutating func rateLimiterBucketFigures(_ k: Int) -> [KindFigures.Figure] {
        let d = kinds.rateLimiters[k].counts - kinds.rateLimiters[k].atBucket
        kinds.rateLimiters[k].atBucket = kinds.rateLimiters[k].counts
        return [.init("admitted", .count(d.admitted)), .init("limited", .count(d.limited))]
    }

    /// A global limiter saturates at its rate: the admitted rate over it. Per-key buckets have
    /// no single capacity.
    func rateLimiterSaturation(_ k: Int, window: Double, accepted: Int) -> Double? {
        guard !kinds.rateLimiters[k].perKey, window > 0 else { return nil }
        return Double(accepted) / window / kinds.rateLimiters[k].rate
    }
}

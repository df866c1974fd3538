import HeadroomEngine
import HeadroomScenario

/// A third-party API: its capacity is the provider's, not ours, so every call is served at once
/// (an infinite-server station); only its rate limit — a token bucket of `burst` tokens refilled
/// at `rateLimit` per second — refuses calls (HTTP 429, cause `rateLimited`).
struct ExternalAPIState: Sendable {
    /// Calls per second allowed; 0 is unlimited.
    let rateLimit: Double
    let bucketSize: Double
    var bucket: BucketLevel
}

extension ExternalAPI: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        let size = Double(effectiveBurst)
        model.kinds.externalAPIs.append(ExternalAPIState(rateLimit: rateLimit ?? 0, bucketSize: size, bucket: BucketLevel(tokens: size)))
        let p = model.addPool(
            component: c, id: id, behaviour: .externalAPI, kindIndex: model.kinds.externalAPIs.count - 1, instances: 1,
            concurrency: Int(Int32.max), queueCapacity: 0, serviceTime: latency, timeout: timeout)
        model.pools[p].billedPerInstance = false
        model.pools[p].countsWorkers = false
        model.componentConcurrency[c] = 0
    }
}

extension Simulation {
    /// Takes a token, or refuses the call when the bucket is empty.
    mutating func externalAPIAdmits(_ k: Int) -> ErrorCause? {
        let rate = kinds.externalAPIs[k].rateLimit
        guard rate > 0 else { return nil }
        let size = kinds.externalAPIs[k].bucketSize
        return kinds.externalAPIs[k].bucket.take(now: calendar.now.seconds, rate: rate, size: size) ? nil : .rateLimited
    }
}

extension Simulation {
    /// A rate-limited API saturates at its limit: the accepted call rate over it.
    func externalAPISaturation(_ k: Int, window: Double, accepted: Int) -> Double? {
        let rate = kinds.externalAPIs[k].rateLimit
        guard rate > 0, window > 0 else { return nil }
        return Double(accepted) / window / rate
    }
}

import HeadroomEngine
import HeadroomScenario

/// A CDN is a cache (Kinds/Cache.swift) at the edge: its provider's capacity, so it never
/// queues, and it is not billed per instance; every response leaving it counts as egress.
extension ContentDeliveryNetwork: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        let p = model.declareCache(
            self, component: c, id: id, name: "cdn", behaviour: .cdn, latency: latency, concurrency: nil, timeout: nil,
            updateOnWrite: false)
        model.pools[p].billedPerInstance = false
    }
}

extension Simulation {
    /// A request passed the edge (a lookup or a call): its response leaves from there.
    @inline(__always)
    mutating func cdnServed(_ k: Int, slot: Int) -> ErrorCause? {
        counters[Int(kinds.caches[k].component)].kilobytes += responseKB(slot: slot)
        return nil
    }
}

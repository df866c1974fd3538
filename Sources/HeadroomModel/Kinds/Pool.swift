import HeadroomScenario

/// Services (and databases without replicas, Kinds/Database.swift) are plain pools: the shared
/// station mechanics with no hooks.
extension CompilableSpec where Self: PoolSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        let p = model.addPool(
            component: c, id: id, behaviour: .pool, instances: instances, concurrency: concurrency,
            queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout)
        model.pools[p].shedAfter = shedAfter?.seconds ?? 0
        if let zones, !zones.isEmpty {
            model.poolZones[p] = zones
            // Instance k of the table runs in zone k mod n, for the instances it starts with and
            // any it may gain later.
            let first = Int(model.pools[p].firstInstance)
            for k in 0..<Int(model.pools[p].capacity) { model.instances[first + k].zone = Int32(k % zones.count) }
        }
    }
}

extension ServicePool: CompilableSpec {}

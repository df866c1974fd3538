import HeadroomScenario

/// Services (and databases without replicas, Kinds/Database.swift) are plain pools: the shared
/// station mechanics with no hooks.
extension CompilableSpec where Self: PoolSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        model.addPool(
            component: c, id: id, behaviour: .pool, instances: instances, concurrency: concurrency,
            queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout)
    }
}

extension ServicePool: CompilableSpec {}

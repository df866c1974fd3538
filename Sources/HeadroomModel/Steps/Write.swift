import HeadroomScenario

/// A write compiles to a call to the primaries of a database or shards (then `storeWrite`,
/// which logs the key's write time when replicas lag), to a cache's server (then `cacheWrite`,
/// which invalidates or updates the entry), or to a connection pool around the same write of
/// its database.
extension Write: CompilableStep {
    func compile(depth: Int, stream: Int32, into model: inout ModelCompiler) {
        guard let c = model.componentIndex[component] else { return }
        model.compileWrite(component: c, self, depth: depth)
    }
}

extension ModelCompiler {
    mutating func compileWrite(component c: Int, _ write: Write, depth: Int) {
        guard case .pool(let target)? = callTargets[c] else { return }
        let p = Int(target)
        let k = Int(pools[p].kindIndex)
        let sampler = write.serviceTime.map { addSampler($0) } ?? -1
        switch pools[p].behaviour {
        case .cache:
            appendQuery(pool: p, distribution: sampler)
            program.append(Instruction(operation: .kindStep, target: Int32(bitPattern: KindEvent(tag: .cacheWrite, index: k).target)))
        case .database, .shards:
            appendQuery(pool: Int(kinds.dataStores[k].primaryPool), distribution: sampler)
            logWrites(store: k)
            if kinds.dataStores[k].writeLog.size > 0 {
                program.append(Instruction(operation: .kindStep, target: Int32(bitPattern: KindEvent(tag: .storeWrite, index: k).target)))
            }
        case .connectionPool:
            let database = Int(kinds.connectionPools[k].database)
            appendPooled(pool: p, depth: depth) { model in model.compileWrite(component: database, write, depth: depth + 1) }
        case .pool, .function, .externalAPI, .cdn, .queueWorkers, .rateLimiter:
            appendQuery(pool: p, distribution: sampler)
        }
    }
}

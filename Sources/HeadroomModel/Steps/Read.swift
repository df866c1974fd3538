import HeadroomScenario

/// A read compiles by what it reads (the kinds' pools and states, Kinds/):
/// - a cache or CDN: the call to its server, then `cacheLookup` (a hit jumps past the rest),
///   `cacheAwait` (a coalesced miss waits here), the miss branch, and `cacheFill`;
/// - a database or shards: a call to the replicas (eventual, when there are any) or to the
///   primaries, whose dispatch picks the key's shard and a replica;
/// - a connection pool: a call to the pool (the caller's connection) around the same read of
///   its database.
extension Read: CompilableStep {
    func compile(depth: Int, stream: Int32, into model: inout ModelCompiler) {
        guard let c = model.componentIndex[component] else { return }
        model.compileRead(component: c, self, depth: depth, stream: stream)
    }
}

extension ModelCompiler {
    mutating func compileRead(component c: Int, _ read: Read, depth: Int, stream: Int32) {
        guard case .pool(let target)? = callTargets[c] else { return }
        let p = Int(target)
        let k = Int(pools[p].kindIndex)
        let sampler = read.serviceTime.map { addSampler($0) } ?? -1
        switch pools[p].behaviour {
        case .cache, .cdn:
            appendQuery(pool: p, distribution: sampler)
            let lookup = program.count
            program.append(Instruction(operation: .kindStep, target: Int32(bitPattern: KindEvent(tag: .cacheLookup, index: k).target)))
            program.append(Instruction(operation: .kindStep, target: Int32(bitPattern: KindEvent(tag: .cacheAwait, index: k).target)))
            compile(read.miss, depth: depth, stream: stream)
            program.append(Instruction(operation: .kindStep, target: Int32(bitPattern: KindEvent(tag: .cacheFill, index: k).target)))
            program[lookup].end = Int32(program.count)
            program[lookup + 1].end = Int32(program.count)
        case .database, .shards:
            let store = kinds.dataStores[k]
            let replicas = read.consistency == .eventual && store.replicaPool >= 0
            if replicas { countReads(store: k) }
            appendQuery(pool: Int(replicas ? store.replicaPool : store.primaryPool), distribution: sampler)
        case .connectionPool:
            let database = Int(kinds.connectionPools[k].database)
            appendPooled(pool: p, depth: depth) { model in model.compileRead(component: database, read, depth: depth + 1, stream: stream) }
        case .pool, .function, .externalAPI, .queueWorkers, .rateLimiter:
            appendQuery(pool: p, distribution: sampler)
        }
    }

    /// A call to pool `p` with nothing in its body: the call and its return.
    mutating func appendQuery(pool p: Int, distribution: Int32) {
        var call = Instruction(operation: .callPool, target: Int32(p))
        call.distribution = distribution
        call.end = Int32(program.count + 1)
        program.append(call)
        program.append(Instruction(operation: .return))
    }

    /// A call to connection pool `p` around `body` (one level deeper).
    mutating func appendPooled(pool p: Int, depth: Int, body: (inout ModelCompiler) -> Void) {
        maxDepth = max(maxDepth, depth + 2)
        let at = program.count
        program.append(Instruction(operation: .callPool, target: Int32(p)))
        body(&self)
        program[at].end = Int32(program.count)
        program.append(Instruction(operation: .return))
    }
}

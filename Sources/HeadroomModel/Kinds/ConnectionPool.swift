import HeadroomEngine
import HeadroomScenario

/// Connection pools to a database, one per calling instance: one pool whose instances stand for
/// the instances that call through it — instance j for the model's instance j, and a last one
/// for calls made from no instance (straight from a route). A connection is a worker; a query
/// waits in its caller's instance's queue for one, at most `waitTimeout` (a wait-only timeout),
/// and holds it while its body (the query to the database) runs. An instance's pool opens (its
/// instance comes up) at its first query, so utilization counts only the pools in use.
struct ConnectionPoolState: Sendable {
    let component: Int32
    /// The component of the database (or shards) its connections go to.
    let database: Int32
    let pool: Int32
    /// Instances of the model that may call through it: the pool's instance `callers` is for calls from none.
    let callers: Int32
}

extension DatabaseConnectionPool: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {}

    /// Declared after every component's pools exist (in `link`), so it has an instance for each.
    func link(component c: Int, id: String, into model: inout ModelCompiler) {
        guard let database = model.componentIndex[database] else { return }
        let callers = model.instances.count
        let p = model.addPool(
            component: c, id: id, behaviour: .connectionPool, kindIndex: model.kinds.connectionPools.count, instances: 0,
            capacity: callers + 1, concurrency: size, queueCapacity: nil, serviceTime: .constant(.zero), timeout: waitTimeout)
        model.pools[p].waitTimeoutOnly = true
        model.pools[p].billedPerInstance = false
        model.componentInstances[c] = 1
        model.kinds.connectionPools.append(
            ConnectionPoolState(component: Int32(c), database: Int32(database), pool: Int32(p), callers: Int32(callers)))
    }
}

extension Simulation {
    /// The calling instance's pool (opened at its first query).
    mutating func connectionPoolDispatch(_ k: Int, slot: Int) -> Int32 {
        let state = kinds.connectionPools[k]
        let caller = callingInstance(slot)
        let j = caller >= 0 && caller < Int(state.callers) ? caller : Int(state.callers)
        let i = Int(pools[Int(state.pool)].firstInstance) + j
        if instances[i].state == .down { setState(instance: i, to: .up) }
        return Int32(i)
    }

    /// The instance the newest call of request `slot` comes from: the frame below it, or, for a
    /// branch of a fork that has none, its parent's innermost frame; -1 when it comes from none.
    func callingInstance(_ slot: Int) -> Int {
        var s = slot
        var depth = Int(requests[s].depth) - 1
        while true {
            let low = max(Int(requests[s].detachedDepth), 0)
            if depth - 1 >= low { return Int(frames[requestBase(s) + depth - 1].instance) }
            let parent = Int(requests[s].parent)
            guard requests[s].origin == .forkChild, parent >= 0, requests[parent].generation == requests[s].parentGeneration else {
                return -1
            }
            s = parent
            depth = Int(requests[s].depth)
        }
    }

    /// Whether the request of frame `f` (or, for a fork branch, its parent) holds a connection
    /// of a pool to database component `database` in a frame below `f`.
    func holdsPooledConnection(frame f: Int, to database: Int) -> Bool {
        var s = f / maxDepth
        var top = f % maxDepth
        while true {
            let base = requestBase(s)
            var d = top - 1
            while d >= max(Int(requests[s].detachedDepth), 0) {
                let p = Int(frames[base + d].pool)
                if p >= 0, pools[p].behaviour == .connectionPool, frames[base + d].state == .holding,
                    Int(kinds.connectionPools[Int(pools[p].kindIndex)].database) == database
                {
                    return true
                }
                d -= 1
            }
            let parent = Int(requests[s].parent)
            guard requests[s].origin == .forkChild, parent >= 0, requests[parent].generation == requests[s].parentGeneration else {
                return false
            }
            s = parent
            top = Int(requests[s].depth)
        }
    }

    /// "pool": the mean and total wait for a connection, the waits that timed out, and the pools open.
    func connectionPoolFigures(component c: Int) -> KindFigures {
        let d = counters[c] - warmupCounters[c]
        var open = 0
        for k in kinds.connectionPools.indices where Int(kinds.connectionPools[k].component) == c {
            open += Int(pools[Int(kinds.connectionPools[k].pool)].liveCount)
        }
        return KindFigures(name: "pool", figures: [
            .init("acquisitions", .count(d.waitCount)),
            .init("waitMs", .milliseconds(d.waitCount > 0 ? d.waitSum / Double(d.waitCount) * 1_000 : 0)),
            .init("waitTimeouts", .count(d.errors[.timeout])),
            .init("openPools", .count(open)),
        ])
    }

    /// The bucket's mean wait for a connection (none when nobody took one).
    func connectionPoolBucketFigures(component c: Int) -> [KindFigures.Figure] {
        let d = counters[c] - buckets.countersAtStart[c]
        guard d.waitCount > 0 else { return [] }
        return [.init("waitMs", .milliseconds(d.waitSum / Double(d.waitCount) * 1_000))]
    }
}

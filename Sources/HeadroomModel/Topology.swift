import HeadroomEngine
import HeadroomScenario

/// The life cycle of an instance. Only `up` instances are put in rotation (balancers send to
/// them); `draining` ones take no new requests and go `down` when their last one leaves.
enum InstanceState: UInt8, Sendable {
    /// Not running, not billed.
    case down
    /// Booting: billed, not yet taking traffic.
    case starting
    /// Running and taking traffic.
    case up
    /// Running, finishing what it has, taking nothing new.
    case draining

    /// Billed as a running instance.
    var isLive: Bool { self != .down }
    /// Has workers that can serve what reaches it.
    var serves: Bool { self == .up || self == .draining }
}

/// A pool of identical instances sharing one station configuration: a service's servers, a
/// function's containers, an API's connections. Its instance table is sized to the most
/// instances it can ever have; which of them run changes during a run (``Simulation/setState``).
struct Pool: Sendable {
    var component: Int32
    /// Which kind's hooks apply.
    var behaviour: Behaviour
    /// The index of its entry in its kind's own table, or -1.
    var kindIndex: Int32 = -1
    /// Workers per instance.
    var concurrency: Int32
    /// Waiting room per instance; -1 is unbounded.
    var queueCapacity: Int32
    /// Queue levels (strict priorities, 0 first).
    var priorityLevels: Int32 = 1
    /// The timer list of its timeout, or -1 for none.
    var timerList: Int32 = -1
    /// Its own service-time distribution.
    var distribution: Int32
    /// Its random stream.
    var stream: Int32
    /// Its instance slots: `firstInstance ..< firstInstance + capacity`.
    var firstInstance: Int32
    var capacity: Int32
    /// Round-robin position for calls made straight to the pool.
    var cursor: Int32 = 0
    /// Instances in rotation: the first `rotationCount` entries of its region of `rotation`.
    var rotationCount: Int32 = 0
    /// Instances starting, up or draining (billed), and up or draining (serving).
    var liveCount: Int32 = 0
    var servingCount: Int32 = 0
    /// Whether its running instances are billed per instance-hour (not a function's containers).
    var billedPerInstance = true
    /// Whether its workers are a capacity to report utilization against (not an external API's).
    var countsWorkers = true
    /// Degradation (fault injection): own service times are multiplied by this (1: healthy) …
    var latencyFactor = 1.0
    /// … and a call's own work ends in an error (`failed`) with this probability (0: never),
    /// drawn from `faultStream`.
    var errorProbability = 0.0
    var faultStream: Int32 = -1
    /// Load shedding: a queued request that has waited longer than this is dropped (cause
    /// `shed`) instead of served; 0 means never.
    var shedAfter = 0.0
    /// When true, its timeout bounds only the wait for a worker (a connection pool's wait
    /// timeout): the timer stops when service starts.
    var waitTimeoutOnly = false
    /// When true, only the kind that manages it (a health checker) puts its instances in and
    /// out of rotation (draining ones excepted: they leave at once); otherwise rotation follows
    /// the life cycle (up = in rotation).
    var rotationManaged = false
    /// One waiting room for the whole pool instead of one per instance (a queue's workers pull
    /// from a broker): it lives at the pool's first instance slot (the anchor), a call goes to an
    /// up instance with a free worker if there is one and waits there otherwise, and any up
    /// instance's freed worker takes the head. `queueCapacity` bounds the shared room.
    var sharedQueue = false
    /// The most requests waiting in the shared queue since the owning kind last reset it.
    var peakQueued: Int32 = 0
    /// What a call that reaches one of its instances while it is not serving (crashed, booting)
    /// gets: false, an immediate error (`crashed`, a refused connection); true, no answer at all
    /// — the call hangs until a timeout of its own or of a caller expires (a black hole).
    var downCallsHang = false
}

/// Live state and cumulative time integrals of one instance.
struct Instance: Sendable {
    var pool: Int32
    var state: InstanceState = .down
    /// Its position in its pool's rotation, or -1 when out of rotation.
    var rotationIndex: Int32 = -1
    /// The availability zone it runs in.
    var zone: Int32 = 0
    /// When it entered its current state (a health checker's detection time counts from a crash).
    var stateChangedAt: SimInstant = .zero
    /// Workers held (serving, or blocked on downstream calls).
    var busy: Int32 = 0
    /// Workers doing the pool's own service work.
    var serving: Int32 = 0
    /// Requests waiting in its queue (all levels).
    var queued: Int32 = 0
    /// Requests a router has sent here that have not arrived yet.
    var inTransit: Int32 = 0
    /// Where its queue levels start in `queueHeads` / `queueTails`.
    var queueBase: Int32 = 0
    var lastChange: SimInstant = .zero
    /// ∫ busy, ∫ serving, ∫ queued dt since the start of the run.
    var busyArea = 0.0
    var servingArea = 0.0
    var queueArea = 0.0

    /// Requests this instance is responsible for, as a balancer sees open connections.
    var inFlight: Int32 { busy &+ queued &+ inTransit }
}

/// A component that forwards each call to an instance it chooses: a load balancer today;
/// shard routers and replica sets later. Its candidates are the instances in rotation of its
/// backend pools, rebuilt whenever their membership changes.
struct Router: Sendable {
    var component: Int32
    var behaviour: RouterBehaviour
    var strategy: BalancingStrategy
    /// Its backend pools: `routerBackends[backendsStart ..< backendsStart + backendsCount]`.
    var backendsStart: Int32
    var backendsCount: Int32
    /// Its candidate region in `candidates`, `candidateWeights` and `currentWeights`.
    var candidatesStart: Int32
    var candidatesCapacity: Int32
    var candidatesCount: Int32 = 0
    var cursor: Int32 = 0
    /// Its latency distribution, or -1 for none.
    var latency: Int32
    var stream: Int32
}

/// How a load balancer chooses among its candidates.
enum BalancingStrategy: UInt8, Sendable {
    case roundRobin, weightedRoundRobin, random, leastConnections, powerOfTwoChoices
}

extension Simulation {
    /// The one entry point that changes an instance's life-cycle state during a run: it keeps
    /// the pool's counts, the billed-fleet integral and the rotation (what balancers see) in step.
    ///
    /// Taking an instance `down` does not touch the requests it holds: a drained instance holds
    /// none, and a crash fails them first (``failWork(at:cause:)``).
    mutating func setState(instance i: Int, to state: InstanceState) {
        let old = instances[i].state
        guard old != state else { return }
        let p = Int(instances[i].pool)
        let now = calendar.now
        touch(instance: i, now: now)
        instances[i].state = state
        instances[i].stateChangedAt = now
        let live: Int32 = (state.isLive ? 1 : 0) &- (old.isLive ? 1 : 0)
        let serving: Int32 = (state.serves ? 1 : 0) &- (old.serves ? 1 : 0)
        pools[p].liveCount &+= live
        pools[p].servingCount &+= serving
        // By the change, not the pool's count: a component may have several pools (a database's
        // primary and replicas), and its fleet and capacity are their sums.
        let c = Int(pools[p].component)
        if pools[p].billedPerInstance, live != 0 { fleets[c].set(fleets[c].value + Double(live), at: now) }
        if pools[p].countsWorkers, serving != 0 {
            workerCapacity[c].set(workerCapacity[c].value + Double(serving) * Double(pools[p].concurrency), at: now)
        }
        if !pools[p].rotationManaged {
            setRotation(instance: i, inRotation: state == .up)
        } else if state == .draining {
            // Draining is deliberate (scaling in): the instance is deregistered at once; only a
            // crash leaves a managed instance in rotation until its health checker notices.
            setRotation(instance: i, inRotation: false)
        } else if old == .draining && state == .up {
            // Scaling in was called off: it passed its checks all along, so it is registered again.
            setRotation(instance: i, inRotation: true)
        }
        if state == .draining && instances[i].inFlight == 0 { setState(instance: i, to: .down) }
        // An instance that comes up takes work waiting in its pool's shared queue at once.
        if state == .up && pools[p].sharedQueue { handOverWorker(instance: i, pool: p) }
    }

    /// Puts an instance in or out of its pool's rotation and refreshes the routers in front of it.
    mutating func setRotation(instance i: Int, inRotation: Bool) {
        let p = Int(instances[i].pool)
        let base = Int(pools[p].firstInstance)
        if inRotation, instances[i].rotationIndex < 0 {
            let k = pools[p].rotationCount
            rotation[base + Int(k)] = Int32(i)
            instances[i].rotationIndex = k
            pools[p].rotationCount = k &+ 1
        } else if !inRotation, instances[i].rotationIndex >= 0 {
            // Swap-remove, keeping the rotation dense.
            let k = Int(instances[i].rotationIndex)
            let last = Int(pools[p].rotationCount) - 1
            let moved = rotation[base + last]
            rotation[base + k] = moved
            instances[Int(moved)].rotationIndex = Int32(k)
            instances[i].rotationIndex = -1
            pools[p].rotationCount = Int32(last)
        } else {
            return
        }
        guard !deferRouterRebuilds else { return }
        for r in routers.indices where routerUses(router: r, pool: p) { rebuildCandidates(router: r) }
    }

    /// Changes how many instances of pool `p` run: starts stopped ones (booting for `boot`
    /// before they take traffic) or drains running ones, newest first.
    mutating func resize(pool p: Int, to target: Int, boot: SimDuration = .zero) {
        let base = Int(pools[p].firstInstance), capacity = Int(pools[p].capacity)
        let wanted = max(0, min(target, capacity))
        var running = 0
        for i in base..<(base + capacity) where instances[i].state == .starting || instances[i].state == .up { running += 1 }
        if wanted > running {
            var needed = wanted - running
            for i in base..<(base + capacity) where needed > 0 {
                switch instances[i].state {
                case .down:
                    start(instance: i, boot: boot)
                    needed -= 1
                case .draining:
                    // A draining instance still has its state: put it back instead of booting another.
                    setState(instance: i, to: .up)
                    needed -= 1
                case .starting, .up:
                    break
                }
            }
        } else if wanted < running {
            var surplus = running - wanted
            for i in stride(from: base + capacity - 1, through: base, by: -1) where surplus > 0 {
                switch instances[i].state {
                case .starting:
                    setState(instance: i, to: .down)
                    surplus -= 1
                case .up:
                    setState(instance: i, to: .draining)
                    surplus -= 1
                case .down, .draining:
                    break
                }
            }
        }
    }

    /// Boots instance `i`: up at once, or `starting` until an `instanceUp` event after `boot`.
    mutating func start(instance i: Int, boot: SimDuration) {
        if boot.seconds <= 0 {
            setState(instance: i, to: .up)
        } else {
            setState(instance: i, to: .starting)
            calendar.schedule(after: boot, kind: EventKind.instanceUp.rawValue, target: UInt32(i))
        }
    }

    /// A booting instance has finished starting (unless it was stopped meanwhile).
    mutating func handleInstanceUp(instance i: Int) {
        if instances[i].state == .starting { setState(instance: i, to: .up) }
    }

    /// Whether router `r` forwards to pool `p`.
    func routerUses(router r: Int, pool p: Int) -> Bool {
        let start = Int(routers[r].backendsStart)
        for k in start..<(start + Int(routers[r].backendsCount)) where Int(routerBackends[k]) == p { return true }
        return false
    }

    /// Refills router `r`'s candidates from the rotations of its backends, in backend order.
    /// Smooth weighted round robin starts afresh, as nginx does on a reconfiguration.
    mutating func rebuildCandidates(router r: Int) {
        let start = Int(routers[r].candidatesStart)
        var n = 0
        let b0 = Int(routers[r].backendsStart)
        for k in b0..<(b0 + Int(routers[r].backendsCount)) {
            let p = Int(routerBackends[k])
            let base = Int(pools[p].firstInstance)
            for j in 0..<Int(pools[p].rotationCount) {
                candidates[start + n] = rotation[base + j]
                candidateWeights[start + n] = routerBackendWeights[k]
                currentWeights[start + n] = 0
                n += 1
            }
        }
        routers[r].candidatesCount = Int32(n)
        if Int(routers[r].cursor) >= max(n, 1) { routers[r].cursor = 0 }
    }

    /// Fails every call that is queued at, served by or holding a worker of instance `i` (a
    /// crash): each caller gets `cause`. O(requests in flight): crashes are rare.
    mutating func failWork(at i: Int, cause: ErrorCause) {
        // Down first in a shared-queue pool: else each worker the failures free would take the
        // next job of the pool's queue, only to fail it in turn.
        if pools[Int(instances[i].pool)].sharedQueue { setState(instance: i, to: .down) }
        for slot in requests.indices where requests[slot].depth > 0 {
            // The innermost frame at this instance: failing it fails everything above it too.
            let base = requestBase(slot)
            let depth = Int(requests[slot].depth)
            let lowest = max(Int(requests[slot].detachedDepth), 0)
            var hit = -1
            // A shared queue is the pool's, not the anchor instance's: what waits there survives.
            for d in lowest..<depth where frames[base + d].instance == Int32(i) && frames[base + d].state != .inTransit
                && !(frames[base + d].state == .queued && pools[Int(frames[base + d].pool)].sharedQueue)
            {
                hit = d
                break
            }
            if hit >= 0 { abort(slot: slot, atDepth: hit, cause: cause, keepWork: false) }
        }
    }
}

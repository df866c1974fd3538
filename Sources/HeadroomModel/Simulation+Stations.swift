import HeadroomEngine
import HeadroomScenario

/// The shared station mechanics every pool kind uses: admission, workers, per-instance queues
/// with strict priority levels, service, release and hand-over. Kinds change it only through
/// the hooks of `KindHooks.swift`.
extension Simulation {
    /// The request reaches its pool instance: it takes a free worker, waits in the queue, or is
    /// refused (and the error goes back to its caller).
    mutating func arrive(slot: Int, frame f: Int) {
        let now = calendar.now
        let i = Int(frames[f].instance)
        let p = Int(frames[f].pool)
        let component = Int(pools[p].component)
        frames[f].arrivedAt = now
        counters[component].arrivals &+= 1
        if pools[p].sharedQueue {
            arriveShared(slot: slot, frame: f, pool: p)
            return
        }
        guard instances[i].state.serves else {
            // Sent to an instance that is not running (a balancer that has not noticed yet).
            if pools[p].downCallsHang {
                hang(slot: slot, frame: f)
            } else {
                refuse(slot: slot, component: component, cause: .crashed)
            }
            return
        }
        if let cause = kindAdmits(pool: p, instance: i, slot: slot) {
            refuse(slot: slot, component: component, cause: cause)
            return
        }
        if instances[i].busy < pools[p].concurrency {
            startService(slot: slot, frame: f, waited: 0)
        } else if pools[p].queueCapacity >= 0 && instances[i].queued >= pools[p].queueCapacity {
            refuse(slot: slot, component: component, cause: .rejected)
            return
        } else {
            enqueue(frame: f, instance: i)
        }
        let own = program[Int(frames[f].callPC)].timerList
        let list = own >= 0 ? own : pools[p].timerList
        if list >= 0 { startTimer(frame: f, list: Int(list)) }
    }

    /// Arrival at a pool with a shared queue: a free worker at the instance ``dispatchShared(pool:)``
    /// chose, or a place in the queue at the anchor (refused when it holds `queueCapacity`).
    mutating func arriveShared(slot: Int, frame f: Int, pool p: Int) {
        let i = Int(frames[f].instance)
        let component = Int(pools[p].component)
        if let cause = kindAdmits(pool: p, instance: i, slot: slot) {
            refuse(slot: slot, component: component, cause: cause)
            return
        }
        if instances[i].state == .up && instances[i].busy < pools[p].concurrency {
            startService(slot: slot, frame: f, waited: 0)
        } else {
            let anchor = Int(pools[p].firstInstance)
            if pools[p].queueCapacity >= 0 && instances[anchor].queued >= pools[p].queueCapacity {
                refuse(slot: slot, component: component, cause: .rejected)
                return
            }
            frames[f].instance = Int32(anchor)
            enqueue(frame: f, instance: anchor)
            if instances[anchor].queued > pools[p].peakQueued { pools[p].peakQueued = instances[anchor].queued }
        }
        let own = program[Int(frames[f].callPC)].timerList
        let list = own >= 0 ? own : pools[p].timerList
        if list >= 0 { startTimer(frame: f, list: Int(list)) }
    }

    /// The call reached an instance that is down and never answers: it waits, holding nothing
    /// but its place in the instance's connections, until a timeout (its own or a caller's) ends it.
    mutating func hang(slot: Int, frame f: Int) {
        let i = Int(frames[f].instance)
        frames[f].state = .inTransit
        frames[f].eventSequence = .max
        instances[i].inTransit &+= 1
        let own = program[Int(frames[f].callPC)].timerList
        let list = own >= 0 ? own : pools[Int(frames[f].pool)].timerList
        if list >= 0 { startTimer(frame: f, list: Int(list)) }
    }

    /// The call of the request's top frame was refused at `component`: count it there, drop the
    /// frame, and give the error to the caller's step.
    mutating func refuse(slot: Int, component: Int, cause: ErrorCause) {
        counters[component].errors[cause] &+= 1
        let depth = requests[slot].depth &- 1
        let f = requestBase(slot) &+ Int(depth)
        let callPC = frames[f].callPC
        // A refused call holds nothing (and, as before, does not count as a departure).
        requests[slot].depth = depth
        callFailed(slot: slot, callPC: callPC, cause: cause)
    }

    /// Puts frame `f` at the tail of its queue level at instance `i`.
    @inline(__always)
    mutating func enqueue(frame f: Int, instance i: Int) {
        touch(instance: i, now: calendar.now)
        instances[i].queued &+= 1
        frames[f].state = .queued
        let q = Int(instances[i].queueBase) &+ Int(frames[f].priority)
        let tail = queueTails[q]
        frames[f].queuePrev = tail
        frames[f].queueNext = -1
        if tail >= 0 { frames[Int(tail)].queueNext = Int32(f) } else { queueHeads[q] = Int32(f) }
        queueTails[q] = Int32(f)
    }

    /// Takes frame `f` out of its instance's queue (it got a worker, timed out or crashed).
    @inline(__always)
    mutating func unlinkFromQueue(frame f: Int) {
        let i = Int(frames[f].instance)
        let q = Int(instances[i].queueBase) &+ Int(frames[f].priority)
        let prev = frames[f].queuePrev, next = frames[f].queueNext
        if prev >= 0 { frames[Int(prev)].queueNext = next } else { queueHeads[q] = next }
        if next >= 0 { frames[Int(next)].queuePrev = prev } else { queueTails[q] = prev }
        frames[f].queuePrev = -1
        frames[f].queueNext = -1
        touch(instance: i, now: calendar.now)
        instances[i].queued &-= 1
    }

    /// Gives the request a worker and schedules the end of its own service work.
    mutating func startService(slot: Int, frame f: Int, waited: Double) {
        let i = Int(frames[f].instance)
        let p = Int(frames[f].pool)
        let component = Int(pools[p].component)
        touch(instance: i, now: calendar.now)
        instances[i].busy &+= 1
        instances[i].serving &+= 1
        frames[f].state = .serving
        // A wait timeout (a connection pool's) bounds the wait for a worker only.
        if pools[p].waitTimeoutOnly { cancelTimer(frame: f) }
        counters[component].waitSum += waited
        counters[component].waitCount &+= 1
        let override = program[Int(frames[f].callPC)].distribution
        var serviceTime = samplers.sample(override >= 0 ? override : pools[p].distribution, generators[Int(pools[p].stream)])
        serviceTime *= pools[p].latencyFactor
        serviceTime += kindExtraServiceTime(pool: p, instance: i, frame: f)
        kindServiceStarted(pool: p, slot: slot, waited: waited)
        counters[component].serviceSum += serviceTime
        frames[f].eventSequence = calendar.schedule(
            after: SimDuration(seconds: serviceTime), kind: EventKind.serviceComplete.rawValue, target: UInt32(slot))
    }

    /// The top frame's own work is done: it holds its worker while its `then` steps run.
    mutating func handleServiceComplete(slot: Int, sequence: UInt64) {
        let depth = requests[slot].depth
        guard depth > 0 else { return }
        let f = requestBase(slot) &+ Int(depth &- 1)
        // A crash may have failed this call while its work was under way: its event is stale.
        guard frames[f].state == .serving, frames[f].eventSequence == sequence else { return }
        let i = Int(frames[f].instance)
        touch(instance: i, now: calendar.now)
        instances[i].serving &-= 1
        frames[f].state = .holding
        let p = Int(frames[f].pool)
        var failure = kindServiceCompleted(pool: p, slot: slot)
        if failure == nil, pools[p].errorProbability > 0,
            generators[Int(pools[p].faultStream)].uniform() < pools[p].errorProbability
        {
            failure = .failed
        }
        if let cause = failure {
            // The component answered with an error (an injected fault, a failed lookup).
            let component = Int(pools[Int(frames[f].pool)].component)
            counters[component].errors[cause] &+= 1
            let callPC = frames[f].callPC
            release(frame: f)
            requests[slot].depth = depth &- 1
            if requests[slot].depth == requests[slot].detachedDepth {
                freeRequest(slot)
            } else {
                callFailed(slot: slot, callPC: callPC, cause: cause)
            }
            return
        }
        execute(slot: slot)
    }

    /// Frees what a frame holds — its worker, its queue place or its transit — counts its
    /// departure, and hands a freed worker to the next request waiting at that instance.
    mutating func release(frame f: Int) {
        let now = calendar.now
        let i = Int(frames[f].instance)
        let p = Int(frames[f].pool)
        let component = Int(pools[p].component)
        counters[component].departures &+= 1
        counters[component].residenceSum += (now - frames[f].arrivedAt).seconds
        counters[component].residenceCount &+= 1
        cancelTimer(frame: f)
        switch frames[f].state {
        case .queued:
            unlinkFromQueue(frame: f)
            afterRelease(instance: i)
            return
        case .inTransit:
            instances[i].inTransit &-= 1
            afterRelease(instance: i)
            return
        case .serving:
            touch(instance: i, now: now)
            instances[i].serving &-= 1
        case .holding:
            touch(instance: i, now: now)
        }
        instances[i].busy &-= 1
        kindWorkerReleased(pool: p, instance: i)
        handOverWorker(instance: i, pool: p)
        afterRelease(instance: i)
    }

    /// A worker at instance `i` is free: the first request of the highest non-empty queue level
    /// takes it. The queue is the instance's own, or — for a pool with a shared queue (a queue's
    /// workers) — the one at the pool's anchor, from which an up instance's free workers take as
    /// many heads as they can (a draining instance takes nothing new).
    @inline(__always)
    mutating func handOverWorker(instance i: Int, pool p: Int) {
        // Two calls with constant arguments: each inlined copy keeps only its own branches, so
        // the common per-instance queue pays nothing for the shared one.
        if pools[p].sharedQueue { handOverWorker(instance: i, pool: p, shared: true) } else { handOverWorker(instance: i, pool: p, shared: false) }
    }

    @inline(__always)
    private mutating func handOverWorker(instance i: Int, pool p: Int, shared: Bool) {
        if shared && instances[i].state != .up { return }
        let owner = shared ? Int(pools[p].firstInstance) : i
        let base = Int(instances[owner].queueBase)
        var level = 0
        // Re-checked every turn: dropping a shed request runs its caller's error handler, which
        // may itself call this pool and take the worker.
        while instances[owner].queued > 0, instances[i].busy < pools[p].concurrency, level < Int(pools[p].priorityLevels) {
            let head = queueHeads[base &+ level]
            guard head >= 0 else {
                level &+= 1
                continue
            }
            let next = Int(head)
            let waited = (calendar.now - frames[next].arrivedAt).seconds
            unlinkFromQueue(frame: next)
            if shared { afterRelease(instance: owner) }
            if pools[p].shedAfter > 0 && waited > pools[p].shedAfter {
                // Waited past the deadline: dropped, and the next in line gets the worker.
                shed(frame: next, pool: p)
                continue
            }
            if shared { frames[next].instance = Int32(i) }
            startService(slot: next / maxDepth, frame: next, waited: waited)
            if !shared { return }
        }
    }

    /// A draining instance whose last request has left goes down.
    @inline(__always)
    mutating func afterRelease(instance i: Int) {
        if instances[i].state == .draining && instances[i].inFlight == 0 { setState(instance: i, to: .down) }
    }

    /// A call through router `r`: it chooses an instance, counts the call, and either adds its
    /// latency (the request arrives later) or delivers the request at once.
    mutating func routeCall(slot: Int, frame f: Int, router r: Int) {
        let component = Int(routers[r].component)
        counters[component].arrivals &+= 1
        counters[component].kilobytes += responseKB(slot: slot)
        let i = chooseInstance(router: r, slot: slot)
        guard i >= 0 else {
            // No healthy backend (HTTP 503).
            refuse(slot: slot, component: component, cause: .rejected)
            return
        }
        frames[f].instance = Int32(i)
        frames[f].pool = instances[i].pool
        frames[f].router = Int32(r)
        let latency = routers[r].latency
        if latency >= 0 {
            frames[f].state = .inTransit
            frames[f].arrivedAt = calendar.now
            instances[i].inTransit &+= 1
            let delay = samplers.sample(latency, generators[Int(routers[r].stream)])
            frames[f].eventSequence = calendar.schedule(
                after: SimDuration(seconds: delay), kind: EventKind.transitComplete.rawValue, target: UInt32(slot))
            return
        }
        counters[component].departures &+= 1
        counters[component].residenceCount &+= 1
        arrive(slot: slot, frame: f)
    }

    /// The request has crossed its router and reaches the chosen instance.
    mutating func handleTransitComplete(slot: Int, sequence: UInt64) {
        let depth = requests[slot].depth
        guard depth > 0 else { return }
        let f = requestBase(slot) &+ Int(depth &- 1)
        guard frames[f].state == .inTransit, frames[f].eventSequence == sequence else { return }
        let i = Int(frames[f].instance)
        instances[i].inTransit &-= 1
        let component = Int(routers[Int(frames[f].router)].component)
        counters[component].departures &+= 1
        counters[component].residenceSum += (calendar.now - frames[f].arrivedAt).seconds
        counters[component].residenceCount &+= 1
        arrive(slot: slot, frame: f)
    }

    /// Drops a queued frame that waited past its pool's deadline: its caller gets `shed`.
    mutating func shed(frame f: Int, pool p: Int) {
        let slot = f / maxDepth
        let component = Int(pools[p].component)
        counters[component].errors[.shed] &+= 1
        // Already out of the queue: count the departure and drop the timer as a release would.
        counters[component].departures &+= 1
        counters[component].residenceSum += (calendar.now - frames[f].arrivedAt).seconds
        counters[component].residenceCount &+= 1
        cancelTimer(frame: f)
        let callPC = frames[f].callPC
        requests[slot].depth &-= 1
        callFailed(slot: slot, callPC: callPC, cause: .shed)
    }
}

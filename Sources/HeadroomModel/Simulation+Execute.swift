import HeadroomEngine
import HeadroomScenario

/// Walking requests through their programs: calls, returns, branches, forks, completion.
extension Simulation {
    /// Runs the request's program from its current instruction until it has to wait (for a
    /// worker, a service time, a network delay, its children) or leaves the system.
    mutating func execute(slot: Int) {
        while true {
            let pc = Int(requests[slot].pc)
            let instruction = program[pc]
            switch instruction.operation {
            case .callPool:
                let f = pushFrame(slot: slot, callPC: pc)
                let p = Int(instruction.target)
                let i = kindDispatch(pool: p, slot: slot)
                frames[f].pool = Int32(p)
                frames[f].router = -1
                guard i >= 0 else {
                    // Nothing in rotation to take the call: refused at once.
                    refuse(slot: slot, component: Int(pools[p].component), cause: .rejected)
                    return
                }
                frames[f].instance = i
                arrive(slot: slot, frame: f)
                return
            case .callRouter:
                let f = pushFrame(slot: slot, callPC: pc)
                routeCall(slot: slot, frame: f, router: Int(instruction.target))
                return
            case .return:
                let depth = requests[slot].depth &- 1
                let f = requestBase(slot) &+ Int(depth)
                requests[slot].depth = depth
                release(frame: f)
                if depth == requests[slot].detachedDepth {
                    freeRequest(slot)
                    return
                }
                requests[slot].pc = Int32(pc &+ 1)
            case .branch:
                let taken: Bool
                switch instruction.condition {
                case .skipUnlessProbability: taken = generators[Int(instruction.stream)].uniform() >= instruction.probability
                case .answerEquals: taken = Int32(requests[slot].answer) == instruction.count
                }
                requests[slot].pc = taken ? instruction.end : Int32(pc &+ 1)
            case .done:
                complete(slot: slot)
                return
            case .fork:
                fork(slot: slot, instruction: instruction)
                return
            case .join:
                // Reached without waiting (every branch finished at once): go on.
                requests[slot].pc = Int32(pc &+ 1)
            case .endBranch:
                childFinished(slot: slot, error: nil)
                return
            case .spawn:
                requests[slot].pc = Int32(pc &+ 1)
                spawnJob(from: slot, entry: instruction.end)
            case .kindStep:
                // The kind moves the request on (pc) and says whether it can go on now.
                guard executeKindStep(slot: slot, instruction: instruction, pc: pc) else { return }
            }
        }
    }

    /// Pushes a frame for the call at `callPC` and moves the request into the call's body.
    @inline(__always)
    mutating func pushFrame(slot: Int, callPC: Int) -> Int {
        let depth = requests[slot].depth
        requests[slot].depth = depth &+ 1
        requests[slot].pc = Int32(callPC &+ 1)
        let f = requestBase(slot) &+ Int(depth)
        frames[f].callPC = Int32(callPC)
        frames[f].state = .inTransit
        frames[f].priority = program[callPC].priority
        frames[f].attempts = 0
        return f
    }

    /// A call made straight to a pool (no router in front) goes to its instances in rotation in
    /// turn, as a platform's service dispatcher (DNS or iptables round robin) would send it.
    /// Returns -1 when no instance is in rotation.
    @inline(__always)
    mutating func dispatch(pool p: Int) -> Int32 {
        if pools[p].sharedQueue { return dispatchShared(pool: p) }
        let count = pools[p].rotationCount
        let base = Int(pools[p].firstInstance)
        if count == 1 { return rotation[base] }
        guard count > 0 else { return -1 }
        var k = pools[p].cursor
        if k >= count { k = 0 }
        pools[p].cursor = k &+ 1 == count ? 0 : k &+ 1
        return rotation[base &+ Int(k)]
    }

    /// A pool with a shared queue: the next instance in rotation (from the cursor on) with a free
    /// worker, or the anchor, where the call will wait. O(instances in rotation) when all are busy.
    mutating func dispatchShared(pool p: Int) -> Int32 {
        let count = Int(pools[p].rotationCount)
        let base = Int(pools[p].firstInstance)
        var k = Int(pools[p].cursor)
        for _ in 0..<count {
            if k >= count { k = 0 }
            let i = Int(rotation[base &+ k])
            k &+= 1
            if instances[i].busy < pools[p].concurrency {
                pools[p].cursor = Int32(k)
                return Int32(i)
            }
        }
        return Int32(base)
    }

    /// The route finished: record the outcome by origin and free the slot.
    mutating func complete(slot: Int) {
        switch requests[slot].origin {
        case .client:
            let now = calendar.now
            touchInSystem(now)
            inSystem &-= 1
            let latency = (now - requests[slot].arrivalTime).seconds
            buckets.recordCompletion(latency)
            if requests[slot].measured {
                overall.recordCompletion(latency)
                overall.responseTimes.record(latency, at: now.seconds)
                if classes.count > 1 { classes[Int(requests[slot].requestClass)].recordCompletion(latency) }
                sojournSum += latency
            }
            workloadRequestEnded(slot: slot)
            freeRequest(slot)
        case .job:
            if requests[slot].measured { jobs.recordCompletion((calendar.now - requests[slot].arrivalTime).seconds) }
            freeRequest(slot)
        case .forkChild:
            childFinished(slot: slot, error: nil)
        }
    }
}

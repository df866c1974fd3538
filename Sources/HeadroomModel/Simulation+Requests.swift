import HeadroomEngine

/// Walking requests through their routes: calls, returns, queueing, completion.
extension Simulation {
    @inline(__always)
    func frameIndex(_ slot: Int, _ depth: Int32) -> Int { slot &* maxDepth &+ Int(depth) }

    /// Runs the request's route from its current instruction until it has to wait (for a worker,
    /// a service time or a network delay) or leaves the system.
    mutating func execute(slot: Int) {
        while true {
            let pc = Int(requests[slot].pc)
            let instruction = program[pc]
            switch instruction.operation {
            case .callStation, .callBalancer:
                if instruction.probability < 1,
                   streams[Int(instruction.stream)].uniform() >= instruction.probability {
                    requests[slot].pc = instruction.end &+ 1
                    continue
                }
                let depth = requests[slot].depth
                requests[slot].depth = depth &+ 1
                requests[slot].pc = Int32(pc &+ 1)
                let f = frameIndex(slot, depth)
                frames[f].callPC = Int32(pc)
                frames[f].timeoutSequence = Frame.noTimeout
                if instruction.operation == .callBalancer {
                    let b = Int(instruction.target)
                    let instance = chooseInstance(balancer: b)
                    // Read the scalar fields only: copying the Balancer would retain its arrays.
                    let component = Int(balancers[b].component), latency = balancers[b].latency
                    frames[f].instance = Int32(instance)
                    frames[f].station = instances[instance].station
                    if measuring {
                        counters[component].arrivals &+= 1
                        counters[component].kilobytes += responseKB[Int(requests[slot].requestClass)]
                    }
                    if latency >= 0 {
                        frames[f].state = .inTransit
                        frames[f].arrivedAt = calendar.now
                        instances[instance].inTransit &+= 1
                        let delay = distributions[Int(latency)].sample(streams[Int(balancers[b].stream)])
                        calendar.schedule(after: delay, kind: EventKind.transitComplete.rawValue, target: UInt32(slot))
                        return
                    }
                    if measuring {
                        counters[component].departures &+= 1
                        counters[component].residenceCount &+= 1
                    }
                } else {
                    frames[f].station = instruction.target
                    frames[f].instance = dispatch(station: Int(instruction.target))
                }
                _ = arrive(slot: slot, frame: f)
                return
            case .return:
                let depth = requests[slot].depth &- 1
                let f = frameIndex(slot, depth)
                requests[slot].depth = depth
                releaseWorker(frame: f)
                if depth == requests[slot].detachedDepth {
                    freeRequest(slot)
                    return
                }
                requests[slot].pc = Int32(pc &+ 1)
            case .done:
                complete(slot: slot)
                return
            }
        }
    }

    /// A call made straight to a pool (no balancer in front) goes to its instances in turn, as a
    /// platform's service dispatcher (DNS or iptables round robin) would send it.
    mutating func dispatch(station s: Int) -> Int32 {
        let station = stations[s]
        if station.instanceCount == 1 { return station.firstInstance }
        let instance = station.firstInstance &+ stations[s].cursor
        stations[s].cursor = stations[s].cursor &+ 1 == station.instanceCount ? 0 : stations[s].cursor &+ 1
        return instance
    }

    /// The request reaches its station instance: it takes a free worker, waits in the queue, or is
    /// rejected. Returns false when it was rejected (and has been unwound).
    mutating func arrive(slot: Int, frame f: Int) -> Bool {
        let now = calendar.now
        let i = Int(frames[f].instance)
        let s = Int(instances[i].station)
        let station = stations[s]
        frames[f].arrivedAt = now
        if measuring { counters[Int(station.component)].arrivals &+= 1 }
        if station.rateLimit > 0 && !takeToken(station: s, now: now) {
            // Over the provider's rate limit: refused at once (HTTP 429).
            if measuring { counters[Int(station.component)].rejected &+= 1 }
            requests[slot].depth &-= 1
            abandon(slot: slot, below: requests[slot].depth, outcome: .rejected)
            return false
        }
        if instances[i].busy < station.concurrency {
            startService(slot: slot, frame: f, waited: 0)
        } else if station.queueCapacity >= 0 && instances[i].queued >= station.queueCapacity {
            if measuring { counters[Int(station.component)].rejected &+= 1 }
            requests[slot].depth &-= 1
            abandon(slot: slot, below: requests[slot].depth, outcome: .rejected)
            return false
        } else {
            touch(instance: i, now: now)
            instances[i].queued &+= 1
            instances[i].queue.append(UInt64(requests[slot].generation) << 32 | UInt64(slot))
            frames[f].state = .queued
        }
        if station.timeout > 0 {
            frames[f].timeoutSequence = calendar.schedule(
                after: station.timeout, kind: EventKind.timeout.rawValue, target: UInt32(slot))
        }
        return true
    }

    /// Gives the request a worker and schedules the end of its own service work.
    mutating func startService(slot: Int, frame f: Int, waited: Double) {
        let i = Int(frames[f].instance)
        let station = stations[Int(instances[i].station)]
        touch(instance: i, now: calendar.now)
        instances[i].busy &+= 1
        instances[i].serving &+= 1
        frames[f].state = .serving
        if measuring {
            counters[Int(station.component)].waitSum += waited
            counters[Int(station.component)].waitCount &+= 1
        }
        let override = program[Int(frames[f].callPC)].distribution
        let d = Int(override >= 0 ? override : station.distribution)
        var serviceTime = distributions[d].sample(streams[Int(station.stream)])
        if station.behaviour == .function && station.coldStart >= 0 && needsNewContainer(station: Int(instances[i].station)) {
            serviceTime += distributions[Int(station.coldStart)].sample(streams[Int(station.stream)])
            if measuring { counters[Int(station.component)].coldStarts &+= 1 }
        }
        if measuring { counters[Int(station.component)].serviceSum += serviceTime }
        calendar.schedule(after: serviceTime, kind: EventKind.serviceComplete.rawValue, target: UInt32(slot))
    }

    /// Takes a warm container if one has been idle no longer than the idle timeout; the stack
    /// holds release times, most recent last, so once the top has expired all have.
    mutating func needsNewContainer(station s: Int) -> Bool {
        guard let released = warmContainers[s].popLast() else { return true }
        if calendar.now - released <= stations[s].idleTimeout { return false }
        warmContainers[s].removeAll(keepingCapacity: true)
        return true
    }

    /// Token bucket of a rate-limited external API: refills at `rateLimit` per second up to
    /// `bucketSize`; a call takes one token or is refused.
    mutating func takeToken(station s: Int, now: Double) -> Bool {
        let refill = (now - stations[s].tokensUpdated) * stations[s].rateLimit
        stations[s].tokens = min(stations[s].bucketSize, stations[s].tokens + refill)
        stations[s].tokensUpdated = now
        // A tolerance for the rounding of (now − last) × rate: a token due exactly now counts.
        guard stations[s].tokens >= 1 - 1e-9 else { return false }
        stations[s].tokens = max(0, stations[s].tokens - 1)
        return true
    }

    mutating func handleServiceComplete(slot: Int) {
        let f = frameIndex(slot, requests[slot].depth &- 1)
        let i = Int(frames[f].instance)
        touch(instance: i, now: calendar.now)
        instances[i].serving &-= 1
        frames[f].state = .holding
        execute(slot: slot)
    }

    mutating func handleTransitComplete(slot: Int) {
        let f = frameIndex(slot, requests[slot].depth &- 1)
        let i = Int(frames[f].instance)
        instances[i].inTransit &-= 1
        if measuring {
            let balancerComponent = Int(balancers[Int(program[Int(frames[f].callPC)].target)].component)
            counters[balancerComponent].departures &+= 1
            counters[balancerComponent].residenceSum += calendar.now - frames[f].arrivedAt
            counters[balancerComponent].residenceCount &+= 1
        }
        _ = arrive(slot: slot, frame: f)
    }

    /// Frees the worker a frame holds (or its queue place) and hands the worker to the next
    /// live request waiting at that instance.
    mutating func releaseWorker(frame f: Int) {
        let now = calendar.now
        let i = Int(frames[f].instance)
        let station = stations[Int(instances[i].station)]
        let component = Int(station.component)
        if measuring {
            counters[component].departures &+= 1
            counters[component].residenceSum += now - frames[f].arrivedAt
            counters[component].residenceCount &+= 1
        }
        frames[f].timeoutSequence = Frame.noTimeout
        touch(instance: i, now: now)
        switch frames[f].state {
        case .queued:
            instances[i].queued &-= 1
            return
        case .serving:
            instances[i].serving &-= 1
        case .holding:
            break
        case .inTransit:
            instances[i].inTransit &-= 1
            return
        }
        instances[i].busy &-= 1
        if station.behaviour == .function { warmContainers[Int(instances[i].station)].append(now) }
        while instances[i].queued > 0, let entry = instances[i].queue.popFirst() {
            let next = Int(entry & 0xffff_ffff)
            let generation = UInt32(truncatingIfNeeded: entry >> 32)
            guard requests[next].generation == generation, requests[next].depth > 0 else { continue }
            let nf = frameIndex(next, requests[next].depth &- 1)
            guard frames[nf].state == .queued, Int(frames[nf].instance) == i else { continue }
            instances[i].queued &-= 1
            startService(slot: next, frame: nf, waited: now - frames[nf].arrivedAt)
            break
        }
        if instances[i].queued == 0 { instances[i].queue.removeAll(keepingCapacity: true) }
    }

    /// The route finished: record the latency and free the slot.
    mutating func complete(slot: Int) {
        let now = calendar.now
        let request = requests[slot]
        touchInSystem(now)
        inSystem -= 1
        if request.measured {
            let latency = now - request.arrivalTime
            let c = Int(request.requestClass)
            let nanoseconds = UInt64(latency * 1e9)
            overall.completed &+= 1
            overall.latencySum += latency
            if latency > overall.latencyMax { overall.latencyMax = latency }
            overall.latencyNanoseconds.record(nanoseconds)
            overall.responseTimes.record(latency, at: now)
            classes[c].completed &+= 1
            classes[c].latencySum += latency
            if latency > classes[c].latencyMax { classes[c].latencyMax = latency }
            classes[c].latencyNanoseconds.record(nanoseconds)
            sojournSum += latency
        }
        freeRequest(slot)
    }
}

import HeadroomEngine
import HeadroomScenario

/// A status per call. A call that fails returns its cause to the step that made it: that step's
/// `onError` continues elsewhere (a fallback; retries build on it), or — by default — the error
/// propagates: the enclosing call fails too, up to the request, which then fails with the cause.
///
/// A caller that stops waiting (a timeout) does not stop the work it started: a server does not
/// know its client left, so the work runs on as "zombie" work, holding its workers and making
/// its downstream calls, and its result goes nowhere.
extension Simulation {
    /// The call made by instruction `callPC` returned `cause`; its frame is already gone and the
    /// request's depth is the caller's level.
    mutating func callFailed(slot: Int, callPC: Int32, cause: ErrorCause) {
        var callPC = callPC
        requests[slot].waitingAtJoin = false
        requests[slot].parkSerial &+= 1
        // A pending wake-up (a backoff) belonged to the step the request is leaving.
        requests[slot].wakeSequence = .max
        kindRequestInterrupted(slot: slot)
        while true {
            let depth = requests[slot].depth
            let detached = requests[slot].detachedDepth
            if detached >= 0 && depth <= detached {
                // Zombie work ended in an error: nobody is waiting for it.
                freeRequest(slot)
                return
            }
            let handler = program[Int(callPC)].onError
            if handler >= 0 && detached < 0 {
                requests[slot].lastError = cause.rawValue
                requests[slot].pc = handler
                requests[slot].lastError = cause.rawValue
                execute(slot: slot)
                return
            }
            if depth == 0 {
                requestFailed(slot: slot, cause: cause, free: true)
                return
            }
            // Not handled here: the enclosing call returns the error to its own caller.
            let f = requestBase(slot) &+ Int(depth &- 1)
            callPC = frames[f].callPC
            release(frame: f)
            requests[slot].depth = depth &- 1
        }
    }

    /// The step the request is at (not a call: a join) failed with `cause`.
    mutating func stepFailed(slot: Int, cause: ErrorCause) {
        let depth = requests[slot].depth
        if depth == 0 || depth == requests[slot].detachedDepth {
            if requests[slot].detachedDepth >= 0 { freeRequest(slot) } else { requestFailed(slot: slot, cause: cause, free: true) }
            return
        }
        let f = requestBase(slot) &+ Int(depth &- 1)
        let callPC = frames[f].callPC
        release(frame: f)
        requests[slot].depth = depth &- 1
        callFailed(slot: slot, callPC: callPC, cause: cause)
    }

    /// The request as a whole ended in `cause`: a client's is counted, a fork child reports to its
    /// parent, a job is counted as failed. With `free`, the slot is released too (otherwise zombie
    /// work still runs in it).
    mutating func requestFailed(slot: Int, cause: ErrorCause, free: Bool) {
        switch requests[slot].origin {
        case .client:
            let now = calendar.now
            touchInSystem(now)
            inSystem &-= 1
            buckets.errors[cause] &+= 1
            if requests[slot].measured {
                overall.errors[cause] &+= 1
                if classes.count > 1 { classes[Int(requests[slot].requestClass)].errors[cause] &+= 1 }
                sojournSum += (now - requests[slot].arrivalTime).seconds
            }
            workloadRequestEnded(slot: slot)
            if free { freeRequest(slot) }
        case .job:
            if requests[slot].measured { jobs.errors[cause] &+= 1 }
            if free { freeRequest(slot) }
        case .forkChild:
            notifyParent(child: slot, error: cause)
            if free { freeRequest(slot) }
        }
    }

    /// The call at frame `depth` of `slot` fails with `cause` while it is under way (a timeout, a
    /// crash). With `keepWork` (a timeout) its own work runs on as zombie work; without it (a
    /// crash) the work at that frame is lost, and only the calls it made downstream run on.
    mutating func abort(slot: Int, atDepth depth: Int, cause: ErrorCause, keepWork: Bool) {
        let base = requestBase(slot)
        let f = base &+ depth
        let top = Int(requests[slot].depth) - 1
        let working = frames[f].state == .serving || frames[f].state == .holding
        let zombieFrom = keepWork && working ? depth : depth + 1
        let callPC = frames[f].callPC
        if zombieFrom > top {
            // Nothing runs on above the failed call: drop it, and its caller gets the error.
            release(frame: f)
            requests[slot].depth = Int32(depth)
            callFailed(slot: slot, callPC: callPC, cause: cause)
            return
        }
        if !keepWork || !working { release(frame: f) }
        let detached = Int(requests[slot].detachedDepth)
        if detached >= 0 {
            // Already zombie work: the zombie callers below give up too.
            for k in stride(from: depth - 1, through: detached, by: -1) { release(frame: base + k) }
            requests[slot].detachedDepth = Int32(zombieFrom)
            return
        }
        requests[slot].waitingAtJoin = false
        requests[slot].parkSerial &+= 1
        kindRequestInterrupted(slot: slot)
        guard let catcher = catchingLevel(slot: slot, failedDepth: depth) else {
            // Nobody catches the error: every caller gives up, and the request ends now.
            for k in stride(from: depth - 1, through: 0, by: -1) { release(frame: base + k) }
            requests[slot].detachedDepth = Int32(zombieFrom)
            requestFailed(slot: slot, cause: cause, free: false)
            return
        }
        // The step that made the call at level `catcher` handles the error and goes on, in a new
        // slot, while this one finishes the zombie work.
        let handler = program[Int(frames[base + catcher].callPC)].onError
        for k in stride(from: depth - 1, through: catcher, by: -1) { release(frame: base + k) }
        let continuing = moveCaller(of: slot, frames: catcher)
        requests[slot].detachedDepth = Int32(zombieFrom)
        requests[continuing].lastError = cause.rawValue
        requests[continuing].pc = handler
        requests[continuing].lastError = cause.rawValue
        execute(slot: continuing)
    }

    /// The deepest level k ≤ `failedDepth` whose call instruction handles errors, or nil.
    func catchingLevel(slot: Int, failedDepth: Int) -> Int? {
        let base = requestBase(slot)
        for k in stride(from: failedDepth, through: 0, by: -1) where program[Int(frames[base + k].callPC)].onError >= 0 {
            return k
        }
        return nil
    }

    /// Moves the request's identity and its frames `0 ..< count` to a new slot, relinking their
    /// timers, and returns the new slot. The old slot keeps the frames above, as zombie work.
    mutating func moveCaller(of slot: Int, frames count: Int) -> Int {
        let moved = allocateRequest()
        let generation = requests[moved].generation
        requests[moved] = requests[slot]
        requests[moved].generation = generation
        requests[moved].depth = Int32(count)
        requests[moved].detachedDepth = -1
        requests[moved].waitingAtJoin = false
        // A pending wake-up is the old slot's (its zombie work's), not the moved caller's.
        requests[moved].wakeSequence = .max
        let from = requestBase(slot), to = requestBase(moved)
        for k in 0..<count {
            frames[to + k] = frames[from + k]
            relinkTimer(from: from + k, to: to + k)
        }
        return moved
    }

    /// Frame `old` was copied to `new`: its neighbours in its timer list now point at `new`.
    mutating func relinkTimer(from old: Int, to new: Int) {
        let list = Int(frames[new].timerList)
        guard list >= 0 else { return }
        let prev = frames[new].timerPrev, next = frames[new].timerNext
        if prev >= 0 { frames[Int(prev)].timerNext = Int32(new) } else { timerLists[list].head = Int32(new) }
        if next >= 0 { frames[Int(next)].timerPrev = Int32(new) } else { timerLists[list].tail = Int32(new) }
        frames[old].timerList = -1
        frames[old].timerPrev = -1
        frames[old].timerNext = -1
    }
}

import HeadroomEngine

/// What happens when a request cannot complete: a full queue rejects it, or a caller's
/// timeout expires. Either way the error travels up the call stack at once, releasing every
/// worker the request's callers hold; work already started below a timed-out caller goes on
/// ("zombie" work, as in a real thread-per-request server that does not know the client left).
extension Simulation {
    enum Outcome { case rejected, failed }

    /// Unwinds the live frames below `depth`, records the outcome (once), and frees the slot.
    mutating func abandon(slot: Int, below depth: Int32, outcome: Outcome) {
        let detached = requests[slot].detachedDepth
        var d = depth &- 1
        while d >= max(detached, 0) {
            releaseWorker(frame: frameIndex(slot, d))
            d &-= 1
        }
        if detached < 0 { record(outcome, slot: slot) }
        freeRequest(slot)
    }

    /// Counts a rejected or failed request once, when its caller learns of it.
    mutating func record(_ outcome: Outcome, slot: Int) {
        let now = calendar.now
        touchInSystem(now)
        inSystem -= 1
        let request = requests[slot]
        guard request.measured else { return }
        let c = Int(request.requestClass)
        switch outcome {
        case .rejected:
            overall.rejected &+= 1
            classes[c].rejected &+= 1
        case .failed:
            overall.failed &+= 1
            classes[c].failed &+= 1
        }
        sojournSum += now - request.arrivalTime
    }

    mutating func handleTimeout(slot: Int, sequence: UInt64) {
        let depth = requests[slot].depth
        let base = max(requests[slot].detachedDepth, 0)
        var d = base
        while d < depth, frames[frameIndex(slot, d)].timeoutSequence != sequence { d &+= 1 }
        guard d < depth else { return }  // the call returned before its timeout: nothing to do
        let f = frameIndex(slot, d)
        if measuring { counters[Int(stations[Int(frames[f].station)].component)].timedOut &+= 1 }
        frames[f].timeoutSequence = Frame.noTimeout
        if frames[f].state == .queued {
            // Nothing started here: leave the queue and tell every caller.
            requests[slot].depth = d
            releaseWorker(frame: f)
            abandon(slot: slot, below: d, outcome: .failed)
            return
        }
        // Work is under way at this frame: callers get the error now, the work runs on detached.
        let wasDetached = requests[slot].detachedDepth >= 0
        var k = d &- 1
        while k >= base {
            releaseWorker(frame: frameIndex(slot, k))
            k &-= 1
        }
        if !wasDetached { record(.failed, slot: slot) }
        requests[slot].detachedDepth = d
    }
}

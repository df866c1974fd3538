import HeadroomEngine
import HeadroomScenario

/// Requests that start other requests: a parallel fork whose children report to a join, and a
/// detached job that outlives the request that spawned it. Children are ordinary requests in the
/// slab with their own call stacks; they carry their parent's class, key and measured flag.
extension Simulation {
    /// Starts one child per branch of `instruction` and parks the request at its join.
    mutating func fork(slot: Int, instruction: Instruction) {
        let count = Int(instruction.count)
        requests[slot].forkSerial &+= 1
        requests[slot].waitingAtJoin = true
        requests[slot].childrenPending = Int32(count)
        requests[slot].childrenSucceeded = 0
        requests[slot].childrenFailed = 0
        requests[slot].firstChildError = 0
        requests[slot].pc = instruction.end
        // Allocate every child before running any: a child that finishes at once may resume the
        // parent, which must not find half its children missing.
        forkScratch.removeAll(keepingCapacity: true)
        for b in 0..<count {
            let child = allocateRequest()
            requests[child].origin = .forkChild
            requests[child].requestClass = requests[slot].requestClass
            requests[child].key = requests[slot].key
            requests[child].measured = requests[slot].measured
            requests[child].arrivalTime = calendar.now
            requests[child].parent = Int32(slot)
            requests[child].parentGeneration = requests[slot].generation
            requests[child].parentSerial = requests[slot].forkSerial
            requests[child].pc = branchStarts[Int(instruction.target) + b]
            forkScratch.append(Int32(child))
        }
        let children = forkScratch
        for child in children { execute(slot: Int(child)) }
    }

    /// A fork child reached the end of its branch (`error` nil) or failed.
    mutating func childFinished(slot: Int, error: ErrorCause?) {
        notifyParent(child: slot, error: error)
        freeRequest(slot)
    }

    /// Reports a child's outcome to its parent's join, if the parent is still waiting for this
    /// fork: the join goes on once enough children succeeded, and fails once too many failed.
    mutating func notifyParent(child: Int, error: ErrorCause?) {
        let p = Int(requests[child].parent)
        guard p >= 0, requests[p].generation == requests[child].parentGeneration,
            requests[p].forkSerial == requests[child].parentSerial, requests[p].waitingAtJoin
        else { return }
        let join = program[Int(requests[p].pc)]
        requests[p].childrenPending &-= 1
        if let error, !join.tolerant {
            requests[p].childrenFailed &+= 1
            if requests[p].childrenFailed == 1 { requests[p].firstChildError = error.rawValue }
        } else {
            requests[p].childrenSucceeded &+= 1
        }
        let branches = requests[p].childrenSucceeded &+ requests[p].childrenFailed &+ requests[p].childrenPending
        if requests[p].childrenSucceeded >= join.count {
            requests[p].waitingAtJoin = false
            requests[p].pc &+= 1
            execute(slot: p)
        } else if requests[p].childrenFailed > branches &- join.count {
            // Too many failed for the join to be met: the join fails with the first error.
            requests[p].waitingAtJoin = false
            let cause = ErrorCause(rawValue: requests[p].firstChildError) ?? .failed
            if join.onError >= 0 && requests[p].detachedDepth < 0 {
                requests[p].lastError = cause.rawValue
                requests[p].pc = join.onError
                requests[p].lastError = cause.rawValue
                execute(slot: p)
            } else {
                stepFailed(slot: p, cause: cause)
            }
        }
    }

    /// Starts a detached job at `entry`: it carries the request's class and key, answers to
    /// nobody, and is counted as a job when it completes or fails.
    mutating func spawnJob(from slot: Int, entry: Int32) {
        let job = allocateRequest()
        requests[job].origin = .job
        requests[job].requestClass = requests[slot].requestClass
        requests[job].key = requests[slot].key
        requests[job].measured = measuring
        requests[job].arrivalTime = calendar.now
        requests[job].pc = entry
        if measuring { jobs.offered &+= 1 }
        execute(slot: job)
    }
}

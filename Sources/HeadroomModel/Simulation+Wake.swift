import HeadroomEngine
import HeadroomScenario

/// Pauses: a request can wait for a while with nothing in flight (a retry's backoff, a job's
/// delay) and then go on at its current instruction.
extension Simulation {
    /// Resumes request `slot` at its current `pc` after `delay`.
    mutating func wake(slot: Int, after delay: SimDuration) {
        requests[slot].wakeSequence = calendar.schedule(after: delay, kind: EventKind.wake.rawValue, target: UInt32(slot))
    }

    /// A pause ended: the request goes on, unless the event is stale (the slot moved on).
    mutating func handleWake(slot: Int, sequence: UInt64) {
        guard requests[slot].inUse, requests[slot].wakeSequence == sequence else { return }
        requests[slot].wakeSequence = .max
        execute(slot: slot)
    }
}

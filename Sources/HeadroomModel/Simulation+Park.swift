import HeadroomEngine
import HeadroomScenario

/// Parking: a request waits at a kind's step with nothing in flight until the kind resumes it
/// (a cache miss waiting for another request's fill). The kind keeps the ticket; a ticket goes
/// stale when the request moves on meanwhile (an error took it elsewhere, its slot was freed),
/// and then resumes nothing.
struct ParkTicket: Sendable, Equatable {
    var slot: Int32
    var generation: UInt32
    var serial: UInt32
}

extension Simulation {
    /// A ticket to resume request `slot` at its current instruction.
    mutating func park(slot: Int) -> ParkTicket {
        ParkTicket(slot: Int32(slot), generation: requests[slot].generation, serial: requests[slot].parkSerial)
    }

    /// Resumes a parked request at its current `pc`, if its ticket still holds; returns whether it did.
    @discardableResult
    mutating func resume(_ ticket: ParkTicket) -> Bool {
        let slot = Int(ticket.slot)
        guard requests[slot].inUse, requests[slot].generation == ticket.generation,
            requests[slot].parkSerial == ticket.serial
        else { return false }
        requests[slot].parkSerial &+= 1
        execute(slot: slot)
        return true
    }
}

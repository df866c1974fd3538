/// One instruction of a compiled route. Routes compile to a flat array of these, so walking a
/// request through the architecture is a loop over an array index — no tree, no closures.
///
/// A call's body (its `then` steps) follows it directly and ends with a matching `.return`
/// whose index is `end`; skipping the call (probability) or returning from it both continue at
/// `end + 1`.
struct Instruction: Sendable {
    enum Operation: UInt8, Sendable {
        /// Call station `target` synchronously.
        case callStation
        /// Call balancer `target`, which forwards to a station instance it chooses.
        case callBalancer
        /// Leave the innermost call: release its worker and continue after it.
        case `return`
        /// The route is finished: the request completed.
        case done
    }

    var operation: Operation
    /// A station index (`callStation`) or a balancer index (`callBalancer`).
    var target: Int32 = -1
    /// Chance that the call happens; 1 means always.
    var probability: Double = 1
    /// Service-time distribution index for this call, or -1 for the station's own.
    var distribution: Int32 = -1
    /// Index of the matching `.return` (calls only).
    var end: Int32 = -1
    /// Random stream index for the probability draw (calls with probability < 1).
    var stream: Int32 = -1
}

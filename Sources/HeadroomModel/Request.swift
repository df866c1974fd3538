import HeadroomEngine

/// A request in flight, stored in the slab by index ("slot").
///
/// Besides client requests the slab holds the children a request starts: the branches of a
/// parallel fork (which report to their parent's join) and detached jobs (which outlive the
/// request that spawned them). A slot's `generation` is bumped when it is freed, so anything
/// holding (slot, generation) can tell whether the request it meant is still there.
struct Request: Sendable {
    /// Who a request answers to.
    enum Origin: UInt8, Sendable {
        /// A client's request, counted in the request statistics.
        case client
        /// A branch of a fork: it reports to its parent's join.
        case forkChild
        /// A detached job started by `spawn`: it answers to nobody and is counted as a job.
        case job
    }

    var generation: UInt32 = 0
    /// Allocated (not on the free list).
    var inUse = false
    var requestClass: Int32 = 0
    /// Next instruction to execute.
    var pc: Int32 = 0
    /// Active frames (nested calls) on its stack.
    var depth: Int32 = 0
    /// Frames below this depth belong to a caller that stopped waiting (a timeout); the frames
    /// from here up are "zombie" work that runs on and then frees the slot. -1: none.
    var detachedDepth: Int32 = -1
    var origin: Origin = .client
    /// Arrived after warm-up, so it counts in the statistics.
    var measured = false
    /// The answer of the last call that gave one (a cache's hit or miss), for `branch`.
    var answer: UInt8 = 0
    /// The cause (an ``ErrorCause`` raw value) of the last error handed to one of its steps'
    /// `onError` handlers, so the handler knows why (a retry tells a timeout from a rejection; a
    /// job's retry counts its final failure by cause).
    var lastError: UInt8 = 0
    /// The key the request carries (caches, shards, sticky routing).
    var key: UInt64 = 0
    /// When the client request (or job) arrived.
    var arrivalTime: SimInstant = .zero

    // A fork child's parent: its slot, generation and the serial of the fork it belongs to.
    var parent: Int32 = -1
    var parentGeneration: UInt32 = 0
    var parentSerial: UInt32 = 0

    // A parent waiting at a join.
    var waitingAtJoin = false
    /// Bumped by every fork, so children of an earlier fork cannot report to a later join.
    var forkSerial: UInt32 = 0
    /// Children still running, children that succeeded, children that failed.
    var childrenPending: Int32 = 0
    var childrenSucceeded: Int32 = 0
    var childrenFailed: Int32 = 0
    /// The first error a child reported, for the join's own error.
    var firstChildError: UInt8 = 0
    /// Attempts so far of a retried step at the top level (a job's attempts, a retried call made
    /// outside any other call); calls made from inside a frame count in `Frame.attempts`.
    var attempts: UInt16 = 0
    /// Bumped whenever the request leaves a step it was parked at (``Simulation/park(slot:)``),
    /// so a ticket to the old step no longer resumes it.
    var parkSerial: UInt32 = 0
    /// The sequence number of its pending `wake` event (a backoff before a retry), so a stale
    /// one — its request failed meanwhile and the slot was reused — is recognised.
    var wakeSequence: UInt64 = .max
}

/// One active call of a request: where it is, in what state, and its links in the intrusive
/// lists of its instance's queue and of its timer list. All links are global frame indices
/// (slot × maxDepth + depth), -1 for none.
struct Frame: Sendable {
    enum State: UInt8, Sendable {
        /// On its way through a router (the router's latency).
        case inTransit
        /// Waiting for a worker in its instance's queue.
        case queued
        /// A worker is doing the pool's own work.
        case serving
        /// The worker is held while the call's `then` steps run (thread-per-request).
        case holding
    }

    var pool: Int32 = -1
    var instance: Int32 = -1
    /// The router the call went through, or -1 for a direct call.
    var router: Int32 = -1
    var state: State = .inTransit
    /// The queue level (0 = highest priority) it waits in.
    var priority: UInt8 = 0
    /// Index of the call instruction.
    var callPC: Int32 = -1
    /// When it reached the router or the pool.
    var arrivedAt: SimInstant = .zero
    /// The calendar sequence number of its pending service or transit event, to recognise a
    /// stale one (its call was failed by a crash meanwhile).
    var eventSequence: UInt64 = .max
    /// When its timeout expires, if it is in a timer list.
    var deadline: SimInstant = .never
    /// The timer list it is linked into, or -1.
    var timerList: Int32 = -1
    var timerPrev: Int32 = -1
    var timerNext: Int32 = -1
    var queuePrev: Int32 = -1
    var queueNext: Int32 = -1
    /// Attempts so far of a retried call made from inside this frame (reset when a call is made).
    var attempts: UInt16 = 0
}

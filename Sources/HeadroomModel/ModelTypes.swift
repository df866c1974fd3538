import DequeModule
import HeadroomEngine

/// Configuration and shared state of one station (a pool, a function or an external API).
struct Station: Sendable {
    /// What kind of station: decides cold starts and rate limiting.
    enum Behaviour: UInt8, Sendable { case pool, function, externalAPI }

    var behaviour: Behaviour = .pool
    var component: Int32
    var concurrency: Int32
    /// Waiting room per instance; -1 is unbounded.
    var queueCapacity: Int32
    /// Seconds a request may spend here before its caller gives up; 0 means no timeout.
    var timeout: Double
    var firstInstance: Int32
    var instanceCount: Int32
    /// The station's own service-time distribution index.
    var distribution: Int32
    var stream: Int32
    /// Next instance for calls made straight to the pool (round robin).
    var cursor: Int32 = 0
    /// Function: cold-start distribution index, or -1 for none.
    var coldStart: Int32 = -1
    /// Function: seconds an idle container stays warm.
    var idleTimeout: Double = 0
    /// External API: calls per second allowed (0: unlimited), bucket size and its state.
    var rateLimit: Double = 0
    var bucketSize: Double = 0
    var tokens: Double = 0
    var tokensUpdated: Double = 0
}

/// Live state and time-weighted accumulators of one station instance.
struct Instance: Sendable {
    var station: Int32
    /// Workers held (serving, or blocked on downstream calls).
    var busy: Int32 = 0
    /// Workers doing this station's own service work.
    var serving: Int32 = 0
    /// Live entries in `queue` (cancelled entries are skipped lazily).
    var queued: Int32 = 0
    /// Requests a balancer has sent here that have not arrived yet (balancer latency).
    var inTransit: Int32 = 0
    /// Waiting requests as (generation << 32 | slot).
    var queue = Deque<UInt64>()
    var lastChange: Double = 0
    var busyArea: Double = 0
    var servingArea: Double = 0
    var queueArea: Double = 0

    /// Requests this instance is responsible for, as a balancer sees open connections.
    var inFlight: Int32 { busy + queued + inTransit }
}

/// A compiled load balancer.
struct Balancer: Sendable {
    var component: Int32
    var strategy: Strategy
    /// Global instance indices it can choose from.
    var candidates: [Int32]
    /// Weight of each candidate (weighted round robin).
    var weights: [Double]
    /// Smooth weighted round robin state, one per candidate.
    var currentWeights: [Double]
    var cursor: Int = 0
    var latency: Int32
    var stream: Int32

    enum Strategy: UInt8, Sendable {
        case roundRobin, weightedRoundRobin, random, leastConnections, powerOfTwoChoices
    }
}

/// Counters of one component over the measured window.
struct ComponentCounters: Sendable {
    var arrivals: Int = 0
    var departures: Int = 0
    var rejected: Int = 0
    var timedOut: Int = 0
    var waitSum: Double = 0
    var waitCount: Int = 0
    var residenceSum: Double = 0
    var residenceCount: Int = 0
    /// Own service time (cold starts included) of services started in the window.
    var serviceSum: Double = 0
    /// Function invocations that needed a new container.
    var coldStarts: Int = 0
    /// Kilobytes of responses to requests that passed (balancers: egress).
    var kilobytes: Double = 0
}

/// A request in flight, stored in the slab by index.
struct Request: Sendable {
    /// Bumped when the slot is freed, so stale queue entries can be recognised.
    var generation: UInt32 = 0
    var requestClass: Int32 = 0
    /// Next instruction to execute.
    var pc: Int32 = 0
    /// Active frames (nested calls) on its stack.
    var depth: Int32 = 0
    /// Frames below this depth were abandoned when a caller timed out; -1 when the request's
    /// caller is still waiting for it.
    var detachedDepth: Int32 = -1
    var arrivalTime: Double = 0
    /// Arrived after warm-up, so it counts in the statistics.
    var measured = false
}

/// One active call of a request.
struct Frame: Sendable {
    enum State: UInt8, Sendable { case inTransit, queued, serving, holding }
    var station: Int32 = -1
    var instance: Int32 = -1
    var state: State = .inTransit
    /// Index of the call instruction.
    var callPC: Int32 = -1
    var arrivedAt: Double = 0
    /// Sequence number of the pending timeout event, or `noTimeout`.
    var timeoutSequence: UInt64 = Frame.noTimeout

    static let noTimeout = UInt64.max
}

/// Event kinds the model schedules on the engine's calendar.
enum EventKind: UInt32 {
    case arrival = 0
    case serviceComplete = 1
    case transitComplete = 2
    case timeout = 3
    case warmupEnd = 4
}

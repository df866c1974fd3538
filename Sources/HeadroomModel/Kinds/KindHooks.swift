import HeadroomEngine
import HeadroomScenario

// The registry of kind behaviour in the model: every place where the shared mechanics ask a
// kind for something is one `switch` here, over small enums — no protocols with existentials,
// no closures per event. A new kind adds its case to `Behaviour` (pools) or `RouterBehaviour`
// (routers), its table to `KindTables`, and one line to each hook it needs; its code lives in
// its own file in this folder.

/// What kind of pool this is: whose hooks apply to it.
enum Behaviour: UInt8, Sendable {
    /// A service or database pool: no hooks.
    case pool
    /// A serverless function (Kinds/Function.swift).
    case function
    /// A third-party API (Kinds/ExternalAPI.swift).
    case externalAPI
    /// The workers of a queue (Kinds/Queue.swift): a service pool with a shared queue.
    case queueWorkers
}

/// What kind of router this is.
enum RouterBehaviour: UInt8, Sendable {
    /// A load balancer (Kinds/LoadBalancer.swift).
    case loadBalancer
}

/// Every kind's own live state: one table per kind that keeps some, indexed by `Pool.kindIndex`.
struct KindTables: Sendable {
    var functions: [FunctionState] = []
    var externalAPIs: [ExternalAPIState] = []
    var queues: [QueueState] = []
    var autoscalers: [AutoscalerState] = []
    var callPolicies: [CallPolicyState] = []
    var breakers: [BreakerState] = []
    var degradations: [DegradationState] = []
    var crashes: [CrashState] = []
    var crashInstances: [CrashInstance] = []
}

extension Simulation {
    /// Admission at pool `p`: nil admits the call; a cause refuses it.
    @inline(__always)
    mutating func kindAdmits(pool p: Int, instance i: Int, slot: Int) -> ErrorCause? {
        switch pools[p].behaviour {
        case .pool, .function, .queueWorkers: nil
        case .externalAPI: externalAPIAdmits(Int(pools[p].kindIndex))
        }
    }

    /// Time added to a call's own service time (a cold start).
    @inline(__always)
    mutating func kindExtraServiceTime(pool p: Int, instance i: Int) -> Double {
        switch pools[p].behaviour {
        case .pool, .externalAPI, .queueWorkers: 0
        case .function: functionColdStart(Int(pools[p].kindIndex), generator: generators[Int(pools[p].stream)])
        }
    }

    /// A call's own work at pool `p` finished: nil lets the request run its `then` steps; a
    /// cause makes the call return that error instead (a fault, a failed lookup). A kind may
    /// also set the request's `answer` here (a cache's hit or miss) for a later `branch`.
    @inline(__always)
    mutating func kindServiceCompleted(pool p: Int, slot: Int) -> ErrorCause? {
        switch pools[p].behaviour {
        case .pool, .function, .externalAPI, .queueWorkers: nil
        }
    }

    /// A worker of pool `p` has just been given to request `slot`, which waited `waited` seconds for it.
    @inline(__always)
    mutating func kindServiceStarted(pool p: Int, slot: Int, waited: Double) {
        switch pools[p].behaviour {
        case .pool, .function, .externalAPI: break
        case .queueWorkers: queueJobStarted(Int(pools[p].kindIndex), slot: slot, waited: waited)
        }
    }

    /// Runs a `kindStep` instruction: the kind moves the request's `pc` on and returns true to
    /// go on at once, or false when the request now waits (woken later by the kind).
    mutating func executeKindStep(slot: Int, instruction: Instruction, pc: Int) -> Bool {
        let step = KindEvent(UInt32(bitPattern: instruction.target))
        switch step.tag {
        case .none, .autoscalerTick, .degradationStart, .degradationEnd, .crashScheduled, .crashFailure, .crashRepair:
            requests[slot].pc = Int32(pc &+ 1)
            return true
        case .enqueue: return queueEnqueue(step.index, slot: slot, pc: pc, instruction: instruction)
        case .jobAttempt: return queueJobAttempt(step.index, slot: slot, pc: pc)
        case .jobFailure: return queueJobFailure(step.index, slot: slot, pc: pc, instruction: instruction)
        case .jobRetry: return queueJobRetry(step.index, slot: slot, instruction: instruction)
        case .callPolicy: return executeCallPolicy(step.index, slot: slot, instruction: instruction, pc: pc)
        }
    }

    /// A client request ended (completed or failed): closed-loop workloads schedule that
    /// user's next request here.
    @inline(__always)
    mutating func workloadRequestEnded(slot: Int) {
        guard arrivals.isClosedLoop else { return }
        // The user thinks, then sends its next request.
        calendar.schedule(
            after: SimDuration(seconds: arrivals.thinkTime(thinkGenerator)), kind: EventKind.arrival.rawValue, target: 0)
    }

    /// The run starts: kinds schedule their first events (an autoscaler's first evaluation, a
    /// degradation's start, a scheduled crash) and set up what the topology needs.
    mutating func kindsStart() {
        autoscalersStart()
        degradationsStart()
        crashesStart()
    }

    /// A worker of pool `p` was released.
    @inline(__always)
    mutating func kindWorkerReleased(pool p: Int, instance i: Int) {
        switch pools[p].behaviour {
        case .pool, .externalAPI, .queueWorkers: break
        case .function: functionContainerReleased(Int(pools[p].kindIndex))
        }
    }

    /// The instance router `r` sends a call to, or -1 when it has none to send to.
    @inline(__always)
    mutating func chooseInstance(router r: Int, slot: Int) -> Int {
        switch routers[r].behaviour {
        case .loadBalancer: balance(router: r)
        }
    }

    /// An event a kind scheduled (``KindEvent``).
    mutating func handleKindEvent(target: UInt32) {
        let event = KindEvent(target)
        switch event.tag {
        case .none, .enqueue, .jobAttempt, .jobFailure, .jobRetry, .callPolicy: break
        case .autoscalerTick: autoscalerEvaluate(event.index)
        case .degradationStart: setDegradation(event.index, active: true)
        case .degradationEnd: setDegradation(event.index, active: false)
        case .crashScheduled: scheduledCrash(event.index)
        case .crashFailure: randomFailure(entry: event.index)
        case .crashRepair: repairInstance(entry: event.index)
        }
    }

    /// The warm-up ended: kinds that count in their own tables start their window.
    mutating func kindsStartMeasuring() {
        for k in kinds.functions.indices { kinds.functions[k].startMeasuring() }
        for k in kinds.queues.indices { queueStartMeasuring(k) }
        for k in kinds.autoscalers.indices { kinds.autoscalers[k].startMeasuring() }
        callPoliciesStartMeasuring()
        crashesStartMeasuring()
    }

    /// Component `c`'s own figures for the report, if its kind has any.
    func kindFigures(component c: Int) -> KindFigures? {
        if let k = kinds.queues.firstIndex(where: { Int($0.component) == c }) { return queueFigures(k) }
        if let k = kinds.autoscalers.firstIndex(where: { Int($0.component) == c }) { return autoscalerFigures(k) }
        for p in pools.indices where Int(pools[p].component) == c {
            switch pools[p].behaviour {
            case .pool: return resilienceFigures(component: c)
            case .queueWorkers: return nil
            case .function:
                let invocations = counters[c].waitCount - warmupCounters[c].waitCount
                return kinds.functions[Int(pools[p].kindIndex)].figures(invocations: invocations)
            case .externalAPI: return nil
            }
        }
        return resilienceFigures(component: c) ?? degradationFigures(component: c) ?? crashFigures(component: c)
    }

    /// Component `c`'s own measure of saturation over a window of `window` seconds in which
    /// `accepted` calls were admitted, when its kind has one (nil: worker utilization).
    func kindSaturation(component c: Int, window: Double, accepted: Int) -> Double? {
        for p in pools.indices where Int(pools[p].component) == c {
            switch pools[p].behaviour {
            case .pool, .function, .queueWorkers: return nil
            case .externalAPI: return externalAPISaturation(Int(pools[p].kindIndex), window: window, accepted: accepted)
            }
        }
        return nil
    }

    /// Component `c`'s own figures for the time bucket that is ending (a kind may reset its
    /// per-bucket accumulators, or keep what it needs to measure the next bucket, here).
    mutating func kindBucketFigures(component c: Int) -> [KindFigures.Figure] {
        if let k = kinds.queues.firstIndex(where: { Int($0.component) == c }) { return queueBucketFigures(k) }
        if let k = kinds.autoscalers.firstIndex(where: { Int($0.component) == c }) { return autoscalerBucketFigures(k) }
        return resilienceBucketFigures(component: c)
    }
}

/// An event of a kind: the calendar's 32-bit target packs the kind's tag (high byte) and the
/// index of its entry in the kind's table (low 24 bits).
struct KindEvent: Sendable {
    enum Tag: UInt8, Sendable {
        case none
        /// A route's enqueue step (Kinds/Queue.swift): index = the queue.
        case enqueue
        /// A job begins an attempt.
        case jobAttempt
        /// A job's attempt may fail (its failure probability).
        case jobFailure
        /// A job's attempt failed: retry after a backoff, or dead-letter it.
        case jobRetry
        /// An autoscaler's evaluation (Kinds/Autoscaler.swift): index = the autoscaler.
        case autoscalerTick
        /// A resilient call step's instruction (Steps/Call+Resilience.swift).
        case callPolicy
        /// A degradation starts or ends (Kinds/Degradation.swift).
        case degradationStart, degradationEnd
        /// A scheduled crash, a random failure, a repair (Kinds/Crash.swift).
        case crashScheduled, crashFailure, crashRepair
    }

    var tag: Tag
    var index: Int

    init(tag: Tag, index: Int) {
        self.tag = tag
        self.index = index
    }

    init(_ target: UInt32) {
        tag = Tag(rawValue: UInt8(target >> 24)) ?? .none
        index = Int(target & 0x00ff_ffff)
    }

    var target: UInt32 { UInt32(tag.rawValue) << 24 | UInt32(index) }
}

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
    /// A database's primary or replicas, with replicas or a connection set-up (Kinds/Database.swift).
    case database
    /// The primaries or the replicas of sharded data (Kinds/Shards.swift).
    case shards
    /// A cache server (Kinds/Cache.swift).
    case cache
    /// A CDN's edge (Kinds/CDN.swift).
    case cdn
    /// Connection pools, one instance per calling instance (Kinds/ConnectionPool.swift).
    case connectionPool
    /// A rate limiter's token buckets (Kinds/RateLimiter.swift).
    case rateLimiter
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
    /// Databases with replicas or a connection set-up, and shards.
    var dataStores: [DataStoreState] = []
    /// Caches and CDNs.
    var caches: [CacheState] = []
    var connectionPools: [ConnectionPoolState] = []
    /// Load balancers' health checkers, and the instance slots they check.
    var healthCheckers: [HealthCheckerState] = []
    var healthChecks: [HealthCheckEntry] = []
    var rateLimiters: [RateLimiterState] = []
    /// Single-flight fills in progress over every cache: the interruption hook looks only when there are some.
    var fillsInFlight = 0
}

extension Simulation {
    /// Admission at pool `p`: nil admits the call; a cause refuses it.
    @inline(__always)
    mutating func kindAdmits(pool p: Int, instance i: Int, slot: Int) -> ErrorCause? {
        switch pools[p].behaviour {
        case .pool, .function, .queueWorkers, .database, .shards, .cache, .cdn, .connectionPool: nil
        case .externalAPI: externalAPIAdmits(Int(pools[p].kindIndex))
        case .rateLimiter: rateLimiterAdmits(Int(pools[p].kindIndex), slot: slot)
        }
    }

    /// The instance of pool `p` a direct call (`callPool`) of request `slot` goes to, or -1 when
    /// none can take it: the pool's instances in turn, unless its kind chooses (by the request's
    /// key, or by the instance the call comes from).
    @inline(__always)
    mutating func kindDispatch(pool p: Int, slot: Int) -> Int32 {
        switch pools[p].behaviour {
        case .pool, .function, .externalAPI, .cache, .cdn, .queueWorkers, .rateLimiter: dispatch(pool: p)
        case .database, .shards: dataStoreDispatch(Int(pools[p].kindIndex), pool: p, slot: slot)
        case .connectionPool: connectionPoolDispatch(Int(pools[p].kindIndex), slot: slot)
        }
    }

    /// Time added to a call's own service time (a cold start); `f` is the call's frame, whose
    /// request and callers the kind may look at.
    @inline(__always)
    mutating func kindExtraServiceTime(pool p: Int, instance i: Int, frame f: Int) -> Double {
        switch pools[p].behaviour {
        case .pool, .externalAPI, .cache, .cdn, .connectionPool, .queueWorkers, .rateLimiter: 0
        case .function: functionColdStart(Int(pools[p].kindIndex), generator: generators[Int(pools[p].stream)])
        case .database, .shards: dataStoreConnectionSetup(Int(pools[p].kindIndex), frame: f)
        }
    }

    /// A call's own work at pool `p` finished: nil lets the request run its `then` steps; a
    /// cause makes the call return that error instead (a fault, a failed lookup). A kind may
    /// also set the request's `answer` here (a cache's hit or miss) for a later `branch`.
    @inline(__always)
    mutating func kindServiceCompleted(pool p: Int, slot: Int) -> ErrorCause? {
        switch pools[p].behaviour {
        case .pool, .function, .externalAPI, .cache, .connectionPool, .queueWorkers, .rateLimiter: nil
        case .database, .shards: dataStoreServed(Int(pools[p].kindIndex), pool: p, slot: slot)
        case .cdn: cdnServed(Int(pools[p].kindIndex), slot: slot)
        }
    }

    /// A worker of pool `p` has just been given to request `slot`, which waited `waited` seconds for it.
    @inline(__always)
    mutating func kindServiceStarted(pool p: Int, slot: Int, waited: Double) {
        switch pools[p].behaviour {
        case .pool, .function, .externalAPI, .database, .shards, .cache, .cdn, .connectionPool, .rateLimiter: break
        case .queueWorkers: queueJobStarted(Int(pools[p].kindIndex), slot: slot, waited: waited)
        }
    }

    /// Runs a `kindStep` instruction: the kind moves the request's `pc` on and returns true to
    /// go on at once, or false when the request now waits (woken later by the kind).
    mutating func executeKindStep(slot: Int, instruction: Instruction, pc: Int) -> Bool {
        let step = KindEvent(UInt32(bitPattern: instruction.target))
        switch step.tag {
        case .none, .cacheResume, .autoscalerTick, .degradationStart, .degradationEnd, .crashScheduled, .crashFailure, .crashRepair,
            .healthCheck, .healthCheckTimeout:
            requests[slot].pc = Int32(pc &+ 1)
            return true
        case .enqueue: return queueEnqueue(step.index, slot: slot, pc: pc, instruction: instruction)
        case .jobAttempt: return queueJobAttempt(step.index, slot: slot, pc: pc)
        case .jobFailure: return queueJobFailure(step.index, slot: slot, pc: pc, instruction: instruction)
        case .jobRetry: return queueJobRetry(step.index, slot: slot, instruction: instruction)
        case .callPolicy: return executeCallPolicy(step.index, slot: slot, instruction: instruction, pc: pc)
        case .cacheLookup: return cacheLookup(step.index, slot: slot, hit: instruction.end, pc: pc)
        case .cacheAwait: return cacheAwait(step.index, slot: slot, hit: instruction.end, pc: pc)
        case .cacheFill: return cacheFill(step.index, slot: slot, pc: pc)
        case .cacheWrite: return cacheWrite(step.index, slot: slot, pc: pc)
        case .storeWrite: return dataStoreWrite(step.index, slot: slot, pc: pc)
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
        healthChecksStart()
    }

    /// A worker of pool `p` was released.
    @inline(__always)
    mutating func kindWorkerReleased(pool p: Int, instance i: Int) {
        switch pools[p].behaviour {
        case .pool, .externalAPI, .queueWorkers, .database, .shards, .cache, .cdn, .connectionPool, .rateLimiter: break
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
        case .none, .enqueue, .jobAttempt, .jobFailure, .jobRetry, .callPolicy, .cacheLookup, .cacheAwait, .cacheFill, .cacheWrite, .storeWrite:
            break
        case .autoscalerTick: autoscalerEvaluate(event.index)
        case .degradationStart: setDegradation(event.index, active: true)
        case .degradationEnd: setDegradation(event.index, active: false)
        case .crashScheduled: scheduledCrash(event.index)
        case .crashFailure: randomFailure(entry: event.index)
        case .crashRepair: repairInstance(entry: event.index)
        case .cacheResume: cacheResumeFollowers(event.index)
        case .healthCheck: healthCheck(entry: event.index)
        case .healthCheckTimeout: healthCheckResult(entry: event.index, passed: false)
        }
    }

    /// The warm-up ended: kinds that count in their own tables start their window.
    mutating func kindsStartMeasuring() {
        for k in kinds.functions.indices { kinds.functions[k].startMeasuring() }
        for k in kinds.queues.indices { queueStartMeasuring(k) }
        for k in kinds.autoscalers.indices { kinds.autoscalers[k].startMeasuring() }
        callPoliciesStartMeasuring()
        crashesStartMeasuring()
        healthChecksStartMeasuring()
        rateLimitersStartMeasuring()
        for k in kinds.caches.indices { kinds.caches[k].startMeasuring() }
        for k in kinds.dataStores.indices { dataStoreStartMeasuring(k) }
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
            case .database, .shards: return dataStoreFigures(Int(pools[p].kindIndex))
            case .cache, .cdn: return kinds.caches[Int(pools[p].kindIndex)].figures()
            case .connectionPool: return connectionPoolFigures(component: c)
            case .rateLimiter: return rateLimiterFigures(Int(pools[p].kindIndex))
            }
        }
        // A balancer's health checks come before the figures of resilient calls made to it
        // (those are then among its ``moreKindFigures(component:)``).
        return healthCheckFigures(component: c) ?? resilienceFigures(component: c) ?? degradationFigures(component: c)
            ?? crashFigures(component: c)
    }

    /// Figures of component `c` besides its kind's own (`own`): the retries of the resilient
    /// steps that call it, when its kind's figures are something else (a cache's, a balancer's
    /// health checks).
    func moreKindFigures(component c: Int, besides own: KindFigures?) -> [KindFigures] {
        guard let retries = callPolicyFigures(component: c), own?.name != retries.name else { return [] }
        return [retries]
    }

    /// Component `c`'s own measure of saturation over a window of `window` seconds in which
    /// `accepted` calls were admitted, when its kind has one (nil: worker utilization).
    func kindSaturation(component c: Int, window: Double, accepted: Int) -> Double? {
        for p in pools.indices where Int(pools[p].component) == c {
            switch pools[p].behaviour {
            case .pool, .function, .queueWorkers, .database, .shards, .cache, .cdn, .connectionPool: return nil
            case .externalAPI: return externalAPISaturation(Int(pools[p].kindIndex), window: window, accepted: accepted)
            case .rateLimiter: return rateLimiterSaturation(Int(pools[p].kindIndex), window: window, accepted: accepted)
            }
        }
        return nil
    }

    /// Component `c`'s own figures for the time bucket that is ending (a kind may reset its
    /// per-bucket accumulators, or move its bucket-start copy on, here).
    mutating func kindBucketFigures(component c: Int) -> [KindFigures.Figure] {
        if let k = kinds.queues.firstIndex(where: { Int($0.component) == c }) { return queueBucketFigures(k) }
        if let k = kinds.autoscalers.firstIndex(where: { Int($0.component) == c }) { return autoscalerBucketFigures(k) }
        for p in pools.indices where Int(pools[p].component) == c {
            switch pools[p].behaviour {
            case .pool, .function, .externalAPI, .queueWorkers: break
            case .database, .shards: return dataStoreBucketFigures(Int(pools[p].kindIndex)) + callPolicyBucketFigures(component: c)
            case .cache, .cdn: return kinds.caches[Int(pools[p].kindIndex)].bucketFigures() + callPolicyBucketFigures(component: c)
            case .connectionPool: return connectionPoolBucketFigures(component: c) + callPolicyBucketFigures(component: c)
            case .rateLimiter: return rateLimiterBucketFigures(Int(pools[p].kindIndex)) + callPolicyBucketFigures(component: c)
            }
        }
        if let health = healthCheckBucketFigures(component: c) { return health + callPolicyBucketFigures(component: c) }
        return resilienceBucketFigures(component: c)
    }

    /// Request `slot` was taken away from the step it was at by an error (a failed call, a
    /// timeout, a crash): a kind waiting for it to finish something there (a cache fill that
    /// other requests wait for) hands that on.
    @inline(__always)
    mutating func kindRequestInterrupted(slot: Int) {
        if kinds.fillsInFlight > 0 { cacheLeaderInterrupted(slot: slot) }
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
        /// Steps of a cache read (Kinds/Cache.swift): the lookup after the cache answered, a
        /// coalesced miss waiting for another request's fill, the fill after the miss branch.
        case cacheLookup, cacheAwait, cacheFill
        /// A write's effect on a cache entry (Kinds/Cache.swift).
        case cacheWrite
        /// An event: resume the requests that waited for a fill whose leader failed (Kinds/Cache.swift).
        case cacheResume
        /// A write to a data store with replicas, recorded for stale reads (Kinds/Database.swift).
        case storeWrite
        /// A health check of one instance slot is due, or a check of a hanging instance timed
        /// out (Kinds/HealthCheck.swift): index = the slot's entry.
        case healthCheck, healthCheckTimeout
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

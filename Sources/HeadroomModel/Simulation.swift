import HeadroomEngine
import HeadroomScenario
import Histogram

/// One run of a scenario: the compiled network, its live state and the event loop.
///
/// Everything on the per-event path lives in arrays of plain structs indexed by `Int32`:
/// requests in a slab with a free list, their call frames in one flat array (`maxDepth` per
/// request), pools and their instances, routers and their candidates, timer lists, samplers and
/// bare random generators. Queues and timer lists are intrusive doubly linked lists threaded
/// through the frames, so the loop allocates nothing once the slab has grown to the peak number
/// of requests in flight, and pending events stay O(requests in flight).
public struct Simulation: ~Copyable {
    // MARK: Configuration
    let end: SimInstant
    let warmupEnd: SimInstant
    let seed: UInt64
    let scenarioName: String
    let offeredRate: Double
    let program: [Instruction]
    /// First instruction of each branch of every fork (see ``Instruction``).
    let branchStarts: [Int32]
    /// Entry instruction, cumulative mix weight and key sampler of each request class.
    let classEntries: [Int32]
    let classCumulativeWeights: [Double]
    let classKeys: [KeySampler]
    /// Response size of each class in kilobytes (router egress).
    let classResponseKB: [Double]
    let maxDepth: Int
    let samplers: SamplerTable
    /// Most requests (clients, children and jobs) in flight at once before the run is stopped as unstable.
    let maxInFlight: Int

    // MARK: Randomness
    /// Owns every generator below; kept for the whole run (see ``RandomGenerator``).
    let streamOwner: RandomStreams
    let generators: [RandomGenerator]
    let arrivalGenerator: RandomGenerator
    let mixGenerator: RandomGenerator
    let keyGenerator: RandomGenerator
    var arrivals: Arrivals

    // MARK: Topology
    var pools: Table<Pool>
    var instances: Table<Instance>
    /// Each pool's instances in rotation, densely at the start of its region.
    var rotation: Table<Int32>
    /// Queue level heads and tails of every instance (frame indices, -1 when empty).
    var queueHeads: Table<Int32>
    var queueTails: Table<Int32>
    var routers: Table<Router>
    var routerBackends: [Int32]
    var routerBackendWeights: [Double]
    var candidates: Table<Int32>
    var candidateWeights: Table<Double>
    var currentWeights: Table<Double>
    var timerLists: Table<TimerList>
    var kinds: KindTables
    /// Per component: running instances over time (instance-hours) and serving workers (utilization).
    var fleets: [TimeIntegral]
    var workerCapacity: [TimeIntegral]
    /// Scheduled changes of pool sizes and instance states, in time order.
    let topologyChanges: [TopologyChange]
    /// While compiling, routers are filled once at the end rather than after every instance.
    var deferRouterRebuilds = false

    // MARK: Requests
    var requests = Table<Request>([], capacity: 1_024)
    var frames: Table<Frame>
    var freeSlots = Table<Int32>([], capacity: 1_024)
    var slotsInUse = 0
    /// Scratch space for the children of one fork.
    var forkScratch: [Int32] = []

    // MARK: Measurement
    var calendar = EventCalendar()
    /// Per component, cumulative since the start; the window's are these minus `warmupCounters`.
    var counters: Table<ComponentCounters>
    var warmupCounters: [ComponentCounters]
    var warmupAreas: [ComponentAreas]
    var warmupFleets: [Double]
    var warmupCapacity: [Double]
    var overall: ClassMeasurements
    var classes: [ClassMeasurements]
    var jobs: ClassMeasurements
    /// Client requests awaiting an outcome, and its time integral since the start.
    var inSystem = 0
    var inSystemArea = 0.0
    var inSystemLastChange = SimInstant.zero
    var warmupInSystemArea = 0.0
    var sojournSum = 0.0
    var buckets: TimeBuckets
    var events = 0
    var measuring: Bool
    /// Why the run ended before its duration, if it did.
    var stop: RunMeasurements.Stop?

    let componentIDs: [String]
    let componentKindList: [ComponentKind]
    let componentInstances: [Int]
    let componentConcurrency: [Int]
    let componentRoles: [ComponentMeasurements.Role]

    /// Compiles `scenario` for a run with `seed` (the scenario's own seed when nil).
    ///
    /// - Parameter maxInFlight: requests in flight at which the run stops as unstable, before
    ///   memory runs out (the default keeps the slab under about 1 GB).
    /// - Throws: ``ScenarioError`` when the scenario does not pass ``ScenarioValidator``.
    public init(scenario: Scenario, seed: UInt64? = nil, maxInFlight: Int = 2_000_000) throws(ScenarioError) {
        let problems = ScenarioValidator.validate(scenario)
        guard problems.isEmpty else { throw ScenarioError(file: scenario.name, diagnostics: problems) }
        try self.init(compiled: ModelCompiler(scenario), scenario: scenario, seed: seed, maxInFlight: maxInFlight)
    }

    /// A run of an already compiled model (tests build programs by hand this way).
    init(compiled: ModelCompiler, scenario: Scenario, seed: UInt64?, maxInFlight: Int = 2_000_000) throws(ScenarioError) {
        self.seed = seed ?? scenario.seed
        end = SimInstant(seconds: scenario.duration.seconds)
        warmupEnd = SimInstant(seconds: scenario.warmup.seconds)
        scenarioName = scenario.name
        offeredRate = scenario.workload.rate
        self.maxInFlight = maxInFlight
        program = compiled.program
        branchStarts = compiled.branchStarts
        classEntries = compiled.classEntries
        classCumulativeWeights = compiled.classCumulativeWeights
        classKeys = compiled.classKeys
        classResponseKB = compiled.classResponseKB
        maxDepth = compiled.maxDepth
        samplers = compiled.samplers

        let owner = RandomStreams(seed: self.seed)
        streamOwner = owner
        generators = compiled.streamNames.map { owner.generator(named: $0) }
        arrivalGenerator = owner.generator(named: "workload:arrivals")
        mixGenerator = owner.generator(named: "workload:mix")
        keyGenerator = owner.generator(named: "workload:keys")
        arrivals = Arrivals(scenario.workload)

        pools = Table(compiled.pools)
        instances = Table(compiled.instances)
        rotation = Table(repeating: -1, count: compiled.instances.count)
        queueHeads = Table(repeating: -1, count: compiled.queueSlots)
        queueTails = Table(repeating: -1, count: compiled.queueSlots)
        routers = Table(compiled.routers)
        routerBackends = compiled.routerBackends
        routerBackendWeights = compiled.routerBackendWeights
        candidates = Table(repeating: -1, count: compiled.candidateSlots)
        candidateWeights = Table(repeating: 0, count: compiled.candidateSlots)
        currentWeights = Table(repeating: 0, count: compiled.candidateSlots)
        timerLists = Table(compiled.timerLists)
        kinds = compiled.kinds
        topologyChanges = compiled.topologyChanges
        let componentCount = scenario.components.count
        fleets = Array(repeating: TimeIntegral(value: 0), count: componentCount)
        workerCapacity = fleets
        for (c, value) in compiled.fixedFleets { fleets[c] = TimeIntegral(value: value) }

        counters = Table(repeating: ComponentCounters(), count: componentCount)
        warmupCounters = Array(repeating: ComponentCounters(), count: componentCount)
        warmupAreas = Array(repeating: ComponentAreas(), count: componentCount)
        warmupFleets = Array(repeating: 0, count: componentCount)
        warmupCapacity = warmupFleets
        let duration = scenario.duration.seconds
        overall = ClassMeasurements(name: "*", maxSeconds: duration)
        classes = compiled.classNames.map { ClassMeasurements(name: $0, maxSeconds: duration) }
        jobs = ClassMeasurements(name: "jobs", maxSeconds: duration)
        measuring = scenario.warmup.seconds == 0
        buckets = TimeBuckets(
            width: TimeBuckets.width(requested: scenario.timeBucket?.seconds, duration: duration),
            components: componentCount, maxSeconds: duration)
        componentIDs = scenario.components.map(\.id)
        componentKindList = scenario.components.map(\.kind)
        componentInstances = compiled.componentInstances
        componentConcurrency = compiled.componentConcurrency
        componentRoles = compiled.callTargets.map { target in
            if case .router? = target { return .router }
            return .pool
        }
        frames = Table([], capacity: 1_024 * compiled.maxDepth)

        // Start every pool at its configured size, then fill the routers once.
        deferRouterRebuilds = true
        for (p, size) in compiled.initialSizes.enumerated() { resize(pool: p, to: size) }
        deferRouterRebuilds = false
        for r in routers.indices { rebuildCandidates(router: r) }
    }

    /// Runs the simulation to the scenario's duration (or until it must stop) and returns what it measured.
    public consuming func run() -> RunMeasurements {
        let first = arrivals.next(after: .zero, arrivalGenerator)
        if first.isFinite { calendar.schedule(at: first, kind: EventKind.arrival.rawValue, target: 0) }
        if warmupEnd > .zero { calendar.schedule(at: warmupEnd, kind: EventKind.warmupEnd.rawValue, target: 0) }
        calendar.schedule(at: buckets.firstEnd, kind: EventKind.bucketEnd.rawValue, target: 0)
        for (k, change) in topologyChanges.enumerated() {
            calendar.schedule(at: change.time, kind: EventKind.topologyChange.rawValue, target: UInt32(k))
        }
        kindsStart()
        while let event = calendar.next(notAfter: end) {
            events &+= 1
            switch EventKind(rawValue: event.kind) {
            case .serviceComplete?: handleServiceComplete(slot: Int(event.target), sequence: event.sequence)
            case .arrival?: handleArrival()
            case .transitComplete?: handleTransitComplete(slot: Int(event.target), sequence: event.sequence)
            case .timer?: handleTimer(list: Int(event.target))
            case .bucketEnd?: closeBucket()
            case .warmupEnd?: startMeasuring()
            case .instanceUp?: handleInstanceUp(instance: Int(event.target))
            case .topologyChange?: applyTopologyChange(topologyChanges[Int(event.target)])
            case .kind?: handleKindEvent(target: event.target)
            case .wake?: handleWake(slot: Int(event.target), sequence: event.sequence)
            case nil: preconditionFailure("unknown event kind \(event.kind)")
            }
            if stop != nil { break }
        }
        if stop == nil, calendar.now < end { calendar.advance(to: end) }
        return finish()
    }

    /// A new client request arrives: schedule the next, pick its class and key, start its route.
    mutating func handleArrival() {
        let now = calendar.now
        let next = arrivals.next(after: now, arrivalGenerator)
        if next.isFinite { calendar.schedule(at: next, kind: EventKind.arrival.rawValue, target: 0) }
        var requestClass = 0
        if classCumulativeWeights.count > 1 {
            let u = mixGenerator.uniform()
            while classCumulativeWeights[requestClass] < u && requestClass < classCumulativeWeights.count - 1 {
                requestClass += 1
            }
        }
        if slotsInUse >= maxInFlight {
            stop = .tooManyInFlight(at: now.seconds, inFlight: slotsInUse)
            return
        }
        let slot = allocateRequest()
        requests[slot].requestClass = Int32(requestClass)
        requests[slot].pc = classEntries[requestClass]
        requests[slot].arrivalTime = now
        requests[slot].measured = measuring
        requests[slot].origin = .client
        requests[slot].key = classKeys[requestClass].draw(keyGenerator)
        touchInSystem(now)
        inSystem &+= 1
        buckets.arrivals &+= 1
        if measuring {
            overall.offered &+= 1
            classes[requestClass].offered &+= 1
        }
        execute(slot: slot)
    }

    /// A slab slot for a new request, reset but for its generation.
    mutating func allocateRequest() -> Int {
        slotsInUse &+= 1
        if let slot = freeSlots.popLast() {
            let s = Int(slot)
            let generation = requests[s].generation
            requests[s] = Request()
            requests[s].generation = generation
            requests[s].inUse = true
            return s
        }
        var request = Request()
        request.inUse = true
        requests.append(request)
        frames.append(repeating: Frame(), count: maxDepth)
        return requests.count - 1
    }

    /// Frees slot `slot`: its generation moves on, so stale references to it are recognised.
    mutating func freeRequest(_ slot: Int) {
        requests[slot].generation &+= 1
        requests[slot].depth = 0
        requests[slot].waitingAtJoin = false
        requests[slot].inUse = false
        slotsInUse &-= 1
        freeSlots.append(Int32(slot))
    }

    /// Response kilobytes of the request's class.
    @inline(__always)
    func responseKB(slot: Int) -> Double { classResponseKB[Int(requests[slot].requestClass)] }

    /// The global index of `slot`'s frame 0.
    @inline(__always)
    func requestBase(_ slot: Int) -> Int { slot &* maxDepth }
}

/// Event kinds the model schedules on the engine's calendar.
enum EventKind: UInt32 {
    /// The next client request arrives (target unused).
    case arrival = 0
    /// The innermost call of request `target` finished its own work.
    case serviceComplete = 1
    /// Request `target` reached the instance its router chose.
    case transitComplete = 2
    /// Timer list `target`'s earliest deadline may have passed.
    case timer = 3
    /// The warm-up ends.
    case warmupEnd = 4
    /// A time bucket ends.
    case bucketEnd = 5
    /// Instance `target` has finished booting.
    case instanceUp = 6
    /// Scheduled topology change `target` happens.
    case topologyChange = 7
    /// An event of a component kind; `target` packs the kind and its own index (``KindEvent``).
    case kind = 8
    /// Request `target` resumes after a pause it asked for (``Simulation/wake(slot:after:)``).
    case wake = 9
}

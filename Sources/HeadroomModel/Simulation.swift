import HeadroomEngine
import HeadroomScenario
import Histogram

/// One run of a scenario: the compiled network, its live state and the event loop.
///
/// Everything on the per-event path lives in arrays of plain structs indexed by `Int32`:
/// requests in a slab with a free list, their call frames in one flat array (`maxDepth` per
/// request), stations and their instances, balancers, distributions and random streams. The loop
/// allocates nothing once the slab has grown to the peak number of requests in flight.
public struct Simulation: ~Copyable {
    let duration: Double
    let warmup: Double
    let seed: UInt64
    let scenarioName: String
    let offeredRate: Double
    let deterministicArrivals: Bool
    let meanInterarrival: Double

    var calendar = EventCalendar()
    let streamOwner: RandomStreams
    let streams: [RandomStream]
    let arrivalStream: RandomStream
    let mixStream: RandomStream

    var stations: [Station]
    var instances: [Instance]
    var balancers: [Balancer]
    let distributions: [Distribution]
    let program: [Instruction]
    let classEntries: [Int32]
    let classCumulativeWeights: [Double]
    let maxDepth: Int

    var requests: [Request] = []
    var frames: [Frame] = []
    var freeSlots: [Int32] = []

    var counters: [ComponentCounters]
    var overall: ClassMeasurements
    var classes: [ClassMeasurements]
    var inSystem = 0
    var inSystemArea = 0.0
    var inSystemLastChange = 0.0
    var sojournSum = 0.0
    var events = 0
    var measuring: Bool

    let componentIDs: [String]
    let componentKinds: [String]
    let componentInstances: [Int]
    let componentWorkers: [Int]

    /// Compiles `scenario` for a run with `seed` (the scenario's own seed when nil).
    ///
    /// - Throws: ``ScenarioError`` when the scenario does not pass ``ScenarioValidator``.
    public init(scenario: Scenario, seed: UInt64? = nil) throws(ScenarioError) {
        let problems = ScenarioValidator.validate(scenario)
        guard problems.isEmpty else { throw ScenarioError(file: scenario.name, diagnostics: problems) }
        let compiled = ModelCompiler(scenario)
        self.seed = seed ?? scenario.seed
        duration = scenario.duration.seconds
        warmup = scenario.warmup.seconds
        scenarioName = scenario.name
        offeredRate = scenario.workload.rate
        deterministicArrivals = scenario.workload.arrivals == .deterministic
        meanInterarrival = 1 / scenario.workload.rate

        let owner = RandomStreams(seed: self.seed)
        streamOwner = owner
        streams = compiled.streamNames.map { owner.stream(named: $0) }
        arrivalStream = owner.stream(named: "workload:arrivals")
        mixStream = owner.stream(named: "workload:mix")

        stations = compiled.stations
        instances = compiled.instances
        balancers = compiled.balancers
        distributions = compiled.distributions
        program = compiled.program
        classEntries = compiled.classEntries
        classCumulativeWeights = compiled.classCumulativeWeights
        maxDepth = compiled.maxDepth

        counters = Array(repeating: ComponentCounters(), count: scenario.components.count)
        overall = ClassMeasurements(name: "*", maxSeconds: duration)
        classes = compiled.classNames.map { ClassMeasurements(name: $0, maxSeconds: scenario.duration.seconds) }
        measuring = warmup == 0
        componentIDs = scenario.components.map(\.id)
        componentKinds = scenario.components.map(\.kind.name)
        componentInstances = scenario.components.map { $0.pool?.instances ?? 1 }
        componentWorkers = scenario.components.map { ($0.pool?.instances ?? 0) * ($0.pool?.concurrency ?? 0) }
        requests.reserveCapacity(1_024)
        frames.reserveCapacity(1_024 * maxDepth)
    }

    /// Runs the simulation to the scenario's duration and returns what it measured.
    public consuming func run() -> RunMeasurements {
        calendar.schedule(at: nextInterarrival(), kind: EventKind.arrival.rawValue, target: 0)
        if warmup > 0 { calendar.schedule(at: warmup, kind: EventKind.warmupEnd.rawValue, target: 0) }
        while let event = calendar.next(notAfter: duration) {
            events &+= 1
            switch EventKind(rawValue: event.kind) {
            case .arrival?: handleArrival()
            case .serviceComplete?: handleServiceComplete(slot: Int(event.target))
            case .transitComplete?: handleTransitComplete(slot: Int(event.target))
            case .timeout?: handleTimeout(slot: Int(event.target), sequence: event.sequence)
            case .warmupEnd?: startMeasuring()
            case nil: preconditionFailure("unknown event kind \(event.kind)")
            }
        }
        if calendar.now < duration { calendar.advance(to: duration) }
        return finish()
    }

    @inline(__always)
    func nextInterarrival() -> Double {
        deterministicArrivals ? meanInterarrival : arrivalStream.exponential(mean: meanInterarrival)
    }

    mutating func handleArrival() {
        let now = calendar.now
        calendar.schedule(at: now + nextInterarrival(), kind: EventKind.arrival.rawValue, target: 0)
        var requestClass = 0
        if classCumulativeWeights.count > 1 {
            let u = mixStream.uniform()
            while classCumulativeWeights[requestClass] < u && requestClass < classCumulativeWeights.count - 1 {
                requestClass += 1
            }
        }
        let slot = allocateRequest()
        requests[slot].requestClass = Int32(requestClass)
        requests[slot].pc = classEntries[requestClass]
        requests[slot].arrivalTime = now
        requests[slot].measured = measuring
        touchInSystem(now)
        inSystem += 1
        if measuring {
            overall.offered += 1
            classes[requestClass].offered += 1
        }
        execute(slot: slot)
    }

    mutating func allocateRequest() -> Int {
        if let slot = freeSlots.popLast() {
            let s = Int(slot)
            requests[s].depth = 0
            requests[s].detachedDepth = -1
            return s
        }
        requests.append(Request())
        frames.append(contentsOf: repeatElement(Frame(), count: maxDepth))
        return requests.count - 1
    }

    mutating func freeRequest(_ slot: Int) {
        requests[slot].generation &+= 1
        requests[slot].depth = 0
        freeSlots.append(Int32(slot))
    }
}

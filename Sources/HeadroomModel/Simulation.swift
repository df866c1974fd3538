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
    let workload: Workload
    /// Response size of each class in kilobytes (balancer egress).
    let responseKB: [Double]

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

    /// Deterministic arrivals: the start of the current evenly spaced segment and arrivals so far in it.
    var segmentStart = 0.0
    var segmentRate = 0.0
    var segmentCount = 0.0
    /// Per function station: release times of its idle (warm) containers, most recent last.
    var warmContainers: [[Double]]
    /// Per component: instances running over time (instance-hours integrate it).
    var fleets: [TimeIntegral]

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
        workload = scenario.workload
        responseKB = compiled.classNames.map { name in scenario.routes.first { $0.requestClass == name }?.responseKB ?? 0 }
        warmContainers = Array(repeating: [], count: compiled.stations.count)
        fleets = scenario.components.map { component in
            if let pool = component.pool { return TimeIntegral(value: Double(pool.instances)) }
            return TimeIntegral(value: component.kind == .loadBalancer ? 1 : 0)
        }

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
        componentKinds = scenario.components.map(\.kind.rawValue)
        componentInstances = scenario.components.map { $0.pool?.instances ?? 1 }
        // Workers are what utilization divides by: a function's containers count, an external
        // API's unbounded capacity and a balancer do not.
        componentWorkers = scenario.components.map { component in
            if let pool = component.pool { return pool.instances * pool.concurrency }
            return component.spec(as: ServerlessFunction.self)?.concurrencyLimit ?? 0
        }
        requests.reserveCapacity(1_024)
        frames.reserveCapacity(1_024 * maxDepth)
    }

    /// Runs the simulation to the scenario's duration and returns what it measured.
    public consuming func run() -> RunMeasurements {
        let first = nextArrivalTime(after: 0)
        if first.isFinite { calendar.schedule(at: first, kind: EventKind.arrival.rawValue, target: 0) }
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

    /// The next arrival after `time`. With bursts the rate is piecewise constant: a gap that
    /// crosses a rate change is redrawn from the change at the new rate — exact for Poisson
    /// arrivals (memoryless), and a restart of the spacing for deterministic ones. Deterministic
    /// times are computed as segment start + n / rate, so they do not drift by summed rounding.
    @inline(__always)
    mutating func nextArrivalTime(after time: Double) -> Double {
        if workload.bursts.isEmpty {
            if deterministicArrivals { return nextEvenlySpaced(rate: workload.rate, from: 0) }
            return time + arrivalStream.exponential(mean: 1 / workload.rate)
        }
        var t = time
        while t.isFinite {
            let rate = workload.rate(at: t)
            let change = workload.nextRateChange(after: t)
            if rate > 0 {
                // Continue the evenly spaced segment only while its rate holds.
                let candidate = deterministicArrivals
                    ? nextEvenlySpaced(rate: rate, from: t == time && rate == segmentRate ? segmentStart : t)
                    : t + arrivalStream.exponential(mean: 1 / rate)
                if candidate <= change { return candidate }
            }
            t = change
        }
        return .infinity
    }

    /// The next of the evenly spaced arrivals `start + n/rate`, starting a new count when the
    /// segment start changes (a rate change).
    @inline(__always)
    mutating func nextEvenlySpaced(rate: Double, from start: Double) -> Double {
        if start != segmentStart || rate != segmentRate {
            segmentStart = start
            segmentRate = rate
            segmentCount = 0
        }
        segmentCount += 1
        return segmentStart + Double(segmentCount) / rate
    }

    mutating func handleArrival() {
        let now = calendar.now
        let next = nextArrivalTime(after: now)
        if next.isFinite { calendar.schedule(at: next, kind: EventKind.arrival.rawValue, target: 0) }
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

import HeadroomEngine
import HeadroomScenario

/// A component configuration the model knows how to compile: it declares its pools, routers and
/// kind state (`declare`), then resolves references to other components (`link`, after every
/// component has declared). Each kind conforms in its own file in Kinds/; compilation is not on
/// the hot path, so it may use an existential.
protocol CompilableSpec: ComponentSpec {
    /// Before anything is declared: reserve what this component needs of others (an autoscaler
    /// raises the instance capacity of the pool it scales).
    func reserve(component c: Int, id: String, into model: inout ModelCompiler)
    func declare(component c: Int, id: String, into model: inout ModelCompiler)
    func link(component c: Int, id: String, into model: inout ModelCompiler)
}

extension CompilableSpec {
    func reserve(component c: Int, id: String, into model: inout ModelCompiler) {}
    func link(component c: Int, id: String, into model: inout ModelCompiler) {}
}

/// A route step the model knows how to compile: it appends its instructions at nesting
/// `depth`. Each step kind conforms in its own file in Steps/.
protocol CompilableStep: StepSpec {
    func compile(depth: Int, stream: Int32, into model: inout ModelCompiler)
}

/// How a route step calls a component.
enum CallTarget: Sendable {
    case pool(Int32)
    case router(Int32)
}

/// A scheduled change of the topology (scaling or failure schedules).
struct TopologyChange: Sendable {
    enum Change: Sendable {
        /// Run `size` instances of a pool (starting take `boot`).
        case resize(pool: Int, size: Int, boot: SimDuration)
        /// Put one instance into a state.
        case state(instance: Int, InstanceState)
        /// Fail every call at an instance (a crash), then take it down.
        case crash(instance: Int)
    }

    var time: SimInstant
    var change: Change
}

extension Simulation {
    mutating func applyTopologyChange(_ change: TopologyChange) {
        switch change.change {
        case .resize(let pool, let size, let boot): resize(pool: pool, to: size, boot: boot)
        case .state(let instance, let state): setState(instance: instance, to: state)
        case .crash(let instance):
            failWork(at: instance, cause: .crashed)
            setState(instance: instance, to: .down)
        }
    }
}

/// Turns a validated ``Scenario`` into the flat arrays the simulation loop runs on.
struct ModelCompiler {
    var pools: [Pool] = []
    var instances: [Instance] = []
    var queueSlots = 0
    var initialSizes: [Int] = []
    var routers: [Router] = []
    var routerBackends: [Int32] = []
    var routerBackendWeights: [Double] = []
    var candidateSlots = 0
    var timerLists: [TimerList] = []
    var kinds = KindTables()
    var samplers = SamplerTable()
    var streamNames: [String] = []
    var program: [Instruction] = []
    var branchStarts: [Int32] = []
    var topologyChanges: [TopologyChange] = []
    /// Components billed as a fixed number of instances (a load balancer: 1).
    var fixedFleets: [(Int, Double)] = []
    /// Entry instruction, name, cumulative weight, key sampler and response size of each class, in mix order.
    var classEntries: [Int32] = []
    var classNames: [String] = []
    var classCumulativeWeights: [Double] = []
    var classKeys: [KeySampler] = []
    var classResponseKB: [Double] = []
    var maxDepth = 1
    /// How each component is called, by component index.
    var callTargets: [CallTarget?]
    let componentIndex: [String: Int]
    /// Configured instances and workers per instance, by component.
    var componentInstances: [Int]
    var componentConcurrency: [Int]
    /// The fewest instance slots each component's pool must have (its most instances during the run).
    var minimumCapacity: [Int]
    /// The fewest queue priority levels each component's pool must have (a queue feeding it sets them).
    var minimumPriorityLevels: [Int]
    /// Components whose pool has one shared queue instead of one per instance (a queue's workers).
    var sharedQueues: [Bool]
    /// The run's length in seconds (kinds size their histograms by it).
    let maximumSeconds: Double
    /// The zone names of each pool that has zones (instance k runs in zone k mod count).
    var poolZones: [Int: [String]] = [:]

    /// Compiles `scenario`; `capacities` raises the instance tables of the named components
    /// (tests that resize pools beyond their configured size use it).
    init(_ scenario: Scenario, capacities: [String: Int] = [:]) {
        callTargets = Array(repeating: nil, count: scenario.components.count)
        componentInstances = Array(repeating: 1, count: scenario.components.count)
        componentConcurrency = Array(repeating: 0, count: scenario.components.count)
        minimumCapacity = Array(repeating: 0, count: scenario.components.count)
        minimumPriorityLevels = Array(repeating: 1, count: scenario.components.count)
        sharedQueues = Array(repeating: false, count: scenario.components.count)
        maximumSeconds = scenario.duration.seconds
        var index: [String: Int] = [:]
        for (c, component) in scenario.components.enumerated() where index[component.id] == nil { index[component.id] = c }
        componentIndex = index
        for (id, capacity) in capacities { if let c = index[id] { minimumCapacity[c] = capacity } }

        let compilable = scenario.components.map { $0.spec as? any CompilableSpec }
        for (c, component) in scenario.components.enumerated() {
            compilable[c]?.reserve(component: c, id: component.id, into: &self)
        }
        for (c, component) in scenario.components.enumerated() {
            guard let spec = compilable[c] else { preconditionFailure("no model for kind \(component.kind)") }
            spec.declare(component: c, id: component.id, into: &self)
        }
        for (c, component) in scenario.components.enumerated() {
            compilable[c]?.link(component: c, id: component.id, into: &self)
        }

        var weights: [Double] = []
        for entry in scenario.workload.mix {
            guard let route = scenario.routes.first(where: { $0.requestClass == entry.requestClass }) else { continue }
            classNames.append(entry.requestClass)
            weights.append(entry.weight)
            classKeys.append(KeySampler(route.keys))
            classResponseKB.append(route.responseKB)
            classEntries.append(Int32(program.count))
            let stream = addStream("route:\(entry.requestClass)")
            compile(route.steps, depth: 0, stream: stream)
            program.append(Instruction(operation: .done))
        }
        // Cumulative weights, summed in a scale where no sum overflows.
        let largest = weights.max() ?? 1
        let scaled = weights.map { $0 / largest }
        let total = scaled.reduce(0, +)
        var running = 0.0
        classCumulativeWeights = scaled.map { running += $0; return running / total }
    }

    // MARK: Building blocks for the kinds

    /// Adds a pool of `instances` (its instance table sized to `capacity`, at least `instances`)
    /// and makes it the component's call target. Returns the pool's index.
    @discardableResult
    mutating func addPool(
        component c: Int, id: String, behaviour: Behaviour, kindIndex: Int = -1, instances count: Int, capacity: Int? = nil,
        concurrency: Int, queueCapacity: Int?, priorityLevels: Int = 1, serviceTime: DistributionSpec, timeout: TimeSpan?
    ) -> Int {
        let p = pools.count
        let slots = max(capacity ?? count, count, minimumCapacity[c])
        let priorityLevels = max(priorityLevels, minimumPriorityLevels[c])
        var pool = Pool(
            component: Int32(c), behaviour: behaviour, kindIndex: Int32(kindIndex), concurrency: Int32(concurrency),
            queueCapacity: queueCapacity.map(Int32.init) ?? -1, priorityLevels: Int32(priorityLevels),
            distribution: addSampler(serviceTime), stream: addStream("service:\(id)"), firstInstance: Int32(instances.count),
            capacity: Int32(slots))
        if let timeout { pool.timerList = Int32(addTimerList(SimDuration(seconds: timeout.seconds))) }
        pool.sharedQueue = sharedQueues[c]
        pools.append(pool)
        for _ in 0..<slots {
            var instance = Instance(pool: Int32(p))
            instance.queueBase = Int32(queueSlots)
            queueSlots += priorityLevels
            instances.append(instance)
        }
        initialSizes.append(count)
        if callTargets[c] == nil { callTargets[c] = .pool(Int32(p)) }
        componentInstances[c] = count
        componentConcurrency[c] = concurrency
        return p
    }

    /// Adds a router over `backends` (pools with weights) and makes it the component's call target.
    @discardableResult
    mutating func addRouter(
        component c: Int, id: String, behaviour: RouterBehaviour, strategy: BalancingStrategy, backends: [(Int, Double)],
        latency: DistributionSpec?
    ) -> Int {
        let r = routers.count
        let slots = backends.reduce(0) { $0 + Int(pools[$1.0].capacity) }
        routers.append(Router(
            component: Int32(c), behaviour: behaviour, strategy: strategy, backendsStart: Int32(routerBackends.count),
            backendsCount: Int32(backends.count), candidatesStart: Int32(candidateSlots), candidatesCapacity: Int32(slots),
            latency: latency.map { addSampler($0) } ?? -1, stream: addStream("balancer:\(id)")))
        for (pool, weight) in backends {
            routerBackends.append(Int32(pool))
            routerBackendWeights.append(weight)
        }
        candidateSlots += slots
        callTargets[c] = .router(Int32(r))
        return r
    }

    /// The pool a component id is called as, if it is a pool.
    func pool(ofComponentID id: String) -> Int? {
        guard let c = componentIndex[id], case .pool(let p)? = callTargets[c] else { return nil }
        return Int(p)
    }

    /// Adds a sampler for `spec` and returns its index.
    mutating func addSampler(_ spec: DistributionSpec) -> Int32 { samplers.add(Distribution(spec)) }

    /// The index of the random stream called `name` (added on first use).
    mutating func addStream(_ name: String) -> Int32 {
        if let existing = streamNames.firstIndex(of: name) { return Int32(existing) }
        streamNames.append(name)
        return Int32(streamNames.count - 1)
    }

    /// The timer list for timeouts of `duration` (one list per distinct duration keeps every
    /// list in deadline order).
    mutating func addTimerList(_ duration: SimDuration) -> Int {
        if let existing = timerLists.firstIndex(where: { $0.duration == duration }) { return existing }
        timerLists.append(TimerList(duration: duration))
        return timerLists.count - 1
    }

    // MARK: Routes

    /// Appends the instructions of `steps` at nesting `depth`.
    mutating func compile(_ steps: [Step], depth: Int, stream: Int32) {
        maxDepth = max(maxDepth, depth + 1)
        for step in steps {
            guard let compilable = step.spec as? any CompilableStep else { preconditionFailure("no model for step \(step.kind)") }
            compilable.compile(depth: depth, stream: stream, into: &self)
        }
    }

    /// Appends a call instruction to component `id` (nil when it is not callable) and returns its index.
    mutating func appendCall(to id: String) -> Int? {
        guard let c = componentIndex[id], let target = callTargets[c] else { return nil }
        switch target {
        case .pool(let p): program.append(Instruction(operation: .callPool, target: p))
        case .router(let r): program.append(Instruction(operation: .callRouter, target: r))
        }
        return program.count - 1
    }
}

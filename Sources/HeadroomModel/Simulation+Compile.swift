import HeadroomEngine
import HeadroomScenario

/// Turns a validated ``Scenario`` into the flat arrays the simulation loop runs on.
struct ModelCompiler {
    var stations: [Station] = []
    var instances: [Instance] = []
    var balancers: [Balancer] = []
    var distributions: [Distribution] = []
    var streamNames: [String] = []
    var program: [Instruction] = []
    /// Entry instruction of each request class, in mix order.
    var classEntries: [Int32] = []
    var classNames: [String] = []
    var classCumulativeWeights: [Double] = []
    var maxDepth = 1

    /// Station index by component index (-1 if not a station) and balancer index likewise.
    var stationOfComponent: [Int32] = []
    var balancerOfComponent: [Int32] = []

    init(_ scenario: Scenario) {
        stationOfComponent = Array(repeating: -1, count: scenario.components.count)
        balancerOfComponent = Array(repeating: -1, count: scenario.components.count)
        let index = Dictionary(uniqueKeysWithValues: scenario.components.enumerated().map { ($1.id, Int32($0)) })

        for (c, component) in scenario.components.enumerated() {
            guard let station = station(for: component, index: Int32(c)) else { continue }
            stationOfComponent[c] = Int32(stations.count)
            for _ in 0..<station.instanceCount { instances.append(Instance(station: Int32(stations.count))) }
            stations.append(station)
        }
        for (c, component) in scenario.components.enumerated() {
            guard let lb = component.spec(as: LoadBalancer.self) else { continue }
            balancerOfComponent[c] = Int32(balancers.count)
            var candidates: [Int32] = [], weights: [Double] = []
            for backend in lb.backends {
                guard let b = index[backend.component] else { continue }
                let station = stations[Int(stationOfComponent[Int(b)])]
                for k in 0..<station.instanceCount {
                    candidates.append(station.firstInstance + k)
                    weights.append(backend.weight)
                }
            }
            balancers.append(Balancer(
                component: Int32(c), strategy: Balancer.Strategy(lb.strategy), candidates: candidates,
                weights: weights, currentWeights: Array(repeating: 0, count: candidates.count),
                latency: lb.latency.map { addDistribution($0) } ?? -1,
                stream: addStream("balancer:\(component.id)")))
        }

        var weights: [Double] = []
        for entry in scenario.workload.mix {
            guard let route = scenario.routes.first(where: { $0.requestClass == entry.requestClass }) else { continue }
            classNames.append(entry.requestClass)
            weights.append(entry.weight)
            classEntries.append(Int32(program.count))
            let stream = addStream("route:\(entry.requestClass)")
            compile(route.steps, depth: 0, stream: stream, index: index)
            program.append(Instruction(operation: .done))
        }
        let total = weights.reduce(0, +)
        var running = 0.0
        classCumulativeWeights = weights.map { running += $0; return running / total }
    }

    /// The station a component compiles to, or nil for a load balancer.
    private mutating func station(for component: Component, index c: Int32) -> Station? {
        if component.kind == .loadBalancer { return nil }
        let first = Int32(instances.count)
        let stream = addStream("service:\(component.id)")
        switch component.spec {
        case let pool as any PoolSpec:
            return Station(
                component: c, concurrency: Int32(pool.concurrency), queueCapacity: pool.queueCapacity.map(Int32.init) ?? -1,
                timeout: pool.timeout?.seconds ?? 0, firstInstance: first, instanceCount: Int32(pool.instances),
                distribution: addDistribution(pool.serviceTime), stream: stream)
        case let function as ServerlessFunction:
            // One "instance" whose workers are containers: at most concurrencyLimit run at once,
            // and an invocation that finds them all busy is throttled (no waiting room).
            var station = Station(
                behaviour: .function, component: c, concurrency: Int32(function.concurrencyLimit), queueCapacity: 0,
                timeout: function.timeout?.seconds ?? 0, firstInstance: first, instanceCount: 1,
                distribution: addDistribution(function.serviceTime), stream: stream)
            station.coldStart = function.coldStart.map { addDistribution($0) } ?? -1
            station.idleTimeout = function.idleTimeout.seconds
            return station
        case let api as ExternalAPI:
            // The provider's capacity is not ours to model: every call is served at once (an
            // infinite-server station); only its rate limit refuses calls.
            var station = Station(
                behaviour: .externalAPI, component: c, concurrency: Int32.max, queueCapacity: 0,
                timeout: api.timeout?.seconds ?? 0, firstInstance: first, instanceCount: 1,
                distribution: addDistribution(api.latency), stream: stream)
            station.rateLimit = api.rateLimit ?? 0
            station.bucketSize = Double(api.effectiveBurst)
            station.tokens = station.bucketSize
            return station
        default:
            return nil
        }
    }

    private mutating func compile(_ steps: [Step], depth: Int, stream: Int32, index: [String: Int32]) {
        maxDepth = max(maxDepth, depth + 1)
        for step in steps {
            if let call = step.call {
                guard let c = index[call.component] else { continue }
                let at = program.count
                let isBalancer = balancerOfComponent[Int(c)] >= 0
                program.append(Instruction(
                    operation: isBalancer ? .callBalancer : .callStation,
                    target: isBalancer ? balancerOfComponent[Int(c)] : stationOfComponent[Int(c)],
                    probability: call.probability,
                    distribution: call.serviceTime.map { addDistribution($0) } ?? -1,
                    stream: stream))
                compile(call.then, depth: depth + 1, stream: stream, index: index)
                program[at].end = Int32(program.count)
                program.append(Instruction(operation: .return))
            }
        }
    }

    private mutating func addDistribution(_ spec: DistributionSpec) -> Int32 {
        distributions.append(Distribution(spec))
        return Int32(distributions.count - 1)
    }

    private mutating func addStream(_ name: String) -> Int32 {
        if let existing = streamNames.firstIndex(of: name) { return Int32(existing) }
        streamNames.append(name)
        return Int32(streamNames.count - 1)
    }
}

extension Balancer.Strategy {
    init(_ strategy: LoadBalancer.Strategy) {
        switch strategy {
        case .roundRobin: self = .roundRobin
        case .weightedRoundRobin: self = .weightedRoundRobin
        case .random: self = .random
        case .leastConnections: self = .leastConnections
        case .powerOfTwoChoices: self = .powerOfTwoChoices
        }
    }
}

import HeadroomAnalysis
import HeadroomScenario

/// A starter scenario sized to the answers, with the reasoning behind every size.
public struct StarterScenario: Hashable, Sendable {
    /// The scenario (valid: ``ScenarioValidator`` finds nothing wrong with it).
    public var scenario: Scenario
    /// One line per sized component: how its workers were counted.
    public var sizing: [String]
    /// What the scenario simplifies or cannot meet, in plain words.
    public var notes: [String]
}

/// Builds a starter ``Scenario`` for an architecture from components the simulator has today
/// (load balancer, service, database, function), sized with ``StationSizing``, priced at
/// assumed list prices and judged by the answered latency objective.
///
/// Each request class walks a chain of tiers behind one load balancer; a tier holds its worker
/// while the rest of the chain runs (thread-per-request), so its hold time is its own service
/// time plus everything after it. Service times are stated assumptions (``Tier``), lognormal with cv 1.
public enum ScenarioGenerator {
    /// Worker threads per app instance.
    public static let threadsPerInstance = 8
    /// App instances at least, so that one can fail.
    public static let minimumInstances = 2
    /// Database connections at least (a small pool's usual minimum).
    public static let minimumConnections = 5
    /// Requests that may wait per app instance.
    public static let queuePerInstance = 100
    /// Requests that may wait at a database.
    public static let databaseQueue = 1_000
    /// Share of the p95 objective a station's mean queueing wait may use.
    public static let waitShareOfObjective = 0.1
    /// Blocking allowed at a serverless concurrency limit (Erlang B).
    public static let serverlessBlocking = 0.001
    /// The most traffic one generated scenario carries; a larger peak is split into identical cells.
    public static let maximumCellRps = 20_000.0
    /// Requests a starter run aims to simulate; the duration is chosen from it (10 s to 10 min).
    public static let targetRequests = 400_000.0

    /// List prices the starter scenario assumes, in dollars (on-demand cloud prices of 2026, rounded):
    /// a 2-vCPU app instance, a managed database server, a load balancer, and a function.
    public static let appPricing = Pricing(instanceHour: 0.0832)
    public static let databasePricing = Pricing(instanceHour: 0.192)
    public static let balancerPricing = Pricing(instanceHour: 0.0225)
    public static let functionPricing = Pricing(perMillionRequests: 0.2, gbSecond: 0.0000166667)

    /// One step of a request class's chain: a component and the mean of its own work for that class.
    struct Tier {
        var id: String
        var database: Bool
        var ownMs: Double
    }

    /// The starter scenario for `architecture` sized to `answers`.
    public static func generate(_ architecture: Architecture, answers: AdvisorAnswers, capacity: AnswerCapacity) -> StarterScenario {
        let cells = max(1, (capacity.peakRps / maximumCellRps).rounded(.up))
        let rate = max(1, (capacity.peakRps / cells).rounded(.down))
        let readShare = capacity.readFraction
        let readPercent = answers.number(.readPercent)
        var classes: [(name: String, share: Double, weight: Double)] = []
        if readShare > 0 { classes.append(("read", readShare, readPercent)) }
        if readShare < 1 { classes.append(("write", 1 - readShare, 100 - readPercent)) }
        let chains = classes.map { chain(architecture, requestClass: $0.name) }
        let balancer = architecture == .monolithic ? "lb" : "gateway"
        let objective = answers.duration(.latencyObjective)
        let waitTarget = objective.seconds * waitShareOfObjective

        // Components in first-use order, each sized from the classes that reach it.
        var order: [String] = []
        for chain in chains { for tier in chain where !order.contains(tier.id) { order.append(tier.id) } }
        // Functions are invoked directly (the platform's gateway is part of the function); the
        // other architectures sit behind a load balancer.
        var components: [Component] = architecture == .serverless ? [] : [Component(id: balancer, LoadBalancer(
            strategy: .leastConnections, backends: [LoadBalancer.Backend(chains[0][0].id)],
            latency: .constant(architecture == .monolithic ? .microseconds(500) : .milliseconds(1))), pricing: balancerPricing)]
        var sizing: [String] = []
        var notes: [String] = []
        for id in order {
            var lambda = 0.0, holdSum = 0.0, ownSum = 0.0, database = false
            for (k, chain) in chains.enumerated() {
                guard let at = chain.firstIndex(where: { $0.id == id }) else { continue }
                let classRate = rate * classes[k].share
                lambda += classRate
                holdSum += classRate * chain[at...].reduce(0) { $0 + $1.ownMs }
                ownSum += classRate * chain[at].ownMs
                database = chain[at].database
            }
            let hold = holdSum / lambda / 1000
            let station = StationSizing(arrivalRate: lambda, holdSeconds: hold, waitTarget: waitTarget)
            let primaryOwn = chains.compactMap { $0.first { $0.id == id } }.first?.ownMs ?? ownSum / lambda
            let serviceTime = DistributionSpec.lognormal(mean: .milliseconds(primaryOwn), cv: 1)
            var pool = ServicePool(serviceTime: serviceTime)
            let layout: String
            if database {
                let connections = max(minimumConnections, station.workers)
                pool = ServicePool(instances: 1, concurrency: connections, queueCapacity: databaseQueue, serviceTime: serviceTime)
                layout = "1 server × \(connections) connections" + (connections > station.workers ? " (at least \(minimumConnections))" : "")
                if lambda > SupportingPieces.serverRps {
                    notes.append("\(id) takes \(Format.number(lambda)) req/s at peak, more than one server carries (~\(Format.number(SupportingPieces.serverRps))); replicas and shards are not simulated yet, so it is modelled as one large server.")
                }
            } else if architecture == .serverless {
                let limit = StationSizing.lossPool(offeredLoad: station.offeredLoad, blocking: serverlessBlocking)
                let function = ServerlessFunction(
                    serviceTime: serviceTime, concurrencyLimit: limit,
                    coldStart: .lognormalPercentiles(median: .milliseconds(250), p99: .milliseconds(1_500)),
                    idleTimeout: .minutes(10), memoryMB: 512)
                components.append(Component(id: id, function, pricing: functionPricing))
                sizing.append("\(id): \(station.explanation) → concurrency limit \(limit) (Erlang B blocking ≤ \(Format.percent(serverlessBlocking, decimals: 1)) at \(Format.number(station.offeredLoad)) erlangs)")
                continue
            } else {
                let instances = max(minimumInstances, (station.workers + threadsPerInstance - 1) / threadsPerInstance)
                pool = ServicePool(instances: instances, concurrency: threadsPerInstance, queueCapacity: queuePerInstance, serviceTime: serviceTime)
                layout = "\(instances) instances × \(threadsPerInstance) workers"
                    + (instances * threadsPerInstance >= station.workers + threadsPerInstance ? " (at least \(minimumInstances) instances)" : "")
            }
            components.append(
                database
                    ? Component(
                        id: id,
                        DatabasePool(
                            instances: pool.instances, concurrency: pool.concurrency, queueCapacity: pool.queueCapacity,
                            serviceTime: pool.serviceTime),
                        pricing: databasePricing)
                    : Component(id: id, pool, pricing: appPricing))
            sizing.append("\(id): \(station.explanation) → \(layout)")
        }

        let routes = zip(classes, chains).map { cls, chain in
            let entry = architecture == .serverless ? chain[0].id : balancer
            return Route(requestClass: cls.name, steps: [.call(Call(
                entry, serviceTime: override(chain[0], components), then: steps(chain.dropFirst(), components)))])
        }
        if cells > 1 {
            notes.append("The peak of \(Format.number(capacity.peakRps)) req/s is split into \(Format.number(cells)) identical cells of \(Format.number(rate)) req/s (users partitioned, e.g. by shard); the scenario is one cell.")
        }
        notes += modellingNotes(architecture, rate: rate, capacity: capacity)
        let slowest = chains.map { $0.reduce(0) { $0 + $1.ownMs } }.max() ?? 0
        if objective.milliseconds < slowest {
            notes.append("The p95 objective of \(objective.humanReadable) is below the assumed work of one request (\(Format.number(slowest, decimals: 1)) ms): no number of servers meets it; measure and shorten the service times.")
        }
        let seconds = min(600, max(10, (targetRequests / rate).rounded(.up)))
        let scenario = Scenario(
            name: "advisor-\(architecture.rawValue)",
            description: "Starter scenario from headroom advise: \(architecture.title.lowercased()) at the estimated peak of "
                + "\(Format.number(rate)) req/s, \(Format.number(readShare * 100)) % reads. Service times are assumptions: replace them with measurements.",
            seed: 42, duration: .seconds(seconds), warmup: .seconds(max(1, (seconds / 10).rounded())),
            workload: Workload(rate: rate, mix: classes.map { Workload.ClassWeight($0.name, weight: $0.weight) }),
            components: components, routes: routes,
            sla: SLA(objectives: [
                Objective(.latency(percentile: 95, max: objective)),
                Objective(.availability(minPercent: 99.9)),
                Objective(.successRate(minPercent: 99.5)),
            ]))
        return StarterScenario(scenario: scenario, sizing: sizing, notes: notes)
    }

    /// The chain of tiers a request class walks, with the assumed mean own work per tier.
    static func chain(_ architecture: Architecture, requestClass: String) -> [Tier] {
        let read = requestClass == "read"
        switch architecture {
        case .monolithic:
            return [Tier(id: "app", database: false, ownMs: read ? 10 : 20), Tier(id: "db", database: true, ownMs: read ? 2 : 6)]
        case .microservices:
            return read
                ? [Tier(id: "api", database: false, ownMs: 3), Tier(id: "catalog", database: false, ownMs: 8), Tier(id: "catalog-db", database: true, ownMs: 2)]
                : [Tier(id: "api", database: false, ownMs: 3), Tier(id: "orders", database: false, ownMs: 15), Tier(id: "orders-db", database: true, ownMs: 6)]
        case .serverless:
            return [Tier(id: "functions", database: false, ownMs: read ? 12 : 25), Tier(id: "db", database: true, ownMs: read ? 2 : 6)]
        }
    }

    /// The call's own service time when it differs from the component's.
    private static func override(_ tier: Tier, _ components: [Component]) -> DistributionSpec? {
        let own = DistributionSpec.lognormal(mean: .milliseconds(tier.ownMs), cv: 1)
        let configured: DistributionSpec?
        let component = components.first { $0.id == tier.id }
        configured = component?.pool?.serviceTime ?? component?.spec(as: ServerlessFunction.self)?.serviceTime
        return configured == own ? nil : own
    }

    private static func steps(_ rest: ArraySlice<Tier>, _ components: [Component]) -> [Step] {
        guard let first = rest.first else { return [] }
        return [.call(Call(first.id, serviceTime: override(first, components), then: steps(rest.dropFirst(), components)))]
    }

    private static func modellingNotes(_ architecture: Architecture, rate: Double, capacity: AnswerCapacity) -> [String] {
        var notes: [String] = []
        if capacity.peakRpsExact < 1 {
            notes.append("The estimated peak is below 1 req/s; the scenario runs at 1 req/s so that it has something to measure.")
        }
        switch architecture {
        case .monolithic:
            notes.append("One app tier does all the work and holds its worker while it queries the database (thread-per-request).")
        case .microservices:
            notes.append("An API service calls a catalog service for reads and an orders service for writes; each service and its database is sized for its own traffic.")
        case .serverless:
            notes.append("The functions are a serverless function component: containers on demand with cold starts (assumed lognormal, median 250 ms, p99 1.5 s), kept warm 10 minutes, 512 MB, priced per request and per GB-second; an invocation beyond the concurrency limit is throttled.")
        }
        return notes
    }
}

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
    /// The identical cells the peak was split into (1 when one scenario carries it); the
    /// scenario is one cell, so the whole system costs `cells` times what it does.
    public var cells: Int
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

    /// Spiky, unpredictable traffic: bursts to this multiple of the peak (an assumption)…
    public static let spikeFactor = 2.0
    /// …lasting this long…
    public static let spikeLength = TimeSpan.minutes(1)
    /// …every this often.
    public static let spikeEvery = TimeSpan.minutes(10)
    /// Slow operations: the share of requests that start a background job (an assumption)…
    public static let jobShare = 0.01
    /// …and a job's own work (lognormal, cv 1).
    public static let jobWork = TimeSpan.seconds(2)
    /// The p95 a job should finish within, queueing included (an assumption).
    public static let jobObjective = TimeSpan.seconds(30)
    /// Job workers per worker instance, and the queue the pool's waiting room stands for.
    public static let jobWorkersPerInstance = 4
    public static let jobQueue = 10_000
    /// A function's concurrency limit at least: below it one burst of cold starts throttles.
    public static let minimumConcurrencyLimit = 10
    /// The cold start the generated functions assume.
    public static let coldStart = DistributionSpec.lognormalPercentiles(median: .milliseconds(250), p99: .milliseconds(1_500))

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
        let spiky = answers.choice(.trafficVariability).id == "unpredictable"
        let slow = answers.choice(.slowOperations).id == "yes"
        // Spiky traffic: every tier is sized for the bursts, which a fixed fleet must carry.
        let sizedRate = spiky ? rate * spikeFactor : rate
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
                let classRate = sizedRate * classes[k].share
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
                // A container is held for the cold start too: after an idle spell every invocation
                // starts cold, so the limit is sized as if each did.
                let coldLoad = lambda * (hold + coldStart.meanSeconds)
                let blocked = StationSizing.lossPool(offeredLoad: coldLoad, blocking: serverlessBlocking)
                let limit = max(minimumConcurrencyLimit, blocked)
                let function = ServerlessFunction(
                    serviceTime: serviceTime, concurrencyLimit: limit, coldStart: coldStart, idleTimeout: .minutes(10), memoryMB: 512)
                components.append(Component(id: id, function, pricing: functionPricing))
                sizing.append("\(id): \(Format.number(lambda)) req/s × (\(Format.number(hold * 1000, decimals: 1)) ms held + \(Format.number(coldStart.meanSeconds * 1000)) ms mean cold start) = \(Format.number(coldLoad)) erlangs → concurrency limit \(limit) (Erlang B blocking ≤ \(Format.percent(serverlessBlocking, decimals: 1))\(limit > blocked ? ", at least \(minimumConcurrencyLimit)" : ""))")
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

        var routes = zip(classes, chains).map { cls, chain in
            let entry = architecture == .serverless ? chain[0].id : balancer
            return Route(requestClass: cls.name, steps: [.call(Call(
                entry, serviceTime: override(chain[0], components), then: steps(chain.dropFirst(), components)))])
        }
        var mix = classes.map { Workload.ClassWeight($0.name, weight: $0.weight) }
        if slow {
            // 1 % of arrivals are jobs: weight 100 × share / (1 − share) beside the web classes' 100.
            let jobWeight = 100 * jobShare / (1 - jobShare)
            let jobRate = sizedRate * jobShare
            let station = StationSizing(arrivalRate: jobRate, holdSeconds: jobWork.seconds, waitTarget: jobObjective.seconds * waitShareOfObjective)
            let instances = max(minimumInstances, (station.workers + jobWorkersPerInstance - 1) / jobWorkersPerInstance)
            components.append(Component(
                id: "workers",
                ServicePool(instances: instances, concurrency: jobWorkersPerInstance, queueCapacity: jobQueue, serviceTime: .lognormal(mean: jobWork, cv: 1)),
                pricing: appPricing))
            sizing.append("workers: \(station.explanation) → \(instances) instances × \(jobWorkersPerInstance) workers")
            mix.append(Workload.ClassWeight("job", weight: jobWeight))
            routes.append(Route(requestClass: "job", steps: [.call(Call("workers"))]))
            notes.append("Slow operations: \(Format.percent(jobShare)) of requests start a background job of about \(jobWork.humanReadable) (assumed), the job class, served by a worker pool whose waiting room stands for the job queue (queues are not simulated yet); jobs should finish within \(jobObjective.humanReadable) at p95.")
        }
        var bursts: [Workload.Burst] = []
        if spiky {
            notes.append("Traffic is spiky and unpredictable: the scenario bursts to \(Format.number(spikeFactor))× the peak (\(Format.number(sizedRate)) req/s) for \(spikeLength.humanReadable) every \(spikeEvery.humanReadable) (assumed), and every tier is sized for the burst — a fixed fleet must carry it; autoscaling (not simulated yet) would follow the load instead.")
        }
        if cells > 1 {
            notes.append("The peak of \(Format.number(capacity.peakRps)) req/s is split into \(Format.number(cells)) identical cells of \(Format.number(rate)) req/s (users partitioned, e.g. by shard); the scenario is one cell.")
        }
        notes += modellingNotes(architecture, rate: rate, capacity: capacity)
        let slowest = chains.map { $0.reduce(0) { $0 + $1.ownMs } }.max() ?? 0
        if objective.milliseconds < slowest {
            notes.append("The p95 objective of \(objective.humanReadable) is below the assumed work of one request (\(Format.number(slowest, decimals: 1)) ms): no number of servers meets it; measure and shorten the service times.")
        }
        // Long enough for about 400,000 requests (10 s to 10 min); with spikes, for one burst at
        // least, a third of the way into the measured window (10 % warm-up).
        var seconds = min(600, max(10, (targetRequests / rate).rounded(.up)))
        if spiky { seconds = max(seconds, 240) }
        let warmup = max(1, (seconds / 10).rounded())
        if spiky {
            let third = ((seconds - warmup) / 3).rounded()
            bursts = [Workload.Burst(start: .seconds(warmup + third), duration: .seconds(min(spikeLength.seconds, third)), rate: sizedRate, every: spikeEvery)]
        }
        var objectives = [Objective(.latency(percentile: 95, max: objective))]
        if slow {
            objectives = classes.map { Objective(.latency(percentile: 95, max: objective), requestClass: $0.name) }
                + [Objective(.latency(percentile: 95, max: jobObjective), requestClass: "job")]
        }
        let scenario = Scenario(
            name: "advisor-\(architecture.rawValue)",
            description: "Starter scenario from headroom advise: \(architecture.title.lowercased()) at the estimated peak of "
                + "\(Format.number(rate)) req/s, \(Format.number(readShare * 100)) % reads. Service times are assumptions: replace them with measurements.",
            seed: 42, duration: .seconds(seconds), warmup: .seconds(warmup),
            workload: Workload(rate: rate, mix: mix, bursts: bursts),
            components: components, routes: routes,
            sla: SLA(objectives: objectives + [
                Objective(.availability(minPercent: 99.9)),
                Objective(.successRate(minPercent: 99.5)),
            ]))
        return StarterScenario(scenario: scenario, sizing: sizing, notes: notes, cells: Int(cells))
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

import HeadroomScenario

/// The closed-form queueing results the simulator is validated against.
///
/// Each case is a scenario whose steady state theory knows, a metric read from its
/// ``Results``, the theoretical value, and the relative precision its 99.9 % replication
/// interval must reach for the comparison to mean anything. The test suite asserts every case;
/// `headroom-benchmarks validation` prints them as the table in docs/validation.md.
public struct TheoryCase: Sendable, CustomStringConvertible {
    /// The model, in words ("M/M/1 at ρ = 0.8").
    public var model: String
    /// The metric ("mean wait Wq (ms)").
    public var metric: String
    /// The scenario to replicate.
    public var scenario: Scenario
    /// The closed-form value, in the metric's unit.
    public var theory: Double
    /// Largest acceptable interval half-width, relative to `theory`.
    public var precision: Double
    /// Independent replications to run (more for slowly mixing systems).
    public var replications = 10
    /// Reads the metric from one run.
    public var measure: @Sendable (Results) -> Double

    public var description: String { "\(model): \(metric)" }
}

extension TheoryCase {
    /// Every validation case.
    public static let all: [TheoryCase] = mm1 + mmc + md1 + mg1 + erlangB + tandem + probabilistic + randomSplit + queueWorkers + queueLoss + closedLoop

    static func station(_ id: String, servers: Int, service: DistributionSpec, instances: Int = 1, queue: Int? = nil) -> Component {
        Component(id: id, ServicePool(instances: instances, concurrency: servers, queueCapacity: queue, serviceTime: service))
    }

    static func scenario(_ name: String, rate: Double, components: [Component], steps: [Step], duration: Double, warmup: Double) -> Scenario {
        Scenario(
            name: name, seed: 7_919, duration: .seconds(duration), warmup: .seconds(warmup),
            workload: Workload(rate: rate, mix: [.init("request", weight: 1)]),
            components: components, routes: [Route(requestClass: "request", steps: steps)])
    }

    static func call(_ id: String, probability: Double = 1) -> Step { .call(Call(id, probability: probability)) }

    static let wqMs: @Sendable (Results) -> Double = { $0.components[0].meanWaitMs }
    static let latencyMeanMs: @Sendable (Results) -> Double = { $0.latencyMs?.mean ?? .nan }

    static var mm1: [TheoryCase] {
        let lambda = 80.0, s = 0.01
        let model = "M/M/1, λ = 80/s, E[S] = 10 ms (ρ = 0.8)"
        let sc = scenario("mm1", rate: lambda, components: [station("s", servers: 1, service: .exponential(mean: .seconds(s)))],
                          steps: [call("s")], duration: 2_600, warmup: 100)
        let t = QueueingFormulas.mm1(arrivalRate: lambda, serviceTime: s)
        // The M/M/1 response time is exponential with rate μ − λ; its p95 is −ln(0.05)/(μ − λ).
        let p95 = QueueingFormulas.mm1ResponseQuantile(arrivalRate: lambda, serviceTime: s, p: 0.95)
        return [
            TheoryCase(model: model, metric: "mean wait Wq (ms)", scenario: sc, theory: t.meanWait * 1_000, precision: 0.05, measure: wqMs),
            TheoryCase(model: model, metric: "mean response W (ms)", scenario: sc, theory: t.meanResponse * 1_000, precision: 0.04, measure: latencyMeanMs),
            TheoryCase(model: model, metric: "utilization ρ", scenario: sc, theory: t.utilization, precision: 0.01) { $0.components[0].utilization },
            TheoryCase(model: model, metric: "mean queue length Lq", scenario: sc, theory: t.meanQueueLength, precision: 0.05) { $0.components[0].meanQueueLength },
            TheoryCase(model: model, metric: "mean in system L (Little)", scenario: sc, theory: t.meanInSystem, precision: 0.04) { $0.meanInSystem },
            TheoryCase(model: model, metric: "p95 response (ms)", scenario: sc, theory: p95 * 1_000, precision: 0.05) { $0.latencyMs?.p95 ?? .nan },
        ]
    }

    static var mmc: [TheoryCase] {
        let lambda = 90.0, s = 0.08
        let model = "M/M/8, λ = 90/s, E[S] = 80 ms (ρ = 0.9), Erlang C"
        let sc = scenario("mm8", rate: lambda, components: [station("s", servers: 8, service: .exponential(mean: .seconds(s)))],
                          steps: [call("s")], duration: 4_000, warmup: 100)
        let t = QueueingFormulas.mmc(arrivalRate: lambda, serviceTime: s, servers: 8)
        // At ρ = 0.9 the queue length mixes slowly (long busy periods), so this model gets 20
        // replications: the interval narrows by t(0.9995, 19)/t(0.9995, 9)·√(10/20) ≈ 0.57.
        return [
            TheoryCase(model: model, metric: "mean wait Wq (ms)", scenario: sc, theory: t.meanWait * 1_000, precision: 0.08, replications: 20, measure: wqMs),
            TheoryCase(model: model, metric: "mean queue length Lq", scenario: sc, theory: t.meanQueueLength, precision: 0.08, replications: 20) { $0.components[0].meanQueueLength },
            TheoryCase(model: model, metric: "utilization ρ", scenario: sc, theory: t.utilization, precision: 0.01, replications: 20) { $0.components[0].utilization },
            // The exact M/M/c response-time distribution (see QueueingFormulas.mmcResponseTail).
            TheoryCase(model: model, metric: "p95 response (ms)", scenario: sc,
                       theory: QueueingFormulas.mmcResponseQuantile(arrivalRate: lambda, serviceTime: s, servers: 8, p: 0.95) * 1_000,
                       precision: 0.05, replications: 20) { $0.latencyMs?.p95 ?? .nan },
            TheoryCase(model: model, metric: "p99 response (ms)", scenario: sc,
                       theory: QueueingFormulas.mmcResponseQuantile(arrivalRate: lambda, serviceTime: s, servers: 8, p: 0.99) * 1_000,
                       precision: 0.05, replications: 20) { $0.latencyMs?.p99 ?? .nan },
        ]
    }

    static var md1: [TheoryCase] {
        let lambda = 70.0, s = 0.01
        let sc = scenario("md1", rate: lambda, components: [station("s", servers: 1, service: .constant(.seconds(s)))],
                          steps: [call("s")], duration: 2_000, warmup: 50)
        let t = QueueingFormulas.md1(arrivalRate: lambda, serviceTime: s)
        return [TheoryCase(model: "M/D/1, λ = 70/s, S = 10 ms (ρ = 0.7), Pollaczek–Khinchine", metric: "mean wait Wq (ms)",
                           scenario: sc, theory: t.meanWait * 1_000, precision: 0.04, measure: wqMs)]
    }

    static var mg1: [TheoryCase] {
        let lambda = 60.0, s = 0.01, cv = 1.5
        let sc = scenario("mg1", rate: lambda, components: [station("s", servers: 1, service: .lognormal(mean: .seconds(s), cv: cv))],
                          steps: [call("s")], duration: 4_000, warmup: 50)
        let t = QueueingFormulas.mg1(arrivalRate: lambda, serviceMean: s, serviceVariance: cv * cv * s * s)
        return [TheoryCase(model: "M/G/1, lognormal E[S] = 10 ms, cv 1.5 (ρ = 0.6), Pollaczek–Khinchine", metric: "mean wait Wq (ms)",
                           scenario: sc, theory: t.meanWait * 1_000, precision: 0.08, measure: wqMs)]
    }

    static var erlangB: [TheoryCase] {
        let lambda = 40.0, s = 0.1
        let blocking: @Sendable (Results) -> Double = { Double($0.requests.rejected) / Double(max($0.requests.offered, 1)) }
        let b = QueueingFormulas.erlangB(servers: 5, offeredLoad: lambda * s)
        // Erlang B is insensitive to the service distribution beyond its mean: lognormal service blocks the same.
        return [("exponential", DistributionSpec.exponential(mean: .seconds(s))), ("lognormal cv 2", .lognormal(mean: .seconds(s), cv: 2))].map { name, service in
            TheoryCase(
                model: "M/G/5/5 loss, 4 erlangs, \(name) service, Erlang B", metric: "blocking probability",
                scenario: scenario("erlang-b", rate: lambda, components: [station("s", servers: 5, service: service, queue: 0)],
                                   steps: [call("s")], duration: 1_000, warmup: 20),
                theory: b, precision: 0.05, measure: blocking)
        }
    }

    static var tandem: [TheoryCase] {
        let lambda = 50.0, means = [0.01, 0.015, 0.03], servers = [1, 1, 2]
        let sc = scenario("tandem", rate: lambda,
                          components: (0..<3).map { station("s\($0)", servers: servers[$0], service: .exponential(mean: .seconds(means[$0]))) },
                          steps: [call("s0"), call("s1"), call("s2")], duration: 2_000, warmup: 50)
        let t = QueueingFormulas.jackson(external: [lambda, 0, 0], routing: [[0, 1, 0], [0, 0, 1], [0, 0, 0]], serviceTimes: means, servers: servers)
        let model = "open tandem M/M/1 → M/M/1 → M/M/2, λ = 50/s (Jackson)"
        return (0..<3).map { i in
            TheoryCase(model: model, metric: "mean wait Wq at s\(i) (ms)", scenario: sc, theory: t[i].meanWait * 1_000, precision: 0.08) { $0.components[i].meanWaitMs }
        } + [TheoryCase(model: model, metric: "end-to-end mean response (ms)", scenario: sc,
                        theory: t.reduce(0) { $0 + $1.meanResponse } * 1_000, precision: 0.04, measure: latencyMeanMs)]
    }

    static var probabilistic: [TheoryCase] {
        let lambda = 40.0
        let sc = scenario("branch", rate: lambda,
                          components: [station("a", servers: 1, service: .exponential(mean: .seconds(0.01))),
                                       station("b", servers: 1, service: .exponential(mean: .seconds(0.04)))],
                          steps: [call("a"), call("b", probability: 0.4)], duration: 2_000, warmup: 50)
        let t = QueueingFormulas.jackson(external: [lambda, 0], routing: [[0, 0.4], [0, 0]], serviceTimes: [0.01, 0.04], servers: [1, 1])
        let model = "Jackson network: a, then b with probability 0.4, λ = 40/s"
        return [
            TheoryCase(model: model, metric: "throughput at b (/s)", scenario: sc, theory: lambda * 0.4, precision: 0.02) { $0.components[1].throughputRps },
            TheoryCase(model: model, metric: "mean wait Wq at b (ms)", scenario: sc, theory: t[1].meanWait * 1_000, precision: 0.08) { $0.components[1].meanWaitMs },
            TheoryCase(model: model, metric: "end-to-end mean response (ms)", scenario: sc,
                       theory: (t[0].meanResponse + 0.4 * t[1].meanResponse) * 1_000, precision: 0.04, measure: latencyMeanMs),
        ]
    }

    static var randomSplit: [TheoryCase] {
        // A random split of a Poisson stream is Poisson: each of 4 single-worker instances behind
        // a random balancer is an M/M/1 with λ/4.
        let lambda = 280.0, s = 0.01
        let sc = scenario("random-split", rate: lambda,
                          components: [Component(id: "lb", LoadBalancer(strategy: .random, backends: [.init("app")])),
                                       station("app", servers: 1, service: .exponential(mean: .seconds(s)), instances: 4)],
                          steps: [call("lb")], duration: 1_000, warmup: 50)
        let t = QueueingFormulas.mm1(arrivalRate: lambda / 4, serviceTime: s)
        return [TheoryCase(model: "random balancer over 4 × M/M/1, λ = 280/s (ρ = 0.7 each)", metric: "mean wait Wq (ms)",
                           scenario: sc, theory: t.meanWait * 1_000, precision: 0.06) { $0.components[1].meanWaitMs }]
    }
}

extension TheoryCase {
    /// Jobs through a queue: each request enqueues one job, so jobs arrive as a Poisson stream,
    /// and 2 worker instances × 2 workers taking from one shared queue are one M/M/4.
    static var queueWorkers: [TheoryCase] {
        let lambda = 32.0, s = 0.1
        let sc = Scenario(
            name: "queue-mmc", seed: 7_919, duration: .seconds(6_100), warmup: .seconds(100),
            workload: Workload(rate: lambda, mix: [.init("request", weight: 1)]),
            components: [
                Component(id: "web", ServicePool(concurrency: 1_000, serviceTime: .constant(.zero))),
                Component(id: "jobs", MessageQueue(workers: "workers")),
                station("workers", servers: 2, service: .exponential(mean: .seconds(s)), instances: 2),
            ],
            routes: [Route(requestClass: "request", steps: [.call(Call("web", then: [.enqueue(Enqueue("jobs"))]))])])
        let t = QueueingFormulas.mmc(arrivalRate: lambda, serviceTime: s, servers: 4)
        let model = "queue with 2 × 2 workers, jobs λ = 32/s, E[S] = 100 ms (M/M/4, ρ = 0.8), Erlang C"
        return [
            TheoryCase(model: model, metric: "mean job wait Wq (ms)", scenario: sc, theory: t.meanWait * 1_000, precision: 0.06) {
                $0.jobs?.waitMs?.mean ?? 0
            },
            TheoryCase(model: model, metric: "p95 job wait (ms)", scenario: sc,
                       theory: QueueingFormulas.mmcWaitQuantile(arrivalRate: lambda, serviceTime: s, servers: 4, p: 0.95) * 1_000,
                       precision: 0.05) { $0.jobs?.waitMs?.p95 ?? 0 },
            TheoryCase(model: model, metric: "mean job latency W (ms)", scenario: sc, theory: t.meanResponse * 1_000, precision: 0.03) {
                $0.jobs?.latencyMs?.mean ?? 0
            },
        ]
    }

    /// A bounded queue that rejects when full: 4 workers and room for 4 waiting jobs are one
    /// M/M/4/8 loss system; the share of enqueues refused is its blocking probability.
    static var queueLoss: [TheoryCase] {
        let lambda = 40.0, s = 0.1
        let sc = Scenario(
            name: "queue-mmck", seed: 7_919, duration: .seconds(2_100), warmup: .seconds(100),
            workload: Workload(rate: lambda, mix: [.init("request", weight: 1)]),
            components: [
                Component(id: "web", ServicePool(concurrency: 1_000, serviceTime: .constant(.zero))),
                Component(id: "jobs", MessageQueue(workers: "workers", capacity: 4)),
                station("workers", servers: 2, service: .exponential(mean: .seconds(s)), instances: 2),
            ],
            routes: [Route(requestClass: "request", steps: [.call(Call("web", then: [.enqueue(Enqueue("jobs"))]))])])
        let blocking = QueueingFormulas.mmcKBlocking(arrivalRate: lambda, serviceTime: s, servers: 4, capacity: 8)
        return [
            TheoryCase(
                model: "queue of capacity 4 with 2 × 2 workers, jobs λ = 40/s, E[S] = 100 ms (M/M/4/8 loss)", metric: "blocking probability",
                scenario: sc, theory: blocking, precision: 0.05
            ) { r in
                guard let j = r.jobs, j.enqueued + j.rejected > 0 else { return 0 }
                return Double(j.rejected) / Double(j.enqueued + j.rejected)
            },
        ]
    }

    /// A closed loop of 30 users thinking 1 s (exponential) between requests to one exponential
    /// 50 ms server: exact mean value analysis gives its throughput and response time.
    static var closedLoop: [TheoryCase] {
        let users = 30, z = 1.0, s = 0.05
        let sc = Scenario(
            name: "closed-loop", seed: 7_919, duration: .seconds(2_000), warmup: .seconds(50),
            workload: Workload(rate: 0, mix: [.init("request", weight: 1)], users: users, thinkTime: .exponential(mean: .seconds(z))),
            components: [station("s", servers: 1, service: .exponential(mean: .seconds(s)))],
            routes: [Route(requestClass: "request", steps: [call("s")])])
        let t = QueueingFormulas.closedLoopMVA(users: users, thinkTime: z, serviceTime: s)
        let model = "closed loop, 30 users, Z = 1 s, one exponential 50 ms server (exact MVA)"
        return [
            TheoryCase(model: model, metric: "throughput X (/s)", scenario: sc, theory: t.throughput, precision: 0.01) {
                $0.throughput.completedRps
            },
            TheoryCase(model: model, metric: "mean response R (ms)", scenario: sc, theory: t.response * 1_000, precision: 0.04, measure: latencyMeanMs),
        ]
    }

    /// The outcome of checking one case.
    public struct Outcome: Sendable {
        public var interval: ConfidenceInterval
        public var theory: Double
        /// Theory inside the interval.
        public var covered: Bool { interval.contains(theory) }
        /// Interval narrow enough to be a test.
        public var precise: Bool
        /// Relative error of the replication mean.
        public var relativeError: Double { theory == 0 ? interval.mean : (interval.mean - theory) / theory }
    }

    /// Runs `replications` replications (seeds derived from the scenario's) and compares a
    /// 99.9 % Student-t interval with the theory.
    public func check() -> Outcome {
        let estimates = (0..<replications).map { k -> Double in
            guard let simulation = try? Simulation(scenario: scenario, seed: Replications.seed(scenario.seed, replication: k)) else {
                preconditionFailure("validation scenario \(scenario.name) is invalid")
            }
            return measure(Results(simulation.run(), scenario: scenario))
        }
        let interval = ConfidenceInterval(estimates: estimates, confidence: 0.999)
        return Outcome(interval: interval, theory: theory, precise: interval.halfWidth <= precision * theory)
    }
}

import HeadroomModel

import Foundation
import Testing
@testable import HeadroomModel
import HeadroomAnalysis
import HeadroomEngine
import HeadroomScenario

/// The shared machinery of the model: forks and joins, detached jobs, per-call statuses with
/// handlers and zombie work, the live topology, timer lists, time buckets and the in-flight cap.
/// Programs no scenario step writes yet are assembled by hand (ProgramAssembler).
@Suite("Model machinery")
struct MachineryTests {
    /// A pool wide enough that nothing ever queues: each call takes exactly its own service time.
    static func wide(_ id: String, _ service: DistributionSpec, timeout: TimeSpan? = nil) -> Component {
        Component(id: id, ServicePool(instances: 1, concurrency: 100_000, serviceTime: service, timeout: timeout))
    }

    static func scenario(rate: Double, duration: Double, _ components: [Component], arrivals: Workload.Arrivals = .poisson, seed: UInt64 = 3) -> Scenario {
        Build.scenario(rate: rate, components: components, steps: [Build.call(components[0].id)],
                       duration: .seconds(duration), arrivals: arrivals, seed: seed)
    }

    static func meanLatencyMs(_ m: RunMeasurements) -> Double { m.overall.latencySum / Double(m.overall.completed) * 1_000 }

    @Test("fork/join: the mean of the slowest of n exponential branches is H_n/μ; a quorum of k waits for the k-th")
    func forkJoin() {
        let ids = ["a", "b", "c", "d"]
        let s = Self.scenario(rate: 1_000, duration: 100, ids.map { Self.wide($0, .exponential(mean: .milliseconds(10))) })
        let all = Build.run(s) { p in
            p.label("main")
            p.fork(need: 4, ids.map { id in { (q: inout ProgramAssembler) in q.call(id) } })
            p.done()
        }
        // E[max of 4 Exp(μ)] = (1 + 1/2 + 1/3 + 1/4)/μ = 20.833 ms. Var = Σ 1/(kμ)² = 1.4236/μ²,
        // so σ = 11.93 ms; over ~100,000 independent requests the standard error is 0.038 ms and
        // 0.2 ms is more than 5 standard errors.
        #expect(all.overall.completed > 95_000)
        #expect(abs(Self.meanLatencyMs(all) - 20.8333) < 0.2, "\(Self.meanLatencyMs(all))")
        let quorum = Build.run(s) { p in
            p.label("main")
            p.fork(need: 2, ids.prefix(3).map { id in { (q: inout ProgramAssembler) in q.call(id) } })
            p.done()
        }
        // The 2nd of 3: (1/3 + 1/2)/μ = 8.333 ms; σ² = (1/9 + 1/4)/μ², σ = 6.01 ms; SE 0.019 ms.
        #expect(abs(Self.meanLatencyMs(quorum) - 8.3333) < 0.1, "\(Self.meanLatencyMs(quorum))")
        // The third branch of every quorum fork still ran: its work is counted at its pool.
        #expect(quorum.components[2].departures > 95_000)
    }

    @Test("a failed branch fails the join with its cause, unless the join is tolerant")
    func joinFailure() {
        // "tiny" has one worker and no queue: at 200 req/s × 10 ms it refuses about 2/3 of its calls (Erlang B).
        let tiny = Component(id: "tiny", ServicePool(concurrency: 1, queueCapacity: 0, serviceTime: .exponential(mean: .milliseconds(10))))
        let s = Self.scenario(rate: 200, duration: 60, [Self.wide("a", .constant(.milliseconds(1))), tiny])
        let strict = Build.run(s) { p in
            p.label("main")
            p.fork(need: 2, [{ $0.call("a") }, { $0.call("tiny") }])
            p.done()
        }
        let q = strict.overall
        #expect(q.errors[.rejected] > 0 && q.completed > 0)
        #expect(q.offered == q.completed + q.errors.total + q.inSystemAtEnd)
        #expect(strict.components[1].errors[.rejected] == q.errors[.rejected])
        let tolerant = Build.run(s) { p in
            p.label("main")
            p.fork(need: 2, tolerant: true, [{ $0.call("a") }, { $0.call("tiny") }])
            p.done()
        }
        #expect(tolerant.overall.errors.total == 0)
        #expect(tolerant.components[1].errors[.rejected] > 0)
    }

    @Test("a spawned job outlives its request: the request answers at once, the job is counted on its own")
    func spawnedJobs() {
        let s = Self.scenario(rate: 100, duration: 200, [Self.wide("api", .constant(.milliseconds(2))), Self.wide("worker", .constant(.seconds(3)))])
        let m = Build.run(s) { p in
            p.label("main")
            p.call("api")
            p.spawn("job")
            p.done()
            p.label("job")
            p.call("worker")
            p.done()
        }
        // Requests take exactly the API's 2 ms; jobs exactly the worker's 3 s.
        #expect(abs(Self.meanLatencyMs(m) - 2) < 1e-6)
        // Every request spawns its job once the API has answered: all but those still at the API at the end.
        #expect(m.jobs.offered == m.overall.offered - m.overall.inSystemAtEnd)
        #expect(abs(m.jobs.latencySum / Double(m.jobs.completed) - 3) < 1e-9)
        // Jobs started in the last 3 s are still running at the end.
        #expect(m.jobs.offered - m.jobs.completed > 200 && m.jobs.offered - m.jobs.completed < 400)
    }

    /// outer (1 ms) holds its worker while it calls slow (50 ms, timeout 10 ms); on the timeout
    /// the step that called slow goes on with fast (2 ms). Constant times, no queueing.
    static func fallback(outerTimeout: TimeSpan?) -> (Scenario, (inout ProgramAssembler) -> Void) {
        let s = Self.scenario(rate: 50, duration: 200, [
            Self.wide("outer", .constant(.milliseconds(1)), timeout: outerTimeout),
            Self.wide("slow", .constant(.milliseconds(50)), timeout: .milliseconds(10)),
            Self.wide("fast", .constant(.milliseconds(2))),
        ], arrivals: .deterministic)
        let program: (inout ProgramAssembler) -> Void = { p in
            p.label("main")
            p.call("outer") { $0.call("slow", onError: "fallback") }
            p.done()
            p.label("fallback")
            p.call("fast")
            p.model.program.append(Instruction(operation: .return))  // leaves outer
            p.done()
        }
        return (s, program)
    }

    @Test("an error handler catches a timeout: the caller goes on in a new slot while the work it left runs on")
    func fallbackAfterTimeout() {
        let (s, program) = Self.fallback(outerTimeout: nil)
        let m = Build.run(s, program: program)
        // 1 ms at outer + 10 ms until slow's timeout + 2 ms at fast: exactly 13 ms, no failures
        // (the request arriving at the very end is still in flight).
        #expect(m.overall.errors.total == 0)
        #expect(m.overall.completed == m.overall.offered - m.overall.inSystemAtEnd && m.overall.inSystemAtEnd <= 1)
        #expect(abs(Self.meanLatencyMs(m) - 13) < 1e-6, "\(Self.meanLatencyMs(m))")
        // slow timed out on every call, yet did all 50 ms of each (zombie work): 50 req/s × 50 ms.
        let slow = m.components[1]
        #expect(slow.errors[.timeout] == m.overall.completed)
        #expect(abs(slow.busyWorkerSeconds / m.measuredSeconds - 2.5) < 0.01)
        // outer's worker was held for the whole 13 ms of each request.
        #expect(abs(m.components[0].busyWorkerSeconds / m.measuredSeconds - 0.65) < 0.01)
    }

    @Test("a timer moved with the caller still fires: outer's own timeout ends the request after the fallback began")
    func movedTimerFires() {
        // outer times out 12 ms after arrival, during the fallback (11–13 ms).
        let (s, program) = Self.fallback(outerTimeout: .milliseconds(12))
        let m = Build.run(s, program: program)
        let ended = m.overall.offered - m.overall.inSystemAtEnd
        #expect(m.overall.completed == 0)
        #expect(m.overall.errors[.timeout] == ended && ended > 9_000)
        #expect(m.components[0].errors[.timeout] == ended)
        // Every frame still finished its work: fast served every fallback in full.
        #expect(m.components[2].departures == ended)
    }

    @Test("instances start, boot, drain and stop through one entry point; instance-seconds integrate the live count")
    func liveTopology() {
        var s = Self.scenario(rate: 0.0001, duration: 400, [Component(id: "app", ServicePool(instances: 2, serviceTime: .constant(.milliseconds(5))))],
                              arrivals: .deterministic)
        s.timeBucket = .seconds(10)
        let p = Build.pool("app", in: s)
        let m = Build.run(s, changes: [
            TopologyChange(time: SimInstant(seconds: 100), change: .resize(pool: p, size: 4, boot: SimDuration(seconds: 10))),
            TopologyChange(time: SimInstant(seconds: 300), change: .resize(pool: p, size: 1, boot: .zero)),
        ], capacities: ["app": 4]) { $0.label("main"); $0.call("app"); $0.done() }
        // 2 × 100 + 4 × 200 (booting instances are billed) + 1 × 100 = 1,100 instance-seconds.
        #expect(abs(m.components[0].instanceSeconds - 1_100) < 1e-6, "\(m.components[0].instanceSeconds)")
        // Serving capacity: booting instances serve nothing: 2×110 + 4×190 + 1×100 = 1,080 worker-seconds.
        #expect(abs(m.components[0].workerSeconds - 1_080) < 1e-6, "\(m.components[0].workerSeconds)")
        let live = m.buckets.map { $0.components[0].instanceSeconds / ($0.end - $0.start) }
        #expect(live.first == 2 && live[10] == 4 && live.last == 1, "\(live)")
    }

    @Test("a crash fails what the instance holds (cause crashed) and the balancer stops sending to it")
    func crash() {
        let s = Scenario(
            name: "crash", seed: 5, duration: .seconds(120),
            workload: Workload(rate: 400, mix: [.init("req", weight: 1)]),
            components: [
                Component(id: "lb", LoadBalancer(strategy: .roundRobin, backends: [.init("app")])),
                Component(id: "app", ServicePool(instances: 4, concurrency: 4, serviceTime: .exponential(mean: .milliseconds(8)))),
            ],
            routes: [Route(requestClass: "req", steps: [Build.call("lb")])])
        let first = Build.firstInstance("app", in: s)
        let m = Build.run(s, changes: [TopologyChange(time: SimInstant(seconds: 60), change: .crash(instance: first + 1))]) {
            $0.label("main"); $0.call("lb"); $0.done()
        }
        // About 400 × 8 ms / 4 = 0.8 requests were at the instance when it crashed: a few at most.
        let crashed = m.overall.errors[.crashed]
        #expect(crashed >= 0 && crashed < 20)
        #expect(m.overall.offered == m.overall.completed + m.overall.errors.total + m.overall.inSystemAtEnd)
        // After the crash three instances take everything: the crashed one served nothing more.
        let after = m.buckets.filter { $0.start >= 60 }
        #expect(after.allSatisfy { $0.components[1].instanceSeconds / ($0.end - $0.start) == 3 })
        #expect(after.allSatisfy { $0.errors.total == 0 })
    }

    @Test("no request is lost or counted twice across crashes, timeouts and zombie work, over 30 seeds")
    func conservationUnderFailures() {
        for seed in 1...30 as ClosedRange<UInt64> {
            let s = Scenario(
                name: "chaos", seed: seed, duration: .seconds(40), warmup: .seconds(2),
                workload: Workload(rate: 900, mix: [.init("req", weight: 1)]),
                components: [
                    Component(id: "lb", LoadBalancer(strategy: .leastConnections, backends: [.init("app")], latency: .constant(.microseconds(300)))),
                    Component(id: "app", ServicePool(instances: 3, concurrency: 4, queueCapacity: 20, serviceTime: .exponential(mean: .milliseconds(3)), timeout: .milliseconds(40))),
                    Component(id: "db", ServicePool(instances: 1, concurrency: 6, queueCapacity: 30, serviceTime: .exponential(mean: .milliseconds(5)), timeout: .milliseconds(25))),
                ],
                routes: [Route(requestClass: "req", steps: [Build.call("lb", then: [Build.call("db")])])])
            let first = Build.firstInstance("app", in: s)
            let p = Build.pool("app", in: s)
            var generator = SplitMix(seed: seed)
            var changes: [TopologyChange] = []
            for k in 0..<6 {
                let t = SimInstant(seconds: 3 + 6 * Double(k) + generator.unit())
                let change: TopologyChange.Change = generator.unit() < 0.5
                    ? .crash(instance: first + Int(generator.unit() * 3))
                    : .resize(pool: p, size: 1 + Int(generator.unit() * 3), boot: SimDuration(seconds: generator.unit()))
                changes.append(TopologyChange(time: t, change: change))
            }
            let m = Build.run(s, changes: changes) { $0.label("main"); $0.call("lb") { $0.call("db") }; $0.done() }
            let q = m.overall
            #expect(q.offered == q.completed + q.errors.total + q.inSystemAtEnd, "seed \(seed): \(q.offered) vs \(q.completed) + \(q.errors.total) + \(q.inSystemAtEnd)")
            #expect(q.errors[.timeout] > 0, "seed \(seed): the scenario is meant to time out")
        }
    }

    @Test("pending events stay O(requests in flight) with a long timeout at a high rate")
    func timersAreBounded() {
        let s = Build.scenario(
            rate: 20_000, components: [Component(id: "app", ServicePool(instances: 1, concurrency: 200, serviceTime: .exponential(mean: .milliseconds(5)), timeout: .seconds(30)))],
            steps: [Build.call("app")], duration: .seconds(60))
        let simulation = try! Simulation(scenario: s)
        let m = simulation.run()
        // One event per request in service, one arrival, one per timer list, one bucket end —
        // not 20,000/s × 30 s = 600,000 timeout events.
        #expect(m.peakPendingEvents <= m.peakRequestsInFlight + 3, "\(m.peakPendingEvents) events, \(m.peakRequestsInFlight) in flight")
        #expect(m.peakRequestsInFlight < 1_000)
    }

    @Test("an overloaded run stops at the in-flight cap instead of growing until memory runs out")
    func inFlightCap() {
        // ρ = 5: the queue grows by 400 requests a second.
        let s = Build.scenario(rate: 500, components: [Component(id: "a", ServicePool(serviceTime: .exponential(mean: .milliseconds(10))))],
                               steps: [Build.call("a")], duration: .hours(24))
        let m = try! Simulation(scenario: s, maxInFlight: 10_000).run()
        guard case .tooManyInFlight(let at, let inFlight)? = m.stop else {
            Issue.record("the run did not stop")
            return
        }
        // 10,000 in flight after about 10,000 / 400 = 25 s.
        #expect(inFlight == 10_000)
        #expect(at > 20 && at < 30, "\(at)")
        #expect(m.simulatedSeconds == at)
    }

    @Test("load shedding drops requests that waited past the deadline; the served ones waited less")
    func shedding() {
        // ρ = 1.5 on one worker: without shedding the queue would grow without bound.
        let s = Build.scenario(rate: 150, components: [Component(id: "a", ServicePool(serviceTime: .exponential(mean: .milliseconds(10))))],
                               steps: [Build.call("a")], duration: .seconds(300))
        var assembler = ProgramAssembler(s)
        assembler.label("main")
        assembler.call("a")
        assembler.done()
        var compiled = assembler.finish()
        compiled.pools[0].shedAfter = 0.05
        let m = try! Simulation(compiled: compiled, scenario: s, seed: nil).run()
        let q = m.overall
        #expect(q.errors[.shed] > 0 && q.errors[.shed] == m.components[0].errors[.shed])
        #expect(q.offered == q.completed + q.errors.total + q.inSystemAtEnd)
        // Served requests waited at most the deadline; the worker stays saturated on what it keeps.
        #expect(m.components[0].waitSum / Double(m.components[0].waitCount) <= 0.05)
        #expect(m.components[0].busyWorkerSeconds / m.measuredSeconds > 0.95)
        // At most about a deadline's worth of arrivals (150/s × 50 ms, plus slack) is ever queued.
        #expect(m.peakRequestsInFlight < 60)
    }

    @Test("a degraded pool: service times multiplied, calls failing with the configured probability")
    func degradation() {
        let s = Build.scenario(rate: 100, components: [Self.wide("a", .constant(.milliseconds(10)))], steps: [Build.call("a")],
                               duration: .seconds(200))
        var assembler = ProgramAssembler(s)
        assembler.label("main")
        assembler.call("a")
        assembler.done()
        var compiled = assembler.finish()
        compiled.pools[0].latencyFactor = 3
        compiled.pools[0].errorProbability = 0.2
        compiled.pools[0].faultStream = compiled.addStream("faults:a")
        let m = try! Simulation(compiled: compiled, scenario: s, seed: nil).run()
        let q = m.overall
        // A binomial share: 20 % of ~20,000 calls, within 5 standard deviations (√(n·0.2·0.8) ≈ 57).
        let ended = Double(q.completed + q.errors.total)
        #expect(abs(Double(q.errors[.failed]) - 0.2 * ended) < 5 * (ended * 0.16).squareRoot())
        #expect(m.components[0].errors[.failed] == q.errors[.failed])
        // Every call, failed or not, took 3 × 10 ms.
        #expect(abs(q.latencySum / Double(q.completed) - 0.03) < 1e-9)
    }

    @Test("a call's own timeout overrides its pool's")
    func stepTimeout() {
        let s = Build.scenario(rate: 50, components: [Self.wide("a", .constant(.milliseconds(40)), timeout: .seconds(1))],
                               steps: [Build.call("a")], duration: .seconds(100))
        var assembler = ProgramAssembler(s)
        assembler.label("main")
        assembler.call("a")
        assembler.done()
        var compiled = assembler.finish()
        compiled.program[0].timerList = Int32(compiled.addTimerList(SimDuration(seconds: 0.025)))
        let m = try! Simulation(compiled: compiled, scenario: s, seed: nil).run()
        // 40 ms of work against a 25 ms client timeout: every call times out, none completes.
        #expect(m.overall.completed == 0)
        #expect(m.overall.errors[.timeout] == m.overall.offered - m.overall.inSystemAtEnd)
    }

    @Test("time buckets add up to the run: completions, busy time and arrivals")
    func bucketsAddUp() {
        var s = Build.scenario(rate: 300, components: [Component(id: "a", ServicePool(concurrency: 4, serviceTime: .exponential(mean: .milliseconds(10))))],
                               steps: [Build.call("a")], duration: .seconds(95), warmup: .seconds(0))
        s.timeBucket = .seconds(10)
        let m = try! Simulation(scenario: s).run()
        #expect(m.buckets.count == 10)
        #expect(m.buckets.last.map { $0.end - $0.start } == 5)
        #expect(m.buckets.reduce(0) { $0 + $1.completed } == m.overall.completed)
        #expect(m.buckets.reduce(0) { $0 + $1.arrivals } == m.overall.offered)
        let busy = m.buckets.reduce(0.0) { $0 + $1.components[0].busyWorkerSeconds }
        #expect(abs(busy - m.components[0].busyWorkerSeconds) < 1e-6)
        // Per-bucket p50 of an M/M/4 at ρ = 0.75 is a few tens of ms, never 0 when requests completed.
        #expect(m.buckets.allSatisfy { ($0.latency?.p50 ?? 0) > 0.001 })
    }
}

/// SplitMix64: reproducible randomness for test schedules, independent of the simulator's.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

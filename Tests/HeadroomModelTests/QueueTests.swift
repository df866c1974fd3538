import Foundation
import Testing
@testable import HeadroomModel
import HeadroomAnalysis
import HeadroomEngine
import HeadroomScenario

/// Queues and workers: enqueue steps, the shared waiting room, capacity, priorities, retries
/// with backoff and dead letters. Most cases use constant times and evenly spaced arrivals, so
/// every expected number is worked out by hand in the comment beside it.
@Suite("Queues and workers")
struct QueueTests {
    /// A web tier that enqueues `jobs` jobs per request to queue "q", fed to "workers".
    static func scenario(
        rate: Double, duration: Double, queue: MessageQueue, workers: ServicePool, jobs: [Enqueue], bursts: [Workload.Burst] = [],
        arrivals: Workload.Arrivals = .deterministic, warmup: Double = 0, seed: UInt64 = 1
    ) -> Scenario {
        Scenario(
            name: "queue", seed: seed, duration: .seconds(duration), warmup: .seconds(warmup),
            workload: Workload(arrivals: arrivals, rate: rate, mix: [.init("req", weight: 1)], bursts: bursts),
            components: [
                Component(id: "web", ServicePool(concurrency: 1_000, serviceTime: .constant(.zero))),
                Component(id: "q", queue),
                Component(id: "workers", workers),
            ],
            routes: [Route(requestClass: "req", steps: [.call(Call("web", then: jobs.map { .enqueue($0) }))])])
    }

    static func run(_ s: Scenario, changes: [TopologyChange] = []) -> RunMeasurements {
        #expect(ScenarioValidator.validate(s).isEmpty, "\(ScenarioValidator.validate(s))")
        var compiled = ModelCompiler(s)
        compiled.topologyChanges = changes
        do {
            return try Simulation(compiled: compiled, scenario: s, seed: nil).run()
        } catch {
            fatalError("\(error)")
        }
    }

    static func figure(_ m: RunMeasurements, _ name: String, component: Int = 1) -> Double {
        m.components[component].figures?[name]?.number ?? -1
    }

    static let one = ServicePool(concurrency: 1, serviceTime: .constant(.seconds(1)))

    @Test("a job that always fails is tried after 5 min, then 15 min, then dead-lettered (the seeds' schedule)")
    func fixedBackoff() {
        // One request, at t = 5000 s (evenly spaced at 1/5000 per second). Its job fails at the
        // end of each 1 s attempt: attempt 1 on [5000, 5001], wait 300 s, attempt 2 on
        // [5301, 5302], wait 900 s, attempt 3 on [6202, 6203], then it is a dead letter.
        let queue = MessageQueue(workers: "workers", maxAttempts: 3, backoff: .fixed([.minutes(5), .minutes(15)]))
        func run(until end: Double) -> RunMeasurements {
            Self.run(Self.scenario(rate: 1.0 / 5_000, duration: end, queue: queue, workers: Self.one, jobs: [Enqueue("q", failureProbability: 1)]))
        }
        let during = run(until: 6_202.5)
        #expect(Self.figure(during, "retries") == 2)
        #expect(Self.figure(during, "deliveries") == 3)
        #expect(Self.figure(during, "deadLetters") == 0)
        #expect(during.jobs.inSystemAtEnd == 1)
        let after = run(until: 6_203.5)
        #expect(Self.figure(after, "deadLetters") == 1)
        #expect(after.jobs.errors[.failed] == 1 && after.jobs.inSystemAtEnd == 0 && after.jobs.completed == 0)
        // Each failed attempt is an error where it arose, at the workers.
        #expect(after.components[2].errors[.failed] == 3)
        // Between attempts the job holds nothing: 3 s of work in 1203 s.
        #expect(abs(after.components[2].busyWorkerSeconds - 3) < 1e-9)
        #expect(after.jobQueues?.retries == 2 && after.jobQueues?.deadLetters == 1)
    }

    @Test("exponential backoff without jitter doubles from its base up to its cap")
    func exponentialBackoff() {
        // Waits of 1, 2, then 4 capped at 3, then 3 s: attempts start at 5000, 5002, 5005, 5009
        // and 5013 (1 s each), and the fifth fails at 5014.
        let queue = MessageQueue(workers: "workers", maxAttempts: 5, backoff: .exponential(base: .seconds(1), max: .seconds(3), jitter: false))
        func run(until end: Double) -> RunMeasurements {
            Self.run(Self.scenario(rate: 1.0 / 5_000, duration: end, queue: queue, workers: Self.one, jobs: [Enqueue("q", failureProbability: 1)]))
        }
        #expect(Self.figure(run(until: 5_012.5), "deliveries") == 4)
        #expect(Self.figure(run(until: 5_013.5), "deliveries") == 5)
        #expect(Self.figure(run(until: 5_013.5), "deadLetters") == 0)
        #expect(Self.figure(run(until: 5_014.5), "deadLetters") == 1)
    }

    @Test("full jitter draws each wait uniformly below its ceiling")
    func fullJitter() {
        // Jobs take no time and fail with p = 1/2; two attempts, 10 s backoff with full jitter. A
        // completed job succeeded at once (probability 1/2, latency 0) or after one failure
        // (1/4, latency U(0, 10 s)); so E[latency | completed] = (1/4 · 5 s) / (3/4) = 5/3 s
        // (without jitter it would be 10/3 s). The latency is 0 with probability 2/3 and U(0, 10)
        // otherwise: σ² = (1/3)(100/3) − (5/3)² = 8.33, σ = 2.89 s. About 15,000 jobs complete,
        // so the standard error is 0.024 s; 0.12 s is five of them.
        let queue = MessageQueue(workers: "workers", maxAttempts: 2, backoff: .exponential(base: .seconds(10), max: .seconds(10), jitter: true))
        let workers = ServicePool(concurrency: 100_000, serviceTime: .constant(.zero))
        let m = Self.run(Self.scenario(
            rate: 100, duration: 200, queue: queue, workers: workers, jobs: [Enqueue("q", failureProbability: 0.5)], arrivals: .poisson, seed: 11))
        #expect(m.jobs.completed > 14_000)
        let mean = m.jobs.latencySum / Double(m.jobs.completed)
        #expect(abs(mean - 5.0 / 3) < 0.12, "\(mean)")
    }

    @Test("a full queue rejects the enqueue (the request fails) or drops the job (the request goes on)")
    func capacity() {
        // One worker, 10.5 s jobs, room for 2, one request per second from t = 1 to 20. Job 1
        // runs on [1, 11.5); t = 2 and 3 queue; t = 4 … 11 find the queue full (8); at 11.5 job 2
        // starts, so t = 12 queues; t = 13 … 20 find it full again (8): 16 refused of 20.
        let workers = ServicePool(concurrency: 1, serviceTime: .constant(.seconds(10.5)))
        let reject = Self.run(Self.scenario(
            rate: 1, duration: 20.5, queue: MessageQueue(workers: "workers", capacity: 2), workers: workers, jobs: [Enqueue("q")]))
        #expect(reject.overall.offered == 20)
        #expect(reject.overall.errors[.rejected] == 16 && reject.overall.completed == 4)
        #expect(Self.figure(reject, "rejected") == 16 && Self.figure(reject, "enqueued") == 4)
        #expect(reject.components[1].errors[.rejected] == 16)
        #expect(Self.figure(reject, "maxBacklog") == 2)
        let drop = Self.run(Self.scenario(
            rate: 1, duration: 20.5, queue: MessageQueue(workers: "workers", capacity: 2, whenFull: .drop), workers: workers,
            jobs: [Enqueue("q")]))
        #expect(drop.overall.completed == 20 && drop.overall.errors.total == 0)
        #expect(Self.figure(drop, "dropped") == 16 && Self.figure(drop, "enqueued") == 4)
        #expect(drop.jobQueues?.dropped == 16)
    }

    @Test("an urgent job waits behind no normal one")
    func priorities() {
        // Requests at t = 1 and 2 each enqueue a normal job (10.5 s) and an urgent one (5.5 s)
        // for one worker. N1 runs on [1, 11.5); then U1 [11.5, 17), U2 [17, 22.5), N2 [22.5, 33).
        // Latencies 10.5 + 16 + 20.5 + 31 = 78 s (first come first served would give 83 s).
        let queue = MessageQueue(workers: "workers", priorities: ["urgent", "normal"])
        let workers = ServicePool(concurrency: 1, serviceTime: .constant(.seconds(10.5)))
        let m = Self.run(Self.scenario(
            rate: 1, duration: 40, queue: queue, workers: workers,
            jobs: [Enqueue("q", priority: "normal"), Enqueue("q", priority: "urgent", serviceTime: .constant(.seconds(5.5)))],
            bursts: [Workload.Burst(start: .seconds(2.5), duration: .seconds(100), rate: 0)]))
        #expect(m.jobs.completed == 4)
        #expect(abs(m.jobs.latencySum - 78) < 1e-9, "\(m.jobs.latencySum)")
        // Without a priority a job waits at the last level: the same as "normal".
        let unnamed = Self.run(Self.scenario(
            rate: 1, duration: 40, queue: queue, workers: workers,
            jobs: [Enqueue("q"), Enqueue("q", priority: "urgent", serviceTime: .constant(.seconds(5.5)))],
            bursts: [Workload.Burst(start: .seconds(2.5), duration: .seconds(100), rate: 0)]))
        #expect(abs(unnamed.jobs.latencySum - 78) < 1e-9)
    }

    @Test("the workers share one queue: a job waits for whichever instance frees first")
    func sharedQueue() {
        // One request enqueues a 100 s job, then two 1 s jobs, for 2 instances × 1 worker. The
        // long job takes instance A, the first short one B; the second short one waits and takes
        // B at t = 2: latencies 100 + 1 + 2 = 103 s. With a queue per instance, dealt round
        // robin, it would have waited behind the long job on A (101 s).
        let workers = ServicePool(instances: 2, concurrency: 1, serviceTime: .constant(.seconds(1)))
        let m = Self.run(Self.scenario(
            rate: 1, duration: 150, queue: MessageQueue(workers: "workers"), workers: workers,
            jobs: [Enqueue("q", serviceTime: .constant(.seconds(100))), Enqueue("q"), Enqueue("q")],
            bursts: [Workload.Burst(start: .seconds(1.5), duration: .seconds(1_000), rate: 0)]))
        #expect(m.jobs.completed == 3)
        #expect(abs(m.jobs.latencySum - 103) < 1e-9, "\(m.jobs.latencySum)")
    }

    @Test("an instance that comes up takes waiting jobs at once; a crash of the queue's anchor instance loses only what it ran")
    func sharedQueueTopology() {
        // One 1-worker instance, ten 10 s jobs enqueued at t = 1. At t = 5 a second instance is
        // started (no boot time) and takes job 2 at once, without waiting for a worker to free.
        let workers = ServicePool(instances: 1, concurrency: 1, serviceTime: .constant(.seconds(10)))
        let s = Self.scenario(
            rate: 1, duration: 200, queue: MessageQueue(workers: "workers"), workers: workers,
            jobs: Array(repeating: Enqueue("q"), count: 10), bursts: [Workload.Burst(start: .seconds(1.5), duration: .seconds(1_000), rate: 0)])
        var compiled = ModelCompiler(s, capacities: ["workers": 2])
        let p = compiled.pool(ofComponentID: "workers") ?? -1
        compiled.topologyChanges = [TopologyChange(time: SimInstant(seconds: 5), change: .resize(pool: p, size: 2, boot: .zero))]
        let m = try! Simulation(compiled: compiled, scenario: s, seed: nil).run()
        // A: jobs on [1, 11), [11, 21), [21, 31), [31, 41), [41, 51); B: [5, 15), [15, 25), [25, 35),
        // [35, 45), [45, 55). Latencies (minus the t = 1 enqueue): 10, 20, 30, 40, 50 and 14, 24,
        // 34, 44, 54: 150 + 170 = 320 s.
        #expect(m.jobs.completed == 10)
        #expect(abs(m.jobs.latencySum - 320) < 1e-9, "\(m.jobs.latencySum)")

        // The anchor (A) crashes at t = 5 holding job 1: job 1 fails (crashed, no retries); the
        // other nine wait on for B, started at t = 5: they end at 15, 25, … 95.
        var crashing = ModelCompiler(s, capacities: ["workers": 2])
        let anchor = Int(crashing.pools[p].firstInstance)
        crashing.topologyChanges = [
            TopologyChange(time: SimInstant(seconds: 5), change: .resize(pool: p, size: 2, boot: .zero)),
            TopologyChange(time: SimInstant(seconds: 5), change: .crash(instance: anchor)),
        ]
        let c = try! Simulation(compiled: crashing, scenario: s, seed: nil).run()
        #expect(c.jobs.errors[.crashed] == 1)
        #expect(c.jobs.completed == 9)
        #expect(abs(c.jobs.latencySum - (14 + 24 + 34 + 44 + 54 + 64 + 74 + 84 + 94)) < 1e-9, "\(c.jobs.latencySum)")
    }

    @Test("a job's timeout at its worker is retried, and its dead letter counted by cause")
    func timeoutIsRetried() {
        // 2 s jobs, a 1 s timeout at the workers, two attempts, no backoff: the job times out
        // twice and is a dead letter of cause timeout; the work it left runs on (zombie work).
        let workers = ServicePool(concurrency: 10, serviceTime: .constant(.seconds(2)), timeout: .seconds(1))
        let m = Self.run(Self.scenario(
            rate: 1.0 / 100, duration: 150, queue: MessageQueue(workers: "workers", maxAttempts: 2), workers: workers, jobs: [Enqueue("q")]))
        #expect(m.jobs.errors[.timeout] == 1 && m.jobs.completed == 0)
        #expect(Self.figure(m, "retries") == 1)
        #expect(m.components[2].errors[.timeout] == 2)
        #expect(abs(m.components[2].busyWorkerSeconds - 4) < 1e-9)
    }

    @Test("retries and dead letters follow the geometric law of independent failures")
    func geometricRetries() {
        // 20,000 jobs (20/s for 1,000 s, evenly spaced), each attempt failing with p = 0.3, at
        // most 3 attempts, ample workers, no backoff. A job's retries X are 0, 1 or 2 with
        // probabilities 1 − p, p(1 − p), p²: E[X] = p + p² = 0.39, Var[X] = p(1 − p) + 4p² − E[X]²
        // = 0.4179, so the total is 7,800 ± √(20,000 × 0.4179) = 91.4 (one sd); a dead letter is
        // p³ = 0.027 per job: 540 ± √(20,000 × 0.027 × 0.973) = 22.9. Both within 4.5 sd (a
        // correct model fails either with probability below 1e-5).
        let p = 0.3, n = 20_000.0
        let workers = ServicePool(concurrency: 100, serviceTime: .constant(.milliseconds(10)))
        let m = Self.run(Self.scenario(
            rate: 20, duration: 1_010, queue: MessageQueue(workers: "workers", maxAttempts: 3), workers: workers,
            jobs: [Enqueue("q", failureProbability: p)], bursts: [Workload.Burst(start: .seconds(1_000), duration: .seconds(1_000), rate: 0)],
            seed: 17))
        let q = try! #require(m.jobQueues)
        #expect(q.enqueued == 20_000)
        let retries = Double(q.retries), dead = Double(q.deadLetters)
        let retrySD = (n * (p * (1 - p) + 4 * p * p - pow(p + p * p, 2))).squareRoot()
        let deadSD = (n * pow(p, 3) * (1 - pow(p, 3))).squareRoot()
        #expect(abs(retries - n * (p + p * p)) < 4.5 * retrySD, "\(retries) retries, expected \(n * (p + p * p)) ± \(retrySD)")
        #expect(abs(dead - n * pow(p, 3)) < 4.5 * deadSD, "\(dead) dead letters, expected \(n * pow(p, 3)) ± \(deadSD)")
        #expect(m.jobs.completed + q.deadLetters == 20_000)
    }

    @Test("jobs add up: enqueued = completed + dead letters + in the system at the end, over 20 seeds")
    func conservation() {
        var rejected = 0, retries = 0, deadLetters = 0
        for seed in UInt64(1)...20 {
            let queue = MessageQueue(
                workers: "workers", capacity: 50, priorities: ["a", "b"], maxAttempts: 3,
                backoff: .exponential(base: .milliseconds(50), max: .seconds(1), jitter: true))
            let workers = ServicePool(instances: 2, concurrency: 2, serviceTime: .exponential(mean: .milliseconds(45)), timeout: .milliseconds(200))
            let m = Self.run(Self.scenario(
                rate: 40, duration: 120, queue: queue, workers: workers,
                jobs: [Enqueue("q", priority: "a", failureProbability: 0.2), Enqueue("q", failureProbability: 0.1)], arrivals: .poisson, seed: seed))
            let q = try! #require(m.jobQueues)
            #expect(q.enqueued == m.jobs.offered, "seed \(seed)")
            #expect(m.jobs.offered == m.jobs.completed + m.jobs.errors.total + m.jobs.inSystemAtEnd, "seed \(seed)")
            #expect(q.deadLetters == m.jobs.errors.total, "seed \(seed)")
            #expect(m.overall.offered == m.overall.completed + m.overall.errors.total + m.overall.inSystemAtEnd, "seed \(seed)")
            #expect(m.overall.errors.total == q.rejected, "seed \(seed)")
            rejected += q.rejected
            retries += q.retries
            deadLetters += q.deadLetters
        }
        // The runs exercise every path: a full queue (at 90 % load a 50-job queue fills now
        // and then, not in every run), retries and dead letters (0.2² × 0.2 of the "a" jobs).
        #expect(rejected > 0 && retries > 0 && deadLetters > 0, "\(rejected) rejected, \(retries) retries, \(deadLetters) dead letters")
    }
}

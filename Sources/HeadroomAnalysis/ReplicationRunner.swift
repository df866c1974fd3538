import Foundation
import HeadroomModel
import HeadroomScenario

/// Runs the replications of one or more ``ReplicationPlan``s on a pool of worker threads.
///
/// Every run is independent (its own simulation, its own random streams derived from its seed),
/// so runs go to whichever worker is free, and each result is stored at its replication's index:
/// the outcomes — and every report made from them — are the same whatever the number of jobs or
/// the order in which runs finish. The decisions taken along the way (the warm-up found on a
/// pilot run, the replications `precision` adds after a round) depend only on results, never on
/// timing, so they are deterministic too.
///
/// A plan that detects its warm-up first runs replication 0 without warm-up (the pilot); MSER-5
/// on its response times gives the warm-up W every replication then uses. When W is 0 the pilot
/// is replication 0; otherwise replication 0 runs again with W — the same seed gives the same
/// sample path, so that run is exactly the pilot measured from W on. Pilots are queued first, so
/// the other plans' replications keep the workers busy meanwhile.
///
/// `cancel()` stops handing out runs; runs in progress cannot be interrupted (the event loop has
/// no cancellation point), so a caller that must stop at once reports ``outcomes()`` — what
/// finished — without waiting for them.
public final class ReplicationRunner: @unchecked Sendable {
    /// Runs finished and runs planned so far, over all plans (planned grows when a pilot needs a
    /// re-run or `precision` adds replications).
    public struct Progress: Sendable, Equatable {
        public var finished: Int
        public var planned: Int
    }

    private struct Task {
        var plan: Int
        var replication: Int
        /// The warm-up to run with: nil keeps the scenario's; the pilot runs with 0 and is marked.
        var warmupSeconds: Double?
        var pilot: Bool
    }

    private struct PlanState {
        var plan: ReplicationPlan
        var results: [Results?]
        var warmupSeconds: Double?
        var detection: WarmupDetection?
        var outstanding = 0
        var done = false
        var precision: PrecisionOutcome?
        var failure: ScenarioError?
    }

    private let condition = NSCondition()
    private var queue: [Task] = []
    private var head = 0
    private var states: [PlanState]
    private var finishedRuns = 0
    private var plannedRuns = 0
    private var cancelled = false
    private var remainingPlans: Int
    private let jobs: Int
    private var started = false

    /// A runner for `plans` that will use at most `jobs` threads.
    public init(plans: [ReplicationPlan], jobs: Int) {
        precondition(jobs >= 1, "at least one job")
        self.jobs = jobs
        states = plans.map { PlanState(plan: $0, results: Array(repeating: nil, count: $0.replications)) }
        remainingPlans = plans.count
        for (p, plan) in plans.enumerated() where plan.detectWarmup {
            queue.append(Task(plan: p, replication: 0, warmupSeconds: 0, pilot: true))
            states[p].outstanding = 1
            plannedRuns += plan.replications
        }
        for (p, plan) in plans.enumerated() where !plan.detectWarmup {
            for k in 0..<plan.replications { queue.append(Task(plan: p, replication: k, warmupSeconds: nil, pilot: false)) }
            states[p].outstanding = plan.replications
            plannedRuns += plan.replications
        }
    }

    /// Runs every plan with `jobs` threads and returns the outcomes, in plan order.
    public static func run(_ plans: [ReplicationPlan], jobs: Int) -> [ReplicationOutcome] {
        let runner = ReplicationRunner(plans: plans, jobs: jobs)
        runner.start()
        runner.wait()
        return runner.outcomes()
    }

    /// Starts the worker threads: `jobs` of them, since a pilot run soon queues many more.
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        guard remainingPlans > 0 else { return }
        for _ in 0..<jobs {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Blocks until every plan is done or the runner is cancelled, calling `tick` (outside the
    /// lock) after each finished run and at least every `interval` seconds; `tick` returns false
    /// to cancel. Returns true when everything finished.
    @discardableResult
    public func wait(tickEvery interval: Double = 0.1, _ tick: (Progress) -> Bool = { _ in true }) -> Bool {
        while true {
            condition.lock()
            if remainingPlans == 0 || cancelled {
                let finished = remainingPlans == 0
                condition.unlock()
                return finished
            }
            // Every finished run broadcasts, so this wakes for each one, or after `interval`.
            _ = condition.wait(until: Date(timeIntervalSinceNow: interval))
            let progress = Progress(finished: finishedRuns, planned: plannedRuns)
            condition.unlock()
            if !tick(progress) { cancel() }
        }
    }

    /// Stops handing out runs; runs in progress finish in the background.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs finished and planned so far.
    public var progress: Progress {
        condition.lock()
        defer { condition.unlock() }
        return Progress(finished: finishedRuns, planned: plannedRuns)
    }

    /// What each plan has produced so far, in plan order.
    public func outcomes() -> [ReplicationOutcome] {
        condition.lock()
        defer { condition.unlock() }
        return states.map { state in
            let finished = state.results.indices.filter { state.results[$0] != nil }
            return ReplicationOutcome(
                plan: state.plan, results: finished.compactMap { state.results[$0] }, replicationNumbers: finished,
                warmup: state.detection, planned: state.results.count, precision: state.precision, failure: state.failure)
        }
    }

    // MARK: - Workers

    private func work() {
        condition.lock()
        while true {
            if cancelled || remainingPlans == 0 { break }
            guard head < queue.count else {
                condition.wait()
                continue
            }
            let task = queue[head]
            head += 1
            let plan = states[task.plan].plan
            condition.unlock()
            let outcome = Self.execute(task, plan)
            condition.lock()
            finish(task, outcome)
            condition.broadcast()
        }
        condition.unlock()
    }

    private enum RunOutcome {
        case results(Results, WarmupDetection?)
        case failure(ScenarioError)
    }

    /// One simulation: the scenario with the task's warm-up, at the replication's seed.
    private static func execute(_ task: Task, _ plan: ReplicationPlan) -> RunOutcome {
        var scenario = plan.scenario
        if let warmup = task.warmupSeconds { scenario.warmup = TimeSpan(seconds: warmup) }
        do {
            let simulation = try Simulation(scenario: scenario, seed: Replications.seed(plan.baseSeed, replication: task.replication))
            let measurements = simulation.run()
            let detection = task.pilot ? WarmupDetection(series: measurements.overall.responseTimes) : nil
            return .results(Results(measurements, scenario: scenario), detection)
        } catch {
            return .failure(error)
        }
    }

    /// Records a finished run and queues what it makes necessary. Called with the lock held.
    private func finish(_ task: Task, _ outcome: RunOutcome) {
        finishedRuns += 1
        let p = task.plan
        states[p].outstanding -= 1
        switch outcome {
        case .failure(let error):
            states[p].failure = error
            markDone(p)
            return
        case .results(let results, let detection):
            if task.pilot, let detection {
                states[p].detection = detection
                states[p].warmupSeconds = detection.warmupSeconds
                if detection.warmupSeconds > 0 {
                    // Replication 0 again, measured from the warm-up on; it goes first.
                    enqueue(Task(plan: p, replication: 0, warmupSeconds: detection.warmupSeconds, pilot: false), first: true)
                    plannedRuns += 1
                } else {
                    states[p].results[0] = results
                }
                for k in 1..<max(1, states[p].results.count) {
                    enqueue(Task(plan: p, replication: k, warmupSeconds: detection.warmupSeconds, pilot: false))
                }
            } else {
                states[p].results[task.replication] = results
            }
        }
        guard states[p].outstanding == 0, !states[p].done else { return }
        extendOrFinish(p)
    }

    /// A round is complete: with `precision`, add the replications the intervals still need.
    private func extendOrFinish(_ p: Int) {
        let plan = states[p].plan
        guard let target = plan.precision else { return markDone(p) }
        let results = states[p].results.compactMap { $0 }
        guard results.count >= 2 else { return markDone(p) }
        let summary = ReplicationSummary(results, confidence: plan.confidence)
        let outcome = PrecisionOutcome(summary, target: target, maxReplications: plan.maxReplications)
        states[p].precision = outcome
        let count = results.count
        guard !outcome.reached, count < plan.maxReplications else { return markDone(p) }
        let next = min(plan.maxReplications, max(count + 1, PrecisionOutcome.replicationsNeeded(summary, target: target)))
        states[p].results.append(contentsOf: repeatElement(nil, count: next - count))
        plannedRuns += next - count
        for k in count..<next {
            enqueue(Task(plan: p, replication: k, warmupSeconds: states[p].warmupSeconds, pilot: false))
        }
    }

    private func enqueue(_ task: Task, first: Bool = false) {
        states[task.plan].outstanding += 1
        if first {
            queue.insert(task, at: head)
        } else {
            queue.append(task)
        }
    }

    private func markDone(_ p: Int) {
        guard !states[p].done else { return }
        states[p].done = true
        remainingPlans -= 1
    }
}

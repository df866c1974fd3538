import HeadroomEngine
import HeadroomScenario
import Histogram

/// A message broker's queue feeding a worker pool. Its waiting room is the worker pool's own
/// queue, made one shared queue for the whole pool (``Pool/sharedQueue``) with a priority level
/// per declared priority: a job waits there until any up instance has a free worker. The queue
/// kind bounds it (`capacity`, checked when a route enqueues: retries re-enter regardless, as a
/// broker's retry set does), counts what passes, and runs each job's retries.
///
/// An enqueue step compiles to (Steps/Enqueue.swift):
///
///     E:   kindStep enqueue(q)      full: reject (the step fails) or drop; else spawn J0; go on at A
///     J0:  kindStep jobAttempt(q)   attempts += 1
///          callPool workers         priority = the job's level, onError = JR
///            …the job's steps…
///            kindStep jobFailure(q) (with a failure probability: fail the attempt)
///          return
///          done                     the job completed
///     JR:  kindStep jobRetry(q)     attempts left: wait the backoff, back to J0; else dead letter
///     A:   …the route goes on
struct QueueState: Sendable {
    /// Cumulative counts since the start of the run.
    struct Counts: Sendable {
        /// Jobs accepted onto the queue by enqueue steps.
        var enqueued = 0
        /// Enqueues refused because the queue was full (`whenFull: reject`).
        var rejected = 0
        /// Jobs discarded because the queue was full (`whenFull: drop`).
        var dropped = 0
        /// Jobs (attempts) handed to a worker.
        var deliveries = 0
        /// Failed attempts that were tried again.
        var retries = 0
        /// Jobs that failed their last attempt.
        var deadLetters = 0

        static func - (a: Counts, b: Counts) -> Counts {
            Counts(
                enqueued: a.enqueued - b.enqueued, rejected: a.rejected - b.rejected, dropped: a.dropped - b.dropped,
                deliveries: a.deliveries - b.deliveries, retries: a.retries - b.retries, deadLetters: a.deadLetters - b.deadLetters)
        }
    }

    /// How long a failed job waits before its next attempt.
    enum Backoff: Sendable {
        case none
        /// Waits before the 2nd, 3rd, … attempt; the last repeats.
        case fixed([Double])
        /// min(max, base × 2^(n−1)) before attempt n + 1, uniform below that with jitter.
        case exponential(base: Double, max: Double, jitter: Bool)
    }

    let component: Int32
    /// The worker pool (resolved in `link`).
    var workerPool: Int32 = -1
    /// The most jobs waiting before enqueues are refused or dropped; -1 unbounded.
    let capacity: Int32
    let dropWhenFull: Bool
    let maxAttempts: Int
    let backoff: Backoff
    /// Draws of backoff jitter and job failures.
    let stream: Int32
    /// Priority level names, the first served first.
    let priorities: [String]

    var counts = Counts()
    var countsAtWarmup = Counts()
    var countsAtBucket = Counts()
    /// Waits for a worker (per attempt) in the measured window.
    var wait: Histogram<UInt64>
    var waitSum = 0.0
    var waitCount = 0
    var waitMax = 0.0
    /// The most jobs waiting at once in the measured window.
    var windowPeak: Int32 = 0
    /// The most waiting in the current bucket before the window began (the warm-up ended inside it).
    var peakBeforeWindow: Int32 = 0
    /// The worker pool's queue area (job-seconds waiting) when the bucket began.
    var backlogAreaAtBucket = 0.0

    init(component: Int, spec: MessageQueue, stream: Int32, maxSeconds: Double) {
        self.component = Int32(component)
        capacity = spec.capacity.map(Int32.init) ?? -1
        dropWhenFull = spec.whenFull == .drop
        maxAttempts = spec.maxAttempts
        switch spec.backoff {
        case nil: backoff = .none
        case .fixed(let waits)?: backoff = .fixed(waits.map(\.seconds))
        case .exponential(let base, let max, let jitter)?: backoff = .exponential(base: base.seconds, max: max.seconds, jitter: jitter)
        }
        self.stream = stream
        priorities = spec.priorities
        let highest = UInt64(min(max(maxSeconds * 1e9 * 2, 2_000_000), 1e18))
        wait = Histogram(lowestDiscernibleValue: 1_000, highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
    }

    /// The queue level of a job of priority `name` (nil: the last level).
    func level(of name: String?) -> Int {
        guard let name, let k = priorities.firstIndex(of: name) else { return max(priorities.count - 1, 0) }
        return k
    }
}

extension MessageQueue: CompilableSpec {
    /// The worker pool gets one shared queue with a level per priority, before it is declared.
    func reserve(component c: Int, id: String, into model: inout ModelCompiler) {
        guard let w = model.componentIndex[workers] else { return }
        model.sharedQueues[w] = true
        model.minimumPriorityLevels[w] = max(model.minimumPriorityLevels[w], priorities.count)
    }

    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        let stream = model.addStream("queue:\(id)")
        model.kinds.queues.append(QueueState(component: c, spec: self, stream: stream, maxSeconds: model.maximumSeconds))
    }

    /// Finds its worker pool and gives it the queue's hooks (waits of jobs, as they start).
    func link(component c: Int, id: String, into model: inout ModelCompiler) {
        guard let k = model.kinds.queues.firstIndex(where: { Int($0.component) == c }), let p = model.pool(ofComponentID: workers)
        else { return }
        model.kinds.queues[k].workerPool = Int32(p)
        model.pools[p].behaviour = .queueWorkers
        model.pools[p].kindIndex = Int32(k)
    }
}

extension Simulation {
    /// The queue's worker pool and the instance slot its shared queue lives at.
    @inline(__always)
    func queueAnchor(_ k: Int) -> (pool: Int, anchor: Int) {
        let p = Int(kinds.queues[k].workerPool)
        return (p, Int(pools[p].firstInstance))
    }

    /// A route enqueues a job: refused or dropped when the queue is full; otherwise the job starts
    /// (it waits for a worker) and the route goes on at once.
    mutating func queueEnqueue(_ k: Int, slot: Int, pc: Int, instruction: Instruction) -> Bool {
        let (_, anchor) = queueAnchor(k)
        let c = Int(kinds.queues[k].component)
        counters[c].arrivals &+= 1
        let capacity = kinds.queues[k].capacity
        if capacity >= 0 && instances[anchor].queued >= capacity {
            if kinds.queues[k].dropWhenFull {
                kinds.queues[k].counts.dropped &+= 1
                requests[slot].pc = instruction.end
                return true
            }
            kinds.queues[k].counts.rejected &+= 1
            counters[c].errors[.rejected] &+= 1
            stepFailed(slot: slot, cause: .rejected)
            return false
        }
        kinds.queues[k].counts.enqueued &+= 1
        requests[slot].pc = instruction.end
        spawnJob(from: slot, entry: Int32(pc &+ 1))
        return true
    }

    /// A job begins an attempt.
    mutating func queueJobAttempt(_ k: Int, slot: Int, pc: Int) -> Bool {
        requests[slot].attempts &+= 1
        requests[slot].pc = Int32(pc &+ 1)
        return true
    }

    /// The end of a job's own steps: the attempt fails with the step's failure probability.
    mutating func queueJobFailure(_ k: Int, slot: Int, pc: Int, instruction: Instruction) -> Bool {
        if generators[Int(kinds.queues[k].stream)].uniform() < instruction.probability {
            // The job raised an error at its worker: counted there, then the queue's retry handler.
            let p = Int(kinds.queues[k].workerPool)
            counters[Int(pools[p].component)].errors[.failed] &+= 1
            stepFailed(slot: slot, cause: .failed)
            return false
        }
        requests[slot].pc = Int32(pc &+ 1)
        return true
    }

    /// A job's attempt failed: with attempts left it waits its backoff and tries again;
    /// otherwise it is a dead letter, failed with the cause of its last attempt.
    mutating func queueJobRetry(_ k: Int, slot: Int, instruction: Instruction) -> Bool {
        let attempts = Int(requests[slot].attempts)
        if attempts < kinds.queues[k].maxAttempts {
            kinds.queues[k].counts.retries &+= 1
            requests[slot].pc = instruction.end
            let delay = queueBackoff(k, afterAttempt: attempts)
            guard delay > 0 else { return true }
            wake(slot: slot, after: SimDuration(seconds: delay))
            return false
        }
        kinds.queues[k].counts.deadLetters &+= 1
        requestFailed(slot: slot, cause: ErrorCause(rawValue: requests[slot].lastError) ?? .failed, free: true)
        return false
    }

    /// The wait before attempt `attempt + 1`.
    func queueBackoff(_ k: Int, afterAttempt attempt: Int) -> Double {
        switch kinds.queues[k].backoff {
        case .none: return 0
        case .fixed(let waits): return waits.isEmpty ? 0 : waits[min(attempt, waits.count) - 1]
        case .exponential(let base, let cap, let jitter):
            let ceiling = min(cap, base * Double(sign: .plus, exponent: min(attempt - 1, 1_000), significand: 1))
            // Full jitter: uniform on (0, ceiling).
            return jitter ? generators[Int(kinds.queues[k].stream)].uniform() * ceiling : ceiling
        }
    }

    /// A worker took a job (an attempt): count the delivery and, in the window, its wait.
    @inline(__always)
    mutating func queueJobStarted(_ k: Int, slot: Int, waited: Double) {
        guard requests[slot].origin == .job else { return }
        kinds.queues[k].counts.deliveries &+= 1
        counters[Int(kinds.queues[k].component)].departures &+= 1
        guard measuring else { return }
        kinds.queues[k].waitSum += waited
        kinds.queues[k].waitCount &+= 1
        if waited > kinds.queues[k].waitMax { kinds.queues[k].waitMax = waited }
        kinds.queues[k].wait.record(UInt64(waited * 1e9))
    }

    /// The warm-up ended: the window's counts and peak start now.
    mutating func queueStartMeasuring(_ k: Int) {
        let (p, anchor) = queueAnchor(k)
        kinds.queues[k].countsAtWarmup = kinds.queues[k].counts
        // The pool's running peak restarts for the window; the bucket keeps what it saw before.
        kinds.queues[k].peakBeforeWindow = max(kinds.queues[k].peakBeforeWindow, pools[p].peakQueued)
        kinds.queues[k].windowPeak = instances[anchor].queued
        pools[p].peakQueued = instances[anchor].queued
    }

    /// The time-average backlog, its peak, and what happened in the bucket; the bucket's peak restarts.
    mutating func queueBucketFigures(_ k: Int) -> [KindFigures.Figure] {
        let (p, anchor) = queueAnchor(k)
        let now = calendar.now
        touch(instance: anchor, now: now)
        let length = (now - buckets.start).seconds
        let area = instances[anchor].queueArea
        let d = kinds.queues[k].counts - kinds.queues[k].countsAtBucket
        let sinceWindow = pools[p].peakQueued
        let peak = max(sinceWindow, kinds.queues[k].peakBeforeWindow)
        if measuring { kinds.queues[k].windowPeak = max(kinds.queues[k].windowPeak, sinceWindow) }
        kinds.queues[k].peakBeforeWindow = 0
        pools[p].peakQueued = instances[anchor].queued
        kinds.queues[k].countsAtBucket = kinds.queues[k].counts
        defer { kinds.queues[k].backlogAreaAtBucket = area }
        return [
            .init("backlog", .number(length > 0 ? (area - kinds.queues[k].backlogAreaAtBucket) / length : 0, places: 4)),
            .init("backlogPeak", .count(Int(peak))),
            .init("enqueued", .count(d.enqueued)),
            .init("retries", .count(d.retries)),
            .init("deadLetters", .count(d.deadLetters)),
        ]
    }

    /// The queue's figures over the measured window.
    func queueFigures(_ k: Int) -> KindFigures {
        let q = kinds.queues[k]
        let (p, anchor) = queueAnchor(k)
        let d = q.counts - q.countsAtWarmup
        let window = calendar.now.seconds - min(warmupEnd, calendar.now).seconds
        let workers = Int(pools[p].component)
        let backlog = window > 0 ? (instances[anchor].queueArea - warmupAreas[workers].queue) / window : 0
        func ms(_ percentile: Double) -> Double { q.waitCount > 0 ? Double(q.wait.valueAtPercentile(percentile)) / 1e6 : 0 }
        return KindFigures(name: "queue", figures: [
            .init("enqueued", .count(d.enqueued)),
            .init("rejected", .count(d.rejected)),
            .init("dropped", .count(d.dropped)),
            .init("deliveries", .count(d.deliveries)),
            .init("retries", .count(d.retries)),
            .init("deadLetters", .count(d.deadLetters)),
            .init("meanBacklog", .number(backlog, places: 4)),
            .init("maxBacklog", .count(Int(max(q.windowPeak, pools[p].peakQueued)))),
            .init("meanWaitMs", .milliseconds(q.waitCount > 0 ? q.waitSum / Double(q.waitCount) * 1_000 : 0)),
            .init("p50WaitMs", .milliseconds(ms(50))),
            .init("p95WaitMs", .milliseconds(ms(95))),
            .init("p99WaitMs", .milliseconds(ms(99))),
            .init("maxWaitMs", .milliseconds(q.waitMax * 1_000)),
        ])
    }

    /// Every queue's window figures together, for the jobs report.
    func queueJobMeasurements() -> JobMeasurements? {
        guard !kinds.queues.isEmpty else { return nil }
        var all = JobMeasurements(maxSeconds: end.seconds)
        for q in kinds.queues {
            let d = q.counts - q.countsAtWarmup
            all.enqueued += d.enqueued
            all.rejected += d.rejected
            all.dropped += d.dropped
            all.retries += d.retries
            all.deadLetters += d.deadLetters
            all.waitSum += q.waitSum
            all.waitCount += q.waitCount
            all.waitMax = max(all.waitMax, q.waitMax)
            all.waitNanoseconds.add(q.wait)
        }
        return all
    }
}

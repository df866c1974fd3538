import HeadroomModel
import HeadroomScenario

/// Everything a run reports, derived from its ``RunMeasurements``. Every renderer reads only this.
/// Times are in milliseconds, rates per second; all statistics cover the measured window
/// (after warm-up).
public struct Results: Sendable, Equatable {
    public var scenario: String
    public var seed: UInt64
    public var simulatedSeconds: Double
    public var warmupSeconds: Double
    /// Events the engine processed, warm-up included.
    public var events: Int
    public var requests: RequestCounts
    public var throughput: Throughput
    /// End-to-end latency of completed requests; nil when none completed (a run where nothing
    /// finishes has no latency, and 0 ms would read as instant).
    public var latencyMs: LatencySummary?
    /// Time-average number of requests in the system (waiting for an outcome).
    public var meanInSystem: Double
    /// Per request class, in mix order.
    public var classes: [ClassResults]
    /// Per component, in declaration order.
    public var components: [ComponentResults]
    /// What it costs.
    public var cost: CostReport
    /// The verdict on every service-level objective.
    public var sla: SLAReport
    /// What saturates first and where the time goes.
    public var bottlenecks: Bottlenecks
    /// The run bucket by bucket, warm-up included.
    public var timeseries = TimeSeries(bucketSeconds: 10, buckets: [], components: [])
    /// Whether the run reached a steady state: an unstable system is named here, and its latency
    /// objectives fail.
    public var stability = Stability.stable
    /// Latency of completed requests at a ladder of percentiles, for charts.
    public var latencyDistribution = LatencyDistribution.empty
    /// How the warm-up was found when the scenario set none (MSER-5 on a pilot run); nil otherwise.
    public var warmupDetection: WarmupDetection? = nil
    /// Jobs put on queues and how they fared; nil when the scenario has no queue.
    public var jobs: JobResults? = nil
    /// Every change of a pool's size by an autoscaler, from t = 0 (warm-up included), in time order.
    public var scaling: [ScalingDecision] = []

    /// The measured window in seconds.
    public var measuredSeconds: Double { simulatedSeconds - warmupSeconds }

    /// Outcome counts of requests that arrived in the measured window.
    public struct RequestCounts: Sendable, Equatable {
        public var offered: Int
        public var completed: Int
        /// Refused at admission somewhere on the route (full queue, throttle, rate limit, open breaker).
        public var rejected: Int
        /// Admitted, then failed (timeout, error, crash, shed).
        public var failed: Int
        public var inSystemAtEnd: Int
        /// Requests that ended in an error, by cause (`rejected` + `failed` split by cause).
        public var errors = ErrorCounts()
    }

    /// Offered and achieved rates.
    public struct Throughput: Sendable, Equatable {
        /// The workload's configured arrival rate.
        public var workloadRps: Double
        /// Arrivals per second actually drawn in the window.
        public var offeredRps: Double
        /// Completions per second.
        public var completedRps: Double
        /// Closed-loop users, when the workload is a closed loop (`workloadRps` is then the rate they offered).
        public var users: Int? = nil
    }

    /// Jobs put on queues (by `enqueue` steps) over the measured window, all queues together.
    public struct JobResults: Sendable, Equatable {
        /// Jobs accepted onto a queue.
        public var enqueued: Int
        /// Enqueues refused by a full queue (`whenFull: reject`: the request's step failed).
        public var rejected: Int
        /// Jobs discarded by a full queue (`whenFull: drop`: the request went on).
        public var dropped: Int
        /// Of the jobs enqueued, those that completed, failed their last attempt (dead letters),
        /// and were still queued, running or waiting to retry at the end.
        public var completed: Int
        public var deadLettered: Int
        public var inSystemAtEnd: Int
        /// Dead letters by the cause of their last failure.
        public var errors: ErrorCounts
        /// Failed attempts tried again.
        public var retries: Int
        /// Jobs completed per second.
        public var throughputRps: Double
        /// From enqueue to completion, retries and backoffs included; nil when no job completed.
        public var latencyMs: LatencySummary?
        /// Waits for a worker, one per attempt; nil when no attempt reached a worker.
        public var waitMs: LatencySummary?
    }

    /// Latency of completed requests. The mean and max are exact; percentiles come from an
    /// HdrHistogram with 3 significant digits (relative error ≤ 0.1 %). Only made when at least
    /// one request completed (see ``Results/latencyMs``).
    public struct LatencySummary: Sendable, Equatable {
        public var mean: Double
        public var p50: Double
        public var p90: Double
        public var p95: Double
        public var p99: Double
        public var p999: Double
        public var max: Double
    }

    /// One request class.
    public struct ClassResults: Sendable, Equatable {
        public var name: String
        public var requests: RequestCounts
        public var completedRps: Double
        /// Latency of this class's completed requests; nil when none completed.
        public var latencyMs: LatencySummary?
        /// Latency of this class's completed requests at a ladder of percentiles, for charts.
        public var latencyDistribution = LatencyDistribution.empty
    }

    /// One component: the common core every kind reports, and its kind's own figures.
    public struct ComponentResults: Sendable, Equatable {
        public var id: String
        public var kind: ComponentKind
        /// Instances configured at the start (1 for a load balancer).
        public var instances: Int
        /// Time-average number of instances running over the window (differs from `instances`
        /// when the fleet changes during the run).
        public var meanInstances: Double
        /// Workers across the configured instances (0 when the kind has no workers).
        public var workers: Int
        /// Fraction of worker time held, including time blocked on downstream calls (saturation);
        /// for a kind with its own limit (a rate-limited API), how close to it it ran.
        public var utilization: Double
        /// Fraction of worker time spent on the component's own service work.
        public var serviceUtilization: Double
        /// Time-average number waiting for a worker, over all instances.
        public var meanQueueLength: Double
        /// Mean wait for a worker of requests that got one.
        public var meanWaitMs: Double
        /// Mean time from arrival to departure (queue, service and downstream calls).
        public var meanResidenceMs: Double
        /// Departures per second.
        public var throughputRps: Double
        public var arrivals: Int
        /// Calls that ended in an error here, by cause.
        public var errors: ErrorCounts
        /// Mean own service time (cold starts included) of requests served.
        public var meanServiceMs: Double
        /// Share of all time requests spent waiting at or being served by components that was spent here.
        public var latencyShare: Double
        /// Instance-hours over the window (the integral of the running fleet).
        public var instanceHours: Double
        /// True when the component can saturate (it has workers or a limit of its own): the one
        /// answer every report uses for "does utilization mean something here?".
        public var saturable: Bool
        /// Requests in its queues or holding its workers when the run ended.
        public var inFlightAtEnd: Int
        /// The kind's own figures (a function's cold starts…), if it has any.
        public var figures: KindFigures?
        /// Figures of other topics it also has (the retries of steps calling a cache).
        public var moreFigures: [KindFigures] = []

        /// Every figures object it has, its kind's first.
        public var allFigures: [KindFigures] { (figures.map { [$0] } ?? []) + moreFigures }

        /// Calls refused at admission (full queue, throttle, rate limit).
        public var rejected: Int { errors.refused }
        /// Calls whose timeout here expired.
        public var timedOut: Int { errors[.timeout] }
        /// True when it has workers and a queue (pools); false for routers and external APIs.
        public var hasWorkers: Bool { workers > 0 }
    }
}

extension Results {
    /// Derives the reported metrics from one run's raw measurements of `scenario`.
    public init(_ m: RunMeasurements, scenario spec: Scenario) {
        let window = m.measuredSeconds
        scenario = m.scenario
        seed = m.seed
        simulatedSeconds = m.simulatedSeconds
        warmupSeconds = m.warmupSeconds
        events = m.events
        requests = RequestCounts(m.overall)
        throughput = Throughput(
            workloadRps: m.offeredRate, offeredRps: Double(m.overall.offered) / window,
            completedRps: Double(m.overall.completed) / window)
        latencyMs = LatencySummary(m.overall)
        meanInSystem = m.inSystemArea / window
        classes = m.classes.map {
            ClassResults(name: $0.name, requests: RequestCounts($0), completedRps: Double($0.completed) / window, latencyMs: LatencySummary($0))
        }
        // Self time: waiting plus own service at pools; a router's added latency.
        let selfTimes = m.components.map { c in c.role == .router ? c.residenceSum : c.waitSum + c.serviceSum }
        let totalSelf = selfTimes.reduce(0, +)
        components = zip(m.components, selfTimes).map { c, selfTime in
            let workerSeconds = c.workerSeconds
            return ComponentResults(
                id: c.id, kind: c.kind, instances: c.instances, meanInstances: window > 0 ? c.instanceSeconds / window : 0,
                workers: c.instances * c.concurrency,
                utilization: c.saturation ?? (workerSeconds > 0 ? c.busyWorkerSeconds / workerSeconds : 0),
                serviceUtilization: workerSeconds > 0 ? c.servingWorkerSeconds / workerSeconds : 0,
                meanQueueLength: c.queueArea / window,
                meanWaitMs: c.waitCount > 0 ? c.waitSum / Double(c.waitCount) * 1_000 : 0,
                meanResidenceMs: c.residenceCount > 0 ? c.residenceSum / Double(c.residenceCount) * 1_000 : 0,
                throughputRps: Double(c.departures) / window,
                arrivals: c.arrivals, errors: c.errors,
                meanServiceMs: c.waitCount > 0 ? c.serviceSum / Double(c.waitCount) * 1_000 : 0,
                latencyShare: totalSelf > 0 ? selfTime / totalSelf : 0,
                instanceHours: c.instanceSeconds / 3_600, saturable: c.concurrency > 0 || c.saturation != nil,
                inFlightAtEnd: c.inFlightAtEnd, figures: c.figures, moreFigures: c.moreFigures)
        }
        timeseries = TimeSeries(m)
        stability = Stability(m, series: timeseries)
        cost = CostReport(m, scenario: spec, completed: m.overall.completed)
        sla = SLAReport(m, scenario: spec, monthlyCost: cost.perMonthDollars, stability: stability)
        bottlenecks = Bottlenecks(components)
        latencyDistribution = LatencyDistribution(m.overall)
        for (i, c) in m.classes.enumerated() { classes[i].latencyDistribution = LatencyDistribution(c) }
        throughput.users = m.users
        scaling = m.scalingDecisions
        if let q = m.jobQueues {
            let waits = q.waitCount > 0
                ? LatencySummary(
                    mean: q.waitSum / Double(q.waitCount) * 1_000, p50: Double(q.waitNanoseconds.valueAtPercentile(50)) / 1e6,
                    p90: Double(q.waitNanoseconds.valueAtPercentile(90)) / 1e6, p95: Double(q.waitNanoseconds.valueAtPercentile(95)) / 1e6,
                    p99: Double(q.waitNanoseconds.valueAtPercentile(99)) / 1e6, p999: Double(q.waitNanoseconds.valueAtPercentile(99.9)) / 1e6,
                    max: q.waitMax * 1_000)
                : nil
            jobs = JobResults(
                enqueued: q.enqueued, rejected: q.rejected, dropped: q.dropped, completed: m.jobs.completed,
                deadLettered: m.jobs.errors.total, inSystemAtEnd: m.jobs.inSystemAtEnd, errors: m.jobs.errors, retries: q.retries,
                throughputRps: window > 0 ? Double(m.jobs.completed) / window : 0, latencyMs: LatencySummary(m.jobs), waitMs: waits)
        }
    }
}

/// One change of a pool's size by an autoscaler, as the model recorded it.
public typealias ScalingDecision = HeadroomModel.ScalingDecision

extension Results.RequestCounts {
    init(_ c: ClassMeasurements) {
        self.init(
            offered: c.offered, completed: c.completed, rejected: c.rejected, failed: c.failed, inSystemAtEnd: c.inSystemAtEnd,
            errors: c.errors)
    }
}

extension Results.LatencySummary {
    /// The latency of `c`'s completed requests; nil when none completed.
    init?(_ c: ClassMeasurements) {
        guard c.completed > 0 else { return nil }
        let h = c.latencyNanoseconds
        func ms(_ p: Double) -> Double { Double(h.valueAtPercentile(p)) / 1e6 }
        self.init(
            mean: c.latencySum / Double(c.completed) * 1_000, p50: ms(50), p90: ms(90), p95: ms(95),
            p99: ms(99), p999: ms(99.9), max: c.latencyMax * 1_000)
    }
}

/// A kind's own figures for one component, as the model measured them (reports render them
/// without knowing the kind).
public typealias KindFigures = HeadroomModel.KindFigures

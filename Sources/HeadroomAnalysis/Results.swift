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

    /// The measured window in seconds.
    public var measuredSeconds: Double { simulatedSeconds - warmupSeconds }

    /// Outcome counts of requests that arrived in the measured window.
    public struct RequestCounts: Sendable, Equatable {
        public var offered: Int
        public var completed: Int
        public var rejected: Int
        public var failed: Int
        public var inSystemAtEnd: Int
    }

    /// Offered and achieved rates.
    public struct Throughput: Sendable, Equatable {
        /// The workload's configured arrival rate.
        public var workloadRps: Double
        /// Arrivals per second actually drawn in the window.
        public var offeredRps: Double
        /// Completions per second.
        public var completedRps: Double
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
    }

    /// One component.
    public struct ComponentResults: Sendable, Equatable {
        public var id: String
        public var kind: String
        public var instances: Int
        public var workers: Int
        /// Fraction of worker time held, including time blocked on downstream calls (saturation).
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
        public var rejected: Int
        public var timedOut: Int
        /// Mean own service time (cold starts included) of requests served.
        public var meanServiceMs: Double
        /// Share of all time requests spent waiting at or being served by components that was spent here.
        public var latencyShare: Double
        /// Function invocations that needed a new container.
        public var coldStarts: Int
        /// Instance-hours over the window (the integral of the running fleet).
        public var instanceHours: Double
        /// True when the component can saturate (it has workers or a rate limit).
        public var saturable: Bool
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
        // Self time: waiting plus own service at stations; a balancer's added latency.
        let selfTimes = zip(m.components, spec.components).map { c, component in
            component.kind != .loadBalancer ? c.waitSum + c.serviceSum : c.residenceSum
        }
        let totalSelf = selfTimes.reduce(0, +)
        components = zip(zip(m.components, spec.components), selfTimes).map { pair, selfTime in
            let (c, spec) = pair
            let workerSeconds = Double(c.workers) * window
            var utilization = workerSeconds > 0 ? c.busyWorkerSeconds / workerSeconds : 0
            var saturable = c.workers > 0
            if let limit = spec.spec(as: ExternalAPI.self)?.rateLimit {
                // A rate-limited API saturates at its limit: utilization is the accepted call rate over it.
                utilization = Double(c.arrivals - c.rejected) / window / limit
                saturable = true
            }
            return ComponentResults(
                id: c.id, kind: c.kind, instances: c.instances, workers: c.workers,
                utilization: utilization,
                serviceUtilization: workerSeconds > 0 ? c.servingWorkerSeconds / workerSeconds : 0,
                meanQueueLength: c.queueArea / window,
                meanWaitMs: c.waitCount > 0 ? c.waitSum / Double(c.waitCount) * 1_000 : 0,
                meanResidenceMs: c.residenceCount > 0 ? c.residenceSum / Double(c.residenceCount) * 1_000 : 0,
                throughputRps: Double(c.departures) / window,
                arrivals: c.arrivals, rejected: c.rejected, timedOut: c.timedOut,
                meanServiceMs: c.waitCount > 0 ? c.serviceSum / Double(c.waitCount) * 1_000 : 0,
                latencyShare: totalSelf > 0 ? selfTime / totalSelf : 0,
                coldStarts: c.coldStarts, instanceHours: c.instanceSeconds / 3_600, saturable: saturable)
        }
        cost = CostReport(m, scenario: spec, completed: m.overall.completed)
        sla = SLAReport(m, scenario: spec, monthlyCost: cost.perMonthDollars)
        bottlenecks = Bottlenecks(components)
    }
}

extension Results.RequestCounts {
    init(_ c: ClassMeasurements) {
        self.init(offered: c.offered, completed: c.completed, rejected: c.rejected, failed: c.failed, inSystemAtEnd: c.inSystemAtEnd)
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

/// Source compatibility for code written when ``Results/latencyMs`` was not optional (the
/// benchmarks, the model's tests): `results.latencyMs.p99` still compiles, with a warning, and
/// reads NaN — not 0 — when nothing completed. New code reads `results.latencyMs?.p99`.
extension Optional where Wrapped == Results.LatencySummary {
    @available(*, deprecated, message: "latencyMs is nil when no request completed; read latencyMs?.mean")
    public var mean: Double { self?.mean ?? .nan }
    @available(*, deprecated, message: "latencyMs is nil when no request completed; read latencyMs?.p50")
    public var p50: Double { self?.p50 ?? .nan }
    @available(*, deprecated, message: "latencyMs is nil when no request completed; read latencyMs?.p90")
    public var p90: Double { self?.p90 ?? .nan }
    @available(*, deprecated, message: "latencyMs is nil when no request completed; read latencyMs?.p95")
    public var p95: Double { self?.p95 ?? .nan }
    @available(*, deprecated, message: "latencyMs is nil when no request completed; read latencyMs?.p99")
    public var p99: Double { self?.p99 ?? .nan }
    @available(*, deprecated, message: "latencyMs is nil when no request completed; read latencyMs?.p999")
    public var p999: Double { self?.p999 ?? .nan }
    @available(*, deprecated, message: "latencyMs is nil when no request completed; read latencyMs?.max")
    public var max: Double { self?.max ?? .nan }
}

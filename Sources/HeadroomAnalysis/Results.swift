import HeadroomModel

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
    public var latencyMs: LatencySummary
    /// Time-average number of requests in the system (waiting for an outcome).
    public var meanInSystem: Double
    /// Per request class, in mix order.
    public var classes: [ClassResults]
    /// Per component, in declaration order.
    public var components: [ComponentResults]

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
    /// HdrHistogram with 3 significant digits (relative error ≤ 0.1 %). All zero when nothing completed.
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
        public var latencyMs: LatencySummary
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
    }
}

extension Results {
    /// Derives the reported metrics from one run's raw measurements.
    public init(_ m: RunMeasurements) {
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
        components = m.components.map { c in
            let workerSeconds = Double(c.workers) * window
            return ComponentResults(
                id: c.id, kind: c.kind, instances: c.instances, workers: c.workers,
                utilization: workerSeconds > 0 ? c.busyWorkerSeconds / workerSeconds : 0,
                serviceUtilization: workerSeconds > 0 ? c.servingWorkerSeconds / workerSeconds : 0,
                meanQueueLength: c.queueArea / window,
                meanWaitMs: c.waitCount > 0 ? c.waitSum / Double(c.waitCount) * 1_000 : 0,
                meanResidenceMs: c.residenceCount > 0 ? c.residenceSum / Double(c.residenceCount) * 1_000 : 0,
                throughputRps: Double(c.departures) / window,
                arrivals: c.arrivals, rejected: c.rejected, timedOut: c.timedOut)
        }
    }
}

extension Results.RequestCounts {
    init(_ c: ClassMeasurements) {
        self.init(offered: c.offered, completed: c.completed, rejected: c.rejected, failed: c.failed, inSystemAtEnd: c.inSystemAtEnd)
    }
}

extension Results.LatencySummary {
    init(_ c: ClassMeasurements) {
        guard c.completed > 0 else {
            self.init(mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0)
            return
        }
        let h = c.latencyNanoseconds
        func ms(_ p: Double) -> Double { Double(h.valueAtPercentile(p)) / 1e6 }
        self.init(
            mean: c.latencySum / Double(c.completed) * 1_000, p50: ms(50), p90: ms(90), p95: ms(95),
            p99: ms(99), p999: ms(99.9), max: c.latencyMax * 1_000)
    }
}

import HeadroomModel
import HeadroomScenario

/// What a run measured in each time bucket, from t = 0 to the end (warm-up buckets included and
/// flagged, so a chart can show the warm-up). Filled by the model's time buckets; rendered as
/// `timeseries` in JSON, as CSV by `--timeseries FILE.csv`, and as charts in the HTML report.
public struct TimeSeries: Sendable, Equatable {
    /// The width of one bucket in seconds (the last bucket may be shorter).
    public var bucketSeconds: Double
    /// The buckets, in time order.
    public var buckets: [Bucket]
    /// Per component, in declaration order: one value per bucket in each series.
    public var components: [ComponentSeries]

    public init(bucketSeconds: Double, buckets: [Bucket], components: [ComponentSeries]) {
        self.bucketSeconds = bucketSeconds
        self.buckets = buckets
        self.components = components
    }

    /// End-to-end figures of one bucket.
    public struct Bucket: Sendable, Equatable {
        /// Start and end, in seconds of simulated time.
        public var startSeconds: Double
        public var endSeconds: Double
        /// True when the bucket lies (at least partly) inside the warm-up.
        public var warmup: Bool
        /// Arrivals per second in the bucket.
        public var offeredRps: Double
        /// Completions per second in the bucket.
        public var completedRps: Double
        /// Requests that ended in an error in the bucket, by cause.
        public var errors: ErrorCounts
        /// Latency of the requests completed in the bucket; nil when none completed.
        public var latencyMs: Percentiles?
        /// Time-average number of requests in the system over the bucket.
        public var meanInSystem: Double

        public init(
            startSeconds: Double, endSeconds: Double, warmup: Bool, offeredRps: Double, completedRps: Double,
            errors: ErrorCounts, latencyMs: Percentiles?, meanInSystem: Double
        ) {
            self.startSeconds = startSeconds
            self.endSeconds = endSeconds
            self.warmup = warmup
            self.offeredRps = offeredRps
            self.completedRps = completedRps
            self.errors = errors
            self.latencyMs = latencyMs
            self.meanInSystem = meanInSystem
        }
    }

    /// Latency percentiles of one bucket, in milliseconds.
    public struct Percentiles: Sendable, Equatable {
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var max: Double

        public init(p50: Double, p95: Double, p99: Double, max: Double) {
            self.p50 = p50
            self.p95 = p95
            self.p99 = p99
            self.max = max
        }
    }

    /// One component's figures over time; each array has one value per bucket.
    public struct ComponentSeries: Sendable, Equatable {
        public var id: String
        /// Share of live workers held (0…1); 0 for components without workers.
        public var utilization: [Double]
        /// Time-average number waiting for a worker.
        public var meanQueueLength: [Double]
        /// Time-average number of instances running (starting, up or draining).
        public var liveInstances: [Double]
        /// Departures per second.
        public var throughputRps: [Double]
        /// Calls that ended in an error here, by cause.
        public var errors: [ErrorCounts]
        /// The kind's own series (a cache's hit ratio, a queue's backlog), in the kind's order.
        public var figures: [NamedSeries]

        public init(
            id: String, utilization: [Double], meanQueueLength: [Double], liveInstances: [Double], throughputRps: [Double],
            errors: [ErrorCounts], figures: [NamedSeries] = []
        ) {
            self.id = id
            self.utilization = utilization
            self.meanQueueLength = meanQueueLength
            self.liveInstances = liveInstances
            self.throughputRps = throughputRps
            self.errors = errors
            self.figures = figures
        }
    }

    /// A kind's own series: its name and one value per bucket.
    public struct NamedSeries: Sendable, Equatable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }
}

extension TimeSeries {
    /// The time series of a run, from its raw buckets.
    public init(_ m: RunMeasurements) {
        bucketSeconds = m.bucketSeconds
        buckets = m.buckets.map { b in
            let length = b.end - b.start
            return Bucket(
                startSeconds: b.start, endSeconds: b.end, warmup: b.warmup, offeredRps: Double(b.arrivals) / length,
                completedRps: Double(b.completed) / length, errors: b.errors,
                latencyMs: b.latency.map { Percentiles(p50: $0.p50 * 1_000, p95: $0.p95 * 1_000, p99: $0.p99 * 1_000, max: $0.max * 1_000) },
                meanInSystem: b.inSystemArea / length)
        }
        components = m.components.indices.map { c in
            let parts = m.buckets.map { ($0.components[c], $0.end - $0.start) }
            var figureNames: [String] = []
            for (part, _) in parts { for figure in part.figures where !figureNames.contains(figure.name) { figureNames.append(figure.name) } }
            let override = m.components[c].saturation != nil
            return ComponentSeries(
                id: m.components[c].id,
                utilization: parts.map { part, _ in
                    override || part.workerSeconds <= 0 ? 0 : part.busyWorkerSeconds / part.workerSeconds
                },
                meanQueueLength: parts.map { $0.queueArea / $1 },
                liveInstances: parts.map { $0.instanceSeconds / $1 },
                throughputRps: parts.map { Double($0.departures) / $1 },
                errors: parts.map(\.0.errors),
                figures: figureNames.map { name in
                    NamedSeries(name: name, values: parts.map { part, _ in
                        part.figures.first { $0.name == name }?.value.number ?? .nan
                    })
                })
        }
    }

    /// The buckets of the measured window whose width is a whole bucket (the last, shorter
    /// bucket and the warm-up left out), with their indices.
    public var measuredIndices: [Int] {
        buckets.indices.filter { !buckets[$0].warmup && buckets[$0].endSeconds - buckets[$0].startSeconds >= bucketSeconds * 0.999 }
    }
}

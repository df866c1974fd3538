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

        public init(
            id: String, utilization: [Double], meanQueueLength: [Double], liveInstances: [Double], throughputRps: [Double],
            errors: [ErrorCounts]
        ) {
            self.id = id
            self.utilization = utilization
            self.meanQueueLength = meanQueueLength
            self.liveInstances = liveInstances
            self.throughputRps = throughputRps
            self.errors = errors
        }
    }
}

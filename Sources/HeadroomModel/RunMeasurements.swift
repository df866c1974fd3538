import HeadroomEngine
import HeadroomScenario
import Histogram

/// Everything one simulation run measured, raw: counts, time integrals and histograms over the
/// measured window (after warm-up), and the run bucket by bucket. Analysis turns this into
/// reported metrics.
public struct RunMeasurements: Sendable {
    /// Why a run ended before its duration.
    public enum Stop: Sendable, Equatable {
        /// Requests in flight reached the limit at `at` seconds: the offered load exceeds what the
        /// architecture serves, and its queues would grow until memory ran out.
        case tooManyInFlight(at: Double, inFlight: Int)
    }

    /// Scenario name.
    public var scenario: String
    /// The seed the run used.
    public var seed: UInt64
    /// Simulated seconds, warm-up included (up to the stop when the run stopped early).
    public var simulatedSeconds: Double
    /// Seconds at the start excluded from every statistic.
    public var warmupSeconds: Double
    /// The arrival rate the workload offered (requests per second).
    public var offeredRate: Double
    /// Events the engine processed over the whole run (warm-up included).
    public var events: Int
    /// End-to-end counts and latencies, all classes together.
    public var overall: ClassMeasurements
    /// The same per request class, in mix order.
    public var classes: [ClassMeasurements]
    /// Detached jobs (started by `spawn`): started, completed, failed, and their latency.
    public var jobs: ClassMeasurements
    /// Per component, in declaration order.
    public var components: [ComponentMeasurements]
    /// Time integral of the number of requests in the system (seconds × requests) over the window.
    public var inSystemArea: Double
    /// Sum of sojourn times (arrival to outcome) of measured requests that reached an outcome.
    public var sojournSum: Double
    /// The run bucket by bucket, from t = 0.
    public var buckets: [BucketMeasurements]
    /// The width of a bucket in seconds.
    public var bucketSeconds: Double
    /// Set when the run stopped before its duration.
    public var stop: Stop?
    /// The most requests (clients, fork children, jobs, zombie work) in flight at once: the
    /// slab's high-water mark, which is what the run's memory grows with.
    public var peakRequestsInFlight: Int
    /// The most events pending in the calendar, sampled at every bucket end.
    public var peakPendingEvents: Int
    /// What the queues did with their jobs over the window (enqueued, refused, retried, waits);
    /// nil when the scenario has no queue.
    public var jobQueues: JobMeasurements? = nil
    /// Every change an autoscaler made, from t = 0 (warm-up included), in time order.
    public var scalingDecisions: [ScalingDecision] = []
    /// Closed-loop users (nil: an open arrival process).
    public var users: Int? = nil

    /// Length of the measured window in seconds.
    public var measuredSeconds: Double { simulatedSeconds - warmupSeconds }
}

/// End-to-end outcome counts and latency of one request class (or of all).
public struct ClassMeasurements: Sendable {
    /// The class name (`"*"` for all classes together).
    public var name: String
    /// Requests that arrived in the measured window.
    public var offered: Int = 0
    /// Of those, requests that completed their route.
    public var completed: Int = 0
    /// Requests that ended in an error, by cause.
    public var errors = ErrorCounts()
    /// Requests still in the system when the run ended.
    public var inSystemAtEnd: Int = 0
    /// Latency of completed requests in nanoseconds (HdrHistogram, 3 significant digits).
    public var latencyNanoseconds: Histogram<UInt64>
    /// Exact sum of completed latencies, seconds (the mean is not taken from the histogram).
    public var latencySum: Double = 0
    /// Exact largest completed latency, seconds.
    public var latencyMax: Double = 0
    /// Completed latencies in seconds, in completion order, as batch means (MSER-5 reads them to find the warm-up).
    public var responseTimes = BatchMeans()

    /// Requests refused at admission somewhere on their route (full queue, throttle, rate limit, open breaker).
    public var rejected: Int { errors.refused }
    /// Requests admitted that then failed (timeout, error, crash, shed).
    public var failed: Int { errors.total - errors.refused }

    /// An empty record able to hold latencies up to `maxSeconds`.
    public init(name: String, maxSeconds: Double) {
        self.name = name
        let highest = UInt64(min(max(maxSeconds * 1e9 * 2, 2_000_000), 1e18))
        latencyNanoseconds = Histogram(lowestDiscernibleValue: 1_000, highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
    }

    /// Records one completed request's latency.
    @inline(__always)
    mutating func recordCompletion(_ latency: Double) {
        completed &+= 1
        latencySum += latency
        if latency > latencyMax { latencyMax = latency }
        latencyNanoseconds.record(UInt64(latency * 1e9))
    }
}

/// What one component did over the measured window: the common core every kind has, plus its
/// kind's own figures.
public struct ComponentMeasurements: Sendable {
    /// The component's id.
    public var id: String
    /// Its kind.
    public var kind: ComponentKind
    /// Instances configured at the start (1 for a load balancer).
    public var instances: Int
    /// Workers per instance (0 when the kind has no workers to saturate).
    public var concurrency: Int
    /// Requests that reached it.
    public var arrivals: Int
    /// Requests that left it (with a response or an error).
    public var departures: Int
    /// Calls that ended in an error here, by the cause that ended them.
    public var errors: ErrorCounts
    /// Worker-seconds held (own work plus blocked on downstream calls).
    public var busyWorkerSeconds: Double
    /// Worker-seconds spent on its own service work only.
    public var servingWorkerSeconds: Double
    /// ∫ workers of serving instances dt: the capacity utilization divides by.
    public var workerSeconds: Double
    /// Time integral of the number waiting in its queues (request-seconds).
    public var queueArea: Double
    /// Sum and count of queue waits of requests that got a worker.
    public var waitSum: Double
    public var waitCount: Int
    /// Sum and count of times from arrival to departure.
    public var residenceSum: Double
    public var residenceCount: Int
    /// Sum of own service times (cold starts included) of services started in the window.
    public var serviceSum: Double
    /// Kilobytes of responses to requests that passed through (routers: egress).
    public var kilobytes: Double
    /// ∫ instances running dt over the window: instance-seconds, for instance-hour pricing.
    public var instanceSeconds: Double
    /// Requests in its queues or holding its workers when the run ended.
    public var inFlightAtEnd: Int
    /// The kind's own figures (cold starts, hit ratios…), if it has any.
    public var figures: KindFigures?
    /// How it is called: a pool of workers, or a router that forwards to one.
    public var role: Role
    /// A pool with workers whose queue has no bound: under overload its backlog grows without limit.
    public var unboundedQueue: Bool
    /// A kind's own measure of how close to its limit it ran (a rate-limited API: accepted calls
    /// over its limit); nil means worker utilization says it.
    public var saturation: Double?
    /// Figures of other topics it also has, after `figures`: the retries of resilient steps that
    /// call a cache, a database with replicas or a health-checking balancer.
    public var moreFigures: [KindFigures] = []

    /// How a component is called.
    public enum Role: Sendable, Equatable {
        case pool
        case router
    }

    /// Calls refused at admission (full queue, throttle, rate limit).
    public var rejected: Int { errors.refused }
    /// Calls whose timeout here expired.
    public var timedOut: Int { errors[.timeout] }
}

/// A kind's own figures for one component: named values in a fixed order, so every report can
/// render them without knowing the kind (JSON: an object named after the kind; text: a table
/// per kind), and tests can read them by name.
public struct KindFigures: Sendable, Equatable {
    /// One named value.
    public struct Figure: Sendable, Equatable {
        public var name: String
        public var value: Value
        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// A figure's value and how to print it.
    public enum Value: Sendable, Equatable {
        case count(Int)
        /// A number printed with `places` decimals.
        case number(Double, places: Int)
        /// A fraction 0…1, printed as a percentage in text.
        case ratio(Double)
        /// A duration in milliseconds.
        case milliseconds(Double)
        /// One row of figures per part (a shard, a replica) or per event (a state timeline).
        case rows([[Figure]])
        /// A word: a state's name in a timeline row ("open"), an instance's zone.
        case text(String)
        /// A name in a row (a request class's).
        case label(String)

        /// The numeric value, for tests and sorting; nil for rows, text and labels.
        public var number: Double? {
            switch self {
            case .count(let n): Double(n)
            case .number(let x, _), .ratio(let x), .milliseconds(let x): x
            case .rows, .text, .label: nil
            }
        }
    }

    /// The JSON sub-object name (the kind's name, or the kind's topic such as `"cache"`).
    public var name: String
    public var figures: [Figure]

    public init(name: String, figures: [Figure]) {
        self.name = name
        self.figures = figures
    }

    /// The value named `name`.
    public subscript(name: String) -> Value? { figures.first { $0.name == name }?.value }
}

/// One time bucket of a run, raw.
public struct BucketMeasurements: Sendable, Equatable {
    public var start: Double
    public var end: Double
    /// True when the bucket lies (at least partly) inside the warm-up.
    public var warmup: Bool
    /// Client requests that arrived, completed, and ended in an error in the bucket.
    public var arrivals: Int
    public var completed: Int
    public var errors: ErrorCounts
    /// Latency percentiles of the requests completed in the bucket, in seconds; nil when none.
    public var latency: Latency?
    /// ∫ requests in the system dt over the bucket.
    public var inSystemArea: Double
    /// Per component, in declaration order.
    public var components: [Component]

    /// Percentiles of one bucket, in seconds (2 significant digits).
    public struct Latency: Sendable, Equatable {
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var max: Double
    }

    /// One component in one bucket: differences of its cumulative counters and integrals.
    public struct Component: Sendable, Equatable {
        public var departures: Int
        public var errors: ErrorCounts
        public var busyWorkerSeconds: Double
        public var workerSeconds: Double
        public var queueArea: Double
        public var instanceSeconds: Double
        /// The kind's own per-bucket figures (a cache's hit ratio, a queue's backlog).
        public var figures: [KindFigures.Figure]
    }
}

/// What every queue of a run did with its jobs over the measured window, together.
public struct JobMeasurements: Sendable {
    /// Jobs accepted onto a queue.
    public var enqueued = 0
    /// Enqueues refused by a full queue (the route's step failed).
    public var rejected = 0
    /// Jobs discarded by a full queue (the route went on).
    public var dropped = 0
    /// Failed attempts tried again.
    public var retries = 0
    /// Jobs that failed their last attempt.
    public var deadLetters = 0
    /// Waits for a worker, one per attempt, in nanoseconds (HdrHistogram, 3 significant digits).
    public var waitNanoseconds: Histogram<UInt64>
    /// Exact sum, count and largest of the waits, seconds.
    public var waitSum = 0.0
    public var waitCount = 0
    public var waitMax = 0.0

    /// Empty, able to hold waits up to `maxSeconds`.
    public init(maxSeconds: Double) {
        let highest = UInt64(min(max(maxSeconds * 1e9 * 2, 2_000_000), 1e18))
        waitNanoseconds = Histogram(lowestDiscernibleValue: 1_000, highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
    }
}

/// One change of a pool's size by an autoscaler.
public struct ScalingDecision: Sendable, Equatable {
    /// When, in simulated seconds.
    public var atSeconds: Double
    /// The autoscaler's id and the id of the pool it scaled.
    public var autoscaler: String
    public var component: String
    /// The metric it read (``Autoscaling/Metric``) and its value over the last interval
    /// (percent for utilization and workersHeld).
    public var metric: String
    public var value: Double
    /// Instances running (starting or up) before and after.
    public var from: Int
    public var to: Int
    /// Why, in words: "utilization 82.1 % > 70 %".
    public var reason: String

    public init(atSeconds: Double, autoscaler: String, component: String, metric: String, value: Double, from: Int, to: Int, reason: String) {
        self.atSeconds = atSeconds
        self.autoscaler = autoscaler
        self.component = component
        self.metric = metric
        self.value = value
        self.from = from
        self.to = to
        self.reason = reason
    }
}

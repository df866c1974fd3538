import HeadroomEngine
import Histogram

/// Everything one simulation run measured, raw: counts, time integrals and histograms over the
/// measured window (after warm-up). Analysis turns this into reported metrics.
public struct RunMeasurements: Sendable {
    /// Scenario name.
    public var scenario: String
    /// The seed the run used.
    public var seed: UInt64
    /// Simulated seconds, warm-up included.
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
    /// Per component, in declaration order.
    public var components: [ComponentMeasurements]
    /// Time integral of the number of requests in the system (seconds × requests) over the window.
    public var inSystemArea: Double
    /// Sum of sojourn times (arrival to outcome) of measured requests that reached an outcome.
    public var sojournSum: Double

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
    /// Requests refused by a full queue somewhere on their route.
    public var rejected: Int = 0
    /// Requests whose caller gave up (a component's timeout expired).
    public var failed: Int = 0
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

    /// An empty record able to hold latencies up to `maxSeconds`.
    public init(name: String, maxSeconds: Double) {
        self.name = name
        let highest = UInt64(min(max(maxSeconds * 1e9 * 2, 2_000_000), 1e18))
        latencyNanoseconds = Histogram(lowestDiscernibleValue: 1_000, highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
    }
}

/// What one component did over the measured window.
public struct ComponentMeasurements: Sendable {
    /// The component's id.
    public var id: String
    /// Its kind as written in the scenario (`"service"`, `"loadBalancer"`, …).
    public var kind: String
    /// Instances (1 for a load balancer).
    public var instances: Int
    /// Workers across all instances (0 for a load balancer).
    public var workers: Int
    /// Requests that reached it.
    public var arrivals: Int
    /// Requests that left it (with a response or an error).
    public var departures: Int
    /// Requests refused because the queue was full.
    public var rejected: Int
    /// Requests whose timeout here expired.
    public var timedOut: Int
    /// Worker-seconds held (own work plus blocked on downstream calls).
    public var busyWorkerSeconds: Double
    /// Worker-seconds spent on its own service work only.
    public var servingWorkerSeconds: Double
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
    /// Function invocations that needed a new container.
    public var coldStarts: Int
    /// Kilobytes of responses to requests that passed through (load balancers).
    public var kilobytes: Double
    /// ∫ instances running dt over the window: instance-seconds, for instance-hour pricing.
    public var instanceSeconds: Double
}

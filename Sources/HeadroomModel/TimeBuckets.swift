import HeadroomEngine
import HeadroomScenario

/// Per-bucket accumulators for the time series: end-to-end counts and a latency histogram of
/// the current bucket, and the cumulative component figures at its start. At each bucket's end
/// the differences become one ``BucketMeasurements`` and the histogram is reset, so memory grows
/// with the number of buckets only (a few hundred bytes each), never with the number of requests.
struct TimeBuckets: ~Copyable {
    /// The most buckets a run keeps; longer runs get wider buckets.
    static let maximumCount = 2_000
    /// The default width.
    static let defaultWidth = 10.0

    let width: Double
    var start = SimInstant.zero
    var arrivals = 0
    var completed = 0
    var errors = ErrorCounts()
    /// Latencies of the bucket's completions, 2 significant digits (1 % resolution is plenty for a chart).
    var latency = BucketHistogram()
    var latencyMax = 0.0
    var inSystemAreaAtStart = 0.0
    var countersAtStart: [ComponentCounters]
    var areasAtStart: [ComponentAreas]
    var fleetsAtStart: [Double]
    var capacityAtStart: [Double]
    var records: [BucketMeasurements] = []
    /// The most events pending at a bucket end.
    var peakPendingEvents = 0

    init(width: Double, components: Int, maxSeconds: Double) {
        self.width = width
        countersAtStart = Array(repeating: ComponentCounters(), count: components)
        areasAtStart = Array(repeating: ComponentAreas(), count: components)
        fleetsAtStart = Array(repeating: 0, count: components)
        capacityAtStart = fleetsAtStart
    }

    /// The bucket width for a run: the requested one (default 10 s), widened to a round number
    /// of seconds when the run would otherwise have more than ``maximumCount`` buckets.
    static func width(requested: Double?, duration: Double) -> Double {
        let wanted = requested ?? defaultWidth
        guard duration / wanted > Double(maximumCount) else { return wanted }
        return (duration / Double(maximumCount)).rounded(.up)
    }

    /// When the first bucket ends.
    var firstEnd: SimInstant { SimInstant(seconds: width) }

    @inline(__always)
    mutating func recordCompletion(_ latency: Double) {
        completed &+= 1
        if latency > latencyMax { latencyMax = latency }
        self.latency.record(latency)
    }
}

extension Simulation {
    /// Ends the current bucket at now and starts the next (scheduling its end).
    mutating func closeBucket() {
        buckets.peakPendingEvents = max(buckets.peakPendingEvents, calendar.count)
        recordBucket()
        let next = calendar.now + SimDuration(seconds: buckets.width)
        if next < end { calendar.schedule(at: next, kind: EventKind.bucketEnd.rawValue, target: 0) }
    }

    /// Appends the bucket from its start to now, and resets the accumulators.
    mutating func recordBucket() {
        let now = calendar.now
        guard now > buckets.start else { return }
        touchInSystem(now)
        let areas = componentAreas()
        let fleetTotals = fleets.map { $0.total(at: now) }
        let capacityTotals = workerCapacity.map { $0.total(at: now) }
        var components: [BucketMeasurements.Component] = []
        components.reserveCapacity(counters.count)
        for c in counters.indices {
            let d = counters[c] - buckets.countersAtStart[c]
            let a = areas[c] - buckets.areasAtStart[c]
            components.append(BucketMeasurements.Component(
                departures: d.departures, errors: d.errors, busyWorkerSeconds: a.busy,
                workerSeconds: capacityTotals[c] - buckets.capacityAtStart[c], queueArea: a.queue,
                instanceSeconds: fleetTotals[c] - buckets.fleetsAtStart[c], figures: kindBucketFigures(component: c)))
        }
        var latency: BucketMeasurements.Latency?
        if buckets.completed > 0 {
            latency = BucketMeasurements.Latency(
                p50: buckets.latency.valueAtPercentile(50), p95: buckets.latency.valueAtPercentile(95),
                p99: buckets.latency.valueAtPercentile(99), max: buckets.latencyMax)
        }
        buckets.records.append(BucketMeasurements(
            start: buckets.start.seconds, end: now.seconds, warmup: buckets.start < warmupEnd, arrivals: buckets.arrivals,
            completed: buckets.completed, errors: buckets.errors, latency: latency,
            inSystemArea: inSystemArea - buckets.inSystemAreaAtStart, components: components))
        buckets.start = now
        buckets.arrivals = 0
        buckets.completed = 0
        buckets.errors = ErrorCounts()
        buckets.latency.reset()
        buckets.latencyMax = 0
        buckets.inSystemAreaAtStart = inSystemArea
        buckets.countersAtStart = counters.array
        buckets.areasAtStart = areas
        buckets.fleetsAtStart = fleetTotals
        buckets.capacityAtStart = capacityTotals
    }
}

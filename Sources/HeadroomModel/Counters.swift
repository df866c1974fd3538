import HeadroomEngine
import HeadroomScenario

/// Cumulative counters of one component since the start of the run. The measured window's
/// values are these minus a copy taken when the warm-up ended, and a time bucket's are the
/// difference between its two ends — so nothing on the hot path asks "are we measuring yet?".
struct ComponentCounters: Sendable {
    var arrivals = 0
    var departures = 0
    var errors = ErrorCounts()
    var waitSum = 0.0
    var waitCount = 0
    var residenceSum = 0.0
    var residenceCount = 0
    /// Own service time (cold starts included) of services started.
    var serviceSum = 0.0
    /// Kilobytes of responses to requests that passed (routers: egress).
    var kilobytes = 0.0

    static func - (a: ComponentCounters, b: ComponentCounters) -> ComponentCounters {
        var d = ComponentCounters()
        d.arrivals = a.arrivals - b.arrivals
        d.departures = a.departures - b.departures
        d.errors = a.errors - b.errors
        d.waitSum = a.waitSum - b.waitSum
        d.waitCount = a.waitCount - b.waitCount
        d.residenceSum = a.residenceSum - b.residenceSum
        d.residenceCount = a.residenceCount - b.residenceCount
        d.serviceSum = a.serviceSum - b.serviceSum
        d.kilobytes = a.kilobytes - b.kilobytes
        return d
    }
}

/// The time integrals of one component's instances, summed: worker-seconds held and serving,
/// and request-seconds queued, since the start of the run.
struct ComponentAreas: Sendable {
    var busy = 0.0
    var serving = 0.0
    var queue = 0.0

    static func - (a: ComponentAreas, b: ComponentAreas) -> ComponentAreas {
        ComponentAreas(busy: a.busy - b.busy, serving: a.serving - b.serving, queue: a.queue - b.queue)
    }
}

extension Simulation {
    /// Adds the time since the instance's last change to its busy, serving and queue integrals.
    @inline(__always)
    mutating func touch(instance i: Int, now: SimInstant) {
        let elapsed = (now - instances[i].lastChange).seconds
        if elapsed > 0 {
            instances[i].busyArea += Double(instances[i].busy) * elapsed
            instances[i].servingArea += Double(instances[i].serving) * elapsed
            instances[i].queueArea += Double(instances[i].queued) * elapsed
            instances[i].lastChange = now
        }
    }

    @inline(__always)
    mutating func touchInSystem(_ now: SimInstant) {
        inSystemArea += Double(inSystem) * (now - inSystemLastChange).seconds
        inSystemLastChange = now
    }

    /// Brings every instance's integrals up to now and sums them per component.
    mutating func componentAreas() -> [ComponentAreas] {
        let now = calendar.now
        var areas = Array(repeating: ComponentAreas(), count: counters.count)
        for i in instances.indices {
            touch(instance: i, now: now)
            let c = Int(pools[Int(instances[i].pool)].component)
            areas[c].busy += instances[i].busyArea
            areas[c].serving += instances[i].servingArea
            areas[c].queue += instances[i].queueArea
        }
        return areas
    }

    /// The end of warm-up: remember the cumulative figures, so the window's are differences.
    /// The system keeps its state.
    mutating func startMeasuring() {
        let now = calendar.now
        measuring = true
        warmupCounters = counters.array
        warmupAreas = componentAreas()
        warmupFleets = fleets.map { $0.total(at: now) }
        warmupCapacity = workerCapacity.map { $0.total(at: now) }
        touchInSystem(now)
        warmupInSystemArea = inSystemArea
        kindsStartMeasuring()
    }
}

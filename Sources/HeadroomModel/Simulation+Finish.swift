import HeadroomEngine
import HeadroomScenario

extension Simulation {
    /// Closes the integrals at the end time and gathers the measurements of the window.
    mutating func finish() -> RunMeasurements {
        let now = calendar.now
        recordBucket()
        touchInSystem(now)
        let areas = componentAreas()
        var inFlight = Array(repeating: 0, count: counters.count)
        for slot in requests.indices where requests[slot].inUse {
            let request = requests[slot]
            if request.origin == .client && request.detachedDepth < 0 && request.measured {
                overall.inSystemAtEnd += 1
                if classes.count > 1 { classes[Int(request.requestClass)].inSystemAtEnd += 1 }
            }
            if request.origin == .job && request.detachedDepth < 0 && request.measured { jobs.inSystemAtEnd += 1 }
            let base = requestBase(slot)
            for d in 0..<Int(request.depth) where d >= Int(request.detachedDepth) && frames[base + d].state != .inTransit {
                inFlight[Int(pools[Int(frames[base + d].pool)].component)] += 1
            }
        }
        if classes.count == 1 {
            // One class: its record is the overall one (kept once on the hot path).
            let name = classes[0].name, offered = classes[0].offered
            classes[0] = overall
            classes[0].name = name
            classes[0].offered = offered
        }
        let components = componentIDs.indices.map { c in
            let d = counters[c] - warmupCounters[c]
            let a = areas[c] - warmupAreas[c]
            let own = kindFigures(component: c)
            return ComponentMeasurements(
                id: componentIDs[c], kind: componentKindList[c], instances: componentInstances[c],
                concurrency: componentConcurrency[c], arrivals: d.arrivals, departures: d.departures, errors: d.errors,
                busyWorkerSeconds: a.busy, servingWorkerSeconds: a.serving,
                workerSeconds: workerCapacity[c].total(at: now) - warmupCapacity[c], queueArea: a.queue,
                waitSum: d.waitSum, waitCount: d.waitCount, residenceSum: d.residenceSum, residenceCount: d.residenceCount,
                serviceSum: d.serviceSum, kilobytes: d.kilobytes, instanceSeconds: fleets[c].total(at: now) - warmupFleets[c],
                inFlightAtEnd: inFlight[c], figures: own, role: componentRoles[c],
                unboundedQueue: pools.indices.contains { Int(pools[$0].component) == c && pools[$0].queueCapacity < 0 && pools[$0].countsWorkers },
                saturation: kindSaturation(component: c, window: now.seconds - min(warmupEnd, now).seconds, accepted: d.arrivals - d.errors.refused),
                moreFigures: moreKindFigures(component: c, besides: own))
        }
        // Closed-loop users offer what they send: their rate is measured, not configured.
        let window = now.seconds - min(warmupEnd, now).seconds
        let offered = arrivals.isClosedLoop ? (window > 0 ? Double(overall.offered) / window : 0) : offeredRate
        return RunMeasurements(
            scenario: scenarioName, seed: seed, simulatedSeconds: now.seconds, warmupSeconds: min(warmupEnd, now).seconds,
            offeredRate: offered, events: events, overall: overall, classes: classes, jobs: jobs,
            components: components, inSystemArea: inSystemArea - warmupInSystemArea, sojournSum: sojournSum,
            buckets: buckets.records, bucketSeconds: buckets.width, stop: stop, peakRequestsInFlight: requests.count,
            peakPendingEvents: max(buckets.peakPendingEvents, calendar.count), jobQueues: queueJobMeasurements(),
            scalingDecisions: autoscalerDecisions(), users: arrivals.isClosedLoop ? arrivals.users : nil)
    }
}

import HeadroomEngine

/// Time-weighted accumulators, the warm-up cut and the final measurements.
extension Simulation {
    /// Adds the time since the instance's last change to its busy, serving and queue integrals.
    @inline(__always)
    mutating func touch(instance i: Int, now: Double) {
        let elapsed = now - instances[i].lastChange
        if elapsed > 0 {
            instances[i].busyArea += Double(instances[i].busy) * elapsed
            instances[i].servingArea += Double(instances[i].serving) * elapsed
            instances[i].queueArea += Double(instances[i].queued) * elapsed
            instances[i].lastChange = now
        }
    }

    @inline(__always)
    mutating func touchInSystem(_ now: Double) {
        inSystemArea += Double(inSystem) * (now - inSystemLastChange)
        inSystemLastChange = now
    }

    /// The end of warm-up: everything measured so far is discarded; the system keeps its state.
    mutating func startMeasuring() {
        let now = calendar.now
        measuring = true
        for i in instances.indices {
            instances[i].busyArea = 0
            instances[i].servingArea = 0
            instances[i].queueArea = 0
            instances[i].lastChange = now
        }
        for c in counters.indices { counters[c] = ComponentCounters() }
        for c in fleets.indices { fleets[c].reset(at: now) }
        inSystemArea = 0
        inSystemLastChange = now
    }

    /// Closes the integrals at the end time and gathers the measurements.
    mutating func finish() -> RunMeasurements {
        let now = calendar.now
        var busy = Array(repeating: 0.0, count: componentIDs.count)
        var serving = busy, queue = busy
        for i in instances.indices {
            touch(instance: i, now: now)
            let c = Int(stations[Int(instances[i].station)].component)
            busy[c] += instances[i].busyArea
            serving[c] += instances[i].servingArea
            queue[c] += instances[i].queueArea
        }
        touchInSystem(now)
        for slot in requests.indices where requests[slot].depth > 0 {
            if requests[slot].measured && requests[slot].detachedDepth < 0 {
                overall.inSystemAtEnd += 1
                classes[Int(requests[slot].requestClass)].inSystemAtEnd += 1
            }
        }
        let components = componentIDs.indices.map { c in
            ComponentMeasurements(
                id: componentIDs[c], kind: componentKinds[c], instances: componentInstances[c],
                workers: componentWorkers[c], arrivals: counters[c].arrivals, departures: counters[c].departures,
                rejected: counters[c].rejected, timedOut: counters[c].timedOut, busyWorkerSeconds: busy[c],
                servingWorkerSeconds: serving[c], queueArea: queue[c], waitSum: counters[c].waitSum,
                waitCount: counters[c].waitCount, residenceSum: counters[c].residenceSum,
                residenceCount: counters[c].residenceCount, serviceSum: counters[c].serviceSum,
                coldStarts: counters[c].coldStarts, kilobytes: counters[c].kilobytes,
                instanceSeconds: fleets[c].total(at: now))
        }
        return RunMeasurements(
            scenario: scenarioName, seed: seed, simulatedSeconds: duration, warmupSeconds: warmup,
            offeredRate: offeredRate, events: events, overall: overall, classes: classes,
            components: components, inSystemArea: inSystemArea, sojournSum: sojournSum)
    }
}

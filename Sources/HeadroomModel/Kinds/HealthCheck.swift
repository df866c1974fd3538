import HeadroomEngine
import HeadroomScenario

/// A load balancer's health checker. It manages the rotation of its backend pools
/// (`Pool.rotationManaged`): a crash leaves an instance in rotation, so the balancer keeps
/// sending it calls, until `unhealthyThreshold` checks in a row have failed; an instance that
/// comes up (new, restarted) joins only after `healthyThreshold` checks in a row have passed.
///
/// Each instance slot is checked every `interval` from a phase of its own, drawn at the start
/// (real balancers do not check every target at the same instant), by one pending event per
/// slot. A check passes when the instance is up (or draining). It fails when it is down or booting:
/// at once if it refuses connections, `timeout` later if it hangs. Checks do not queue behind
/// requests (they hit a lightweight endpoint), so an overloaded or degraded instance passes.
struct HealthCheckerState: Sendable {
    let component: Int32
    let interval: SimDuration
    let timeout: SimDuration
    let unhealthyThreshold: Int32
    let healthyThreshold: Int32
    let stream: Int32
    /// Its entries in `KindTables.healthChecks`, one per instance slot of its backend pools.
    let firstEntry: Int
    let entryCount: Int
    /// The backend pools, in the order of the balancer's backends (timeline rows name them).
    let pools: [Int32]
    var counts = HealthCheckCounts()
    var atWarmup = HealthCheckCounts()
    var atBucket = HealthCheckCounts()
    /// Detection delays (crash → out of rotation) in the measurement window.
    var detectionSum = 0.0
    var detectionMin = Double.infinity
    var detectionMax = 0.0
    var timeline = Timeline()
}

/// Cumulative counts of a health checker.
struct HealthCheckCounts: Sendable {
    var checks = 0
    var failed = 0
    /// Instances taken out of rotation, and put back.
    var markedUnhealthy = 0
    var markedHealthy = 0
    /// Of `markedUnhealthy`, those whose delay was measured (taken out while down).
    var detections = 0

    static func - (a: HealthCheckCounts, b: HealthCheckCounts) -> HealthCheckCounts {
        HealthCheckCounts(
            checks: a.checks - b.checks, failed: a.failed - b.failed, markedUnhealthy: a.markedUnhealthy - b.markedUnhealthy,
            markedHealthy: a.markedHealthy - b.markedHealthy, detections: a.detections - b.detections)
    }
}

/// One checked instance slot: its checker, its pool's place in the checker's list, and its
/// streak of results.
struct HealthCheckEntry: Sendable {
    let checker: Int32
    let backend: Int32
    let instance: Int32
    /// Passed (> 0) or failed (< 0) checks in a row. Whether the balancer sends it traffic is
    /// its place in rotation (`Instance.rotationIndex`).
    var streak: Int32 = 0
}

extension HealthCheck {
    /// Registers the checker of balancer `c` over `pools` and hands their rotation to it.
    func compile(component c: Int, id: String, pools: [Int], into model: inout ModelCompiler) {
        let first = model.kinds.healthChecks.count
        let checker = Int32(model.kinds.healthCheckers.count)
        for (b, p) in pools.enumerated() {
            model.pools[p].rotationManaged = true
            let base = Int(model.pools[p].firstInstance)
            for k in 0..<Int(model.pools[p].capacity) {
                model.kinds.healthChecks.append(HealthCheckEntry(checker: checker, backend: Int32(b), instance: Int32(base + k)))
            }
        }
        model.kinds.healthCheckers.append(HealthCheckerState(
            component: Int32(c), interval: SimDuration(seconds: interval.seconds), timeout: SimDuration(seconds: timeout.seconds),
            unhealthyThreshold: Int32(unhealthyThreshold), healthyThreshold: Int32(healthyThreshold),
            stream: model.addStream("healthCheck:\(id)"), firstEntry: first, entryCount: model.kinds.healthChecks.count - first,
            pools: pools.map { Int32($0) }))
    }
}

extension Simulation {
    /// The run starts: instances already up are healthy and in rotation; each slot's first
    /// check comes at a uniformly drawn phase within the first interval.
    mutating func healthChecksStart() {
        for h in kinds.healthCheckers.indices {
            let checker = kinds.healthCheckers[h]
            for e in checker.firstEntry..<(checker.firstEntry + checker.entryCount) {
                let i = Int(kinds.healthChecks[e].instance)
                if instances[i].state == .up {
                    kinds.healthChecks[e].streak = checker.healthyThreshold
                    setRotation(instance: i, inRotation: true)
                }
                let phase = generators[Int(checker.stream)].uniform() * checker.interval.seconds
                calendar.schedule(
                    after: SimDuration(seconds: phase), kind: EventKind.kind.rawValue, target: KindEvent(tag: .healthCheck, index: e).target)
            }
        }
    }

    /// Entry `e`'s check is due: the next is scheduled; a serving instance passes now, one that
    /// refuses connections fails now, and one that hangs fails when the check times out.
    mutating func healthCheck(entry e: Int) {
        let h = Int(kinds.healthChecks[e].checker)
        let i = Int(kinds.healthChecks[e].instance)
        calendar.schedule(
            after: kinds.healthCheckers[h].interval, kind: EventKind.kind.rawValue, target: KindEvent(tag: .healthCheck, index: e).target)
        kinds.healthCheckers[h].counts.checks += 1
        if instances[i].state.serves {
            // Up, or draining: a draining instance still answers (it left rotation by deregistration).
            healthCheckResult(entry: e, passed: true)
        } else if instances[i].state == .down && pools[Int(instances[i].pool)].downCallsHang {
            calendar.schedule(
                after: kinds.healthCheckers[h].timeout, kind: EventKind.kind.rawValue, target: KindEvent(tag: .healthCheckTimeout, index: e).target)
        } else {
            healthCheckResult(entry: e, passed: false)
        }
    }

    /// A check's result: the streak moves; an instance in rotation leaves it when its failures
    /// reach the unhealthy threshold, and an up instance out of rotation joins it when its
    /// passes reach the healthy threshold. (A draining instance left rotation when it started
    /// draining: it passes its checks but does not come back.)
    mutating func healthCheckResult(entry e: Int, passed: Bool) {
        let h = Int(kinds.healthChecks[e].checker)
        let i = Int(kinds.healthChecks[e].instance)
        let now = calendar.now
        let streak = kinds.healthChecks[e].streak
        kinds.healthChecks[e].streak = passed ? max(streak, 0) &+ 1 : min(streak, 0) &- 1
        let checker = kinds.healthCheckers[h]
        let b = Int(kinds.healthChecks[e].backend)
        let slot = i - Int(pools[Int(checker.pools[b])].firstInstance)
        if !passed {
            kinds.healthCheckers[h].counts.failed += 1
            guard instances[i].rotationIndex >= 0, -kinds.healthChecks[e].streak >= checker.unhealthyThreshold else { return }
            setRotation(instance: i, inRotation: false)
            kinds.healthCheckers[h].counts.markedUnhealthy += 1
            kinds.healthCheckers[h].timeline.record("unhealthy", at: now, instance: slot, group: b)
            // The delay since the crash the balancer took to notice (unknown when the instance
            // is already booting again).
            if instances[i].state == .down && measuring {
                let delay = (now - instances[i].stateChangedAt).seconds
                kinds.healthCheckers[h].counts.detections += 1
                kinds.healthCheckers[h].detectionSum += delay
                kinds.healthCheckers[h].detectionMin = min(kinds.healthCheckers[h].detectionMin, delay)
                kinds.healthCheckers[h].detectionMax = max(kinds.healthCheckers[h].detectionMax, delay)
            }
        } else {
            guard instances[i].rotationIndex < 0, instances[i].state == .up, kinds.healthChecks[e].streak >= checker.healthyThreshold else {
                return
            }
            setRotation(instance: i, inRotation: true)
            kinds.healthCheckers[h].counts.markedHealthy += 1
            kinds.healthCheckers[h].timeline.record("healthy", at: now, instance: slot, group: b)
        }
    }

    /// The warm-up ended: the checkers' window starts.
    mutating func healthChecksStartMeasuring() {
        for h in kinds.healthCheckers.indices {
            kinds.healthCheckers[h].atWarmup = kinds.healthCheckers[h].counts
        }
    }

    /// The figures of the balancer declared as component `c`, if it checks health.
    func healthCheckFigures(component c: Int) -> KindFigures? {
        guard let h = kinds.healthCheckers.firstIndex(where: { Int($0.component) == c }) else { return nil }
        let checker = kinds.healthCheckers[h]
        let n = checker.counts - checker.atWarmup
        let detections = n.detections
        let names = checker.pools.map { componentIDs[Int(pools[Int($0)].component)] }
        return KindFigures(name: "healthCheck", figures: [
            .init("checks", .count(n.checks)),
            .init("failedChecks", .count(n.failed)),
            .init("markedUnhealthy", .count(n.markedUnhealthy)),
            .init("markedHealthy", .count(n.markedHealthy)),
            .init("detections", .count(detections)),
            .init("detectionMsMean", .milliseconds(detections > 0 ? checker.detectionSum / Double(detections) * 1_000 : .nan)),
            .init("detectionMsMin", .milliseconds(detections > 0 ? checker.detectionMin * 1_000 : .nan)),
            .init("detectionMsMax", .milliseconds(detections > 0 ? checker.detectionMax * 1_000 : .nan)),
            .init("inRotationAtEnd", .count(inRotation(checker))),
            checker.timeline.rows("event", groupField: "backend", groups: names),
        ])
    }

    /// Instances of the checker's backends in rotation: the balancer's view of the fleet, dead
    /// ones not yet noticed included.
    func inRotation(_ checker: HealthCheckerState) -> Int {
        checker.pools.reduce(0) { $0 + Int(pools[Int($1)].rotationCount) }
    }

    /// Failed checks in the bucket that is ending, and the instances in rotation at its end.
    mutating func healthCheckBucketFigures(component c: Int) -> [KindFigures.Figure]? {
        guard let h = kinds.healthCheckers.firstIndex(where: { Int($0.component) == c }) else { return nil }
        let failed = kinds.healthCheckers[h].counts.failed - kinds.healthCheckers[h].atBucket.failed
        kinds.healthCheckers[h].atBucket = kinds.healthCheckers[h].counts
        return [.init("failedChecks", .count(failed)), .init("inRotation", .count(inRotation(kinds.healthCheckers[h])))]
    }
}

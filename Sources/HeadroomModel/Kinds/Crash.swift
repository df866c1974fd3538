import HeadroomEngine
import HeadroomScenario

/// Crashes of a pool's instances. A scheduled crash is one kind event that takes down the
/// first `count` running instances (or every running instance of a zone) and, with a repair
/// time, schedules their restarts; random crashes keep one pending event per instance — its
/// next failure, or its repair. A crash fails what the instance holds (cause `crashed`,
/// ``Simulation/failWork(at:cause:)``) and takes it down; a restart boots it (billed, no
/// traffic) for `bootTime` and then puts it up.
struct CrashState: Sendable {
    let component: Int32
    let pool: Int32
    /// Scheduled: when, how many (or -1 for a zone), which zone (or -1), and the repair delay (or -1).
    let at: Double
    let count: Int
    let zone: Int32
    let repairAfter: Double
    /// Random: the samplers of the time to failure and to repair (or -1: never repaired).
    let timeToFailure: Int32
    let timeToRepair: Int32
    let bootTime: SimDuration
    let stream: Int32
    /// Its entries in `KindTables.crashInstances`, one per instance slot of the pool.
    let firstEntry: Int
    var crashes = 0
    var repairs = 0
    var crashesAtWarmup = 0
    var repairsAtWarmup = 0
    var crashesAtBucket = 0
    var timeline = Timeline()

    var isRandom: Bool { timeToFailure >= 0 }
}

/// One instance slot watched by a crash: the crash it belongs to and the instance.
struct CrashInstance: Sendable {
    let crash: Int32
    let instance: Int32
}

extension Crash: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {}

    func link(component c: Int, id: String, into model: inout ModelCompiler) {
        guard let p = model.pool(ofComponentID: target) else { return }
        let zoneIndex = zone.flatMap { name in model.poolZones[p]?.firstIndex(of: name) } ?? -1
        let first = model.kinds.crashInstances.count
        let base = Int(model.pools[p].firstInstance)
        for k in 0..<Int(model.pools[p].capacity) {
            model.kinds.crashInstances.append(CrashInstance(crash: Int32(model.kinds.crashes.count), instance: Int32(base + k)))
        }
        model.kinds.crashes.append(CrashState(
            component: Int32(c), pool: Int32(p), at: at?.seconds ?? 0, count: zone == nil ? (instances ?? 1) : -1,
            zone: Int32(zoneIndex), repairAfter: repairAfter?.seconds ?? -1, timeToFailure: timeToFailure.map { model.addSampler($0) } ?? -1,
            timeToRepair: timeToRepair.map { model.addSampler($0) } ?? -1, bootTime: SimDuration(seconds: bootTime.seconds),
            stream: model.addStream("crash:\(id)"), firstEntry: first))
        if whileDown == .hang { model.pools[p].downCallsHang = true }
    }
}

extension Simulation {
    /// Schedules each scheduled crash, and each running instance's first random failure.
    mutating func crashesStart() {
        for k in kinds.crashes.indices {
            let crash = kinds.crashes[k]
            if !crash.isRandom {
                calendar.schedule(at: SimInstant(seconds: crash.at), kind: EventKind.kind.rawValue, target: KindEvent(tag: .crashScheduled, index: k).target)
                continue
            }
            let capacity = Int(pools[Int(crash.pool)].capacity)
            for e in crash.firstEntry..<(crash.firstEntry + capacity) where instances[Int(kinds.crashInstances[e].instance)].state.isLive {
                scheduleFailure(entry: e)
            }
        }
    }

    /// The next random failure of entry `e`'s instance, a draw of the time to failure from now.
    mutating func scheduleFailure(entry e: Int) {
        let crash = kinds.crashes[Int(kinds.crashInstances[e].crash)]
        let delay = samplers.sample(crash.timeToFailure, generators[Int(crash.stream)])
        calendar.schedule(after: SimDuration(seconds: delay), kind: EventKind.kind.rawValue, target: KindEvent(tag: .crashFailure, index: e).target)
    }

    /// Scheduled crash `k` happens: the first running instances (or a zone's) go down.
    mutating func scheduledCrash(_ k: Int) {
        let crash = kinds.crashes[k]
        let p = Int(crash.pool)
        let capacity = Int(pools[p].capacity)
        var left = crash.count
        for e in crash.firstEntry..<(crash.firstEntry + capacity) {
            let i = Int(kinds.crashInstances[e].instance)
            guard instances[i].state.isLive, crash.zone < 0 || instances[i].zone == crash.zone, left != 0 else { continue }
            left -= 1
            crashInstance(entry: e)
            if crash.repairAfter >= 0 {
                calendar.schedule(
                    after: SimDuration(seconds: crash.repairAfter), kind: EventKind.kind.rawValue, target: KindEvent(tag: .crashRepair, index: e).target)
            }
        }
    }

    /// A random failure of entry `e`'s instance is due: it crashes if it is running, and its repair is scheduled.
    mutating func randomFailure(entry e: Int) {
        let i = Int(kinds.crashInstances[e].instance)
        guard instances[i].state.isLive else { return }
        crashInstance(entry: e)
        let crash = kinds.crashes[Int(kinds.crashInstances[e].crash)]
        guard crash.timeToRepair >= 0 else { return }
        let delay = samplers.sample(crash.timeToRepair, generators[Int(crash.stream)])
        calendar.schedule(after: SimDuration(seconds: delay), kind: EventKind.kind.rawValue, target: KindEvent(tag: .crashRepair, index: e).target)
    }

    /// Entry `e`'s instance crashes: what it holds fails, and it goes down.
    mutating func crashInstance(entry e: Int) {
        let i = Int(kinds.crashInstances[e].instance)
        let k = Int(kinds.crashInstances[e].crash)
        failWork(at: i, cause: .crashed)
        setState(instance: i, to: .down)
        kinds.crashes[k].crashes += 1
        kinds.crashes[k].timeline.record("crashed", at: calendar.now, instance: i - Int(pools[Int(kinds.crashes[k].pool)].firstInstance))
    }

    /// Entry `e`'s instance is repaired: it boots again (unless something restarted it meanwhile),
    /// and a random crash's next failure is drawn.
    mutating func repairInstance(entry e: Int) {
        let i = Int(kinds.crashInstances[e].instance)
        let k = Int(kinds.crashInstances[e].crash)
        if instances[i].state == .down {
            start(instance: i, boot: kinds.crashes[k].bootTime)
            kinds.crashes[k].repairs += 1
            kinds.crashes[k].timeline.record("restarted", at: calendar.now, instance: i - Int(pools[Int(kinds.crashes[k].pool)].firstInstance))
        }
        if kinds.crashes[k].isRandom { scheduleFailure(entry: e) }
    }

    /// The warm-up ended: the crashes' window starts.
    mutating func crashesStartMeasuring() {
        for k in kinds.crashes.indices {
            kinds.crashes[k].crashesAtWarmup = kinds.crashes[k].crashes
            kinds.crashes[k].repairsAtWarmup = kinds.crashes[k].repairs
        }
    }

    /// The figures of the crash declared as component `c`, if it is one.
    func crashFigures(component c: Int) -> KindFigures? {
        kinds.crashes.firstIndex { Int($0.component) == c }.map { crashFigures($0) }
    }

    /// Crashes and repairs in the window, and what happened when.
    func crashFigures(_ k: Int) -> KindFigures {
        let crash = kinds.crashes[k]
        return KindFigures(name: "crash", figures: [
            .init("crashes", .count(crash.crashes - crash.crashesAtWarmup)),
            .init("repairs", .count(crash.repairs - crash.repairsAtWarmup)),
            crash.timeline.rows("event"),
        ])
    }

    /// Crashes in the bucket that is ending.
    mutating func crashBucketFigures(_ k: Int) -> [KindFigures.Figure] {
        let n = kinds.crashes[k].crashes - kinds.crashes[k].crashesAtBucket
        kinds.crashes[k].crashesAtBucket = kinds.crashes[k].crashes
        return [.init("crashes", .count(n))]
    }
}

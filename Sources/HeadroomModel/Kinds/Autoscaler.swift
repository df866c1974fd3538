import Foundation
import HeadroomEngine
import HeadroomScenario

/// An autoscaler: a kind event every `interval` reads a metric of its pool over the interval just
/// ended, from the pool's cumulative integrals (so it costs nothing per request), and resizes the
/// pool through ``Simulation/resize(pool:to:boot:)`` — new instances boot for `bootTime` (billed,
/// not serving), surplus ones drain. Two policies: the seeds' thresholds and cooldowns, and the
/// Kubernetes HorizontalPodAutoscaler's proportional rule (``hpaRecommendation``).
struct AutoscalerState: Sendable {
    /// The pool's cumulative integrals at an instant.
    struct Snapshot: Sendable {
        var time = 0.0
        /// Worker-seconds held, worker-seconds on own work, request-seconds queued.
        var busy = 0.0
        var serving = 0.0
        var queue = 0.0
        /// Worker-seconds of serving capacity.
        var capacity = 0.0
        var departures = 0
    }

    let component: Int32
    let id: String
    let scales: String
    var pool: Int32 = -1
    let spec: Autoscaling
    let interval: Double
    let boot: Double
    var last = Snapshot()
    /// Time of the last scale-up and scale-down.
    var lastScaleUp = -Double.infinity
    var lastScaleDown = -Double.infinity
    /// targetTracking: the recommendations of the stabilization window, and scale-ups of the last period.
    var recommendations: [(time: Double, replicas: Int)] = []
    var scaleUpEvents: [(time: Double, added: Int)] = []
    /// Every change, in time order.
    var decisions: [ScalingDecision] = []
    var evaluations = 0
    var scaleUps = 0
    var scaleDowns = 0
    var atWarmup = (evaluations: 0, scaleUps: 0, scaleDowns: 0)
    /// Metric values read in the current time bucket.
    var bucketMetricSum = 0.0
    var bucketMetricCount = 0

    init(component: Int, id: String, spec: Autoscaling) {
        self.component = Int32(component)
        self.id = id
        scales = spec.scales
        self.spec = spec
        interval = spec.effectiveInterval.seconds
        boot = spec.bootTime.seconds
        // Sized once, so an evaluation never allocates.
        recommendations.reserveCapacity(Int(spec.stabilizationWindow.seconds / max(interval, 1e-9)) + 4)
        scaleUpEvents.reserveCapacity(Int(spec.scaleUpPeriod.seconds / max(interval, 1e-9)) + 4)
    }

    mutating func startMeasuring() { atWarmup = (evaluations, scaleUps, scaleDowns) }
}

extension Autoscaling: CompilableSpec {
    /// The pool's instance table must hold the most instances it may run.
    func reserve(component c: Int, id: String, into model: inout ModelCompiler) {
        guard let p = model.componentIndex[scales] else { return }
        model.minimumCapacity[p] = Swift.max(model.minimumCapacity[p], effectiveMax)
    }

    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        model.kinds.autoscalers.append(AutoscalerState(component: c, id: id, spec: self))
    }

    func link(component c: Int, id: String, into model: inout ModelCompiler) {
        guard let k = model.kinds.autoscalers.firstIndex(where: { Int($0.component) == c }), let p = model.pool(ofComponentID: scales)
        else { return }
        model.kinds.autoscalers[k].pool = Int32(p)
    }
}

/// What the HPA's replica calculator recommends (kubernetes/pkg/controller/podautoscaler,
/// `replica_calculator.go`): `ready` instances measured `metric` against `target`, with
/// `unready` ones still starting. Within `tolerance` of the target nothing changes; otherwise
/// ceil(ready × metric / target). While instances start, a scale-up counts them as idle (0 %),
/// which damps it, and is dropped when that reverses its direction or lands within tolerance.
func hpaRecommendation(ready: Int, unready: Int, metric: Double, target: Double, tolerance: Double) -> Int {
    let current = ready + unready
    let ratio = metric / target
    // |1 − ratio| ≤ tolerance, multiplied out so that a metric exactly at the edge (55 vs 50 at
    // 0.1) is inside it: 55 / 50 rounds to 1.1000000000000001 in binary.
    if unready == 0 || ratio <= 1 {
        if abs(target - metric) <= tolerance * target { return current }
        return Int((ratio * Double(ready)).rounded(.up))
    }
    let damped = ratio * Double(ready) / Double(current)
    let dampedTotal = metric * Double(ready), targetTotal = target * Double(current)
    if abs(targetTotal - dampedTotal) <= tolerance * targetTotal || damped < 1 { return current }
    return max(current, Int((damped * Double(current)).rounded(.up)))
}

/// The HPA's scale-up limit (`calculateScaleUpLimitWithScalingRules`): from the instances at the
/// start of the current period, the larger of +`pods` and +`percent` %.
func hpaScaleUpLimit(periodStart: Int, pods: Int, percent: Double) -> Int {
    max(periodStart + pods, Int((Double(periodStart) * (1 + percent / 100)).rounded(.up)))
}

extension Simulation {
    /// Schedules every autoscaler's first evaluation, one interval in.
    mutating func autoscalersStart() {
        for k in kinds.autoscalers.indices {
            let at = SimInstant(seconds: kinds.autoscalers[k].interval)
            guard at < end else { continue }
            calendar.schedule(at: at, kind: EventKind.kind.rawValue, target: KindEvent(tag: .autoscalerTick, index: k).target)
        }
    }

    /// The pool's cumulative integrals now.
    mutating func autoscalerSnapshot(pool p: Int) -> AutoscalerState.Snapshot {
        let now = calendar.now
        var s = AutoscalerState.Snapshot(time: now.seconds)
        let first = Int(pools[p].firstInstance)
        for i in first..<(first + Int(pools[p].capacity)) {
            touch(instance: i, now: now)
            s.busy += instances[i].busyArea
            s.serving += instances[i].servingArea
            s.queue += instances[i].queueArea
        }
        let c = Int(pools[p].component)
        s.capacity = workerCapacity[c].total(at: now)
        s.departures = counters[c].departures
        return s
    }

    /// Instances of pool `p` starting and up.
    func autoscalerCounts(pool p: Int) -> (starting: Int, up: Int) {
        let first = Int(pools[p].firstInstance)
        var starting = 0, up = 0
        for i in first..<(first + Int(pools[p].capacity)) {
            switch instances[i].state {
            case .starting: starting += 1
            case .up: up += 1
            case .down, .draining: break
            }
        }
        return (starting, up)
    }

    /// One evaluation: read the metric over the last interval, decide, resize, record.
    mutating func autoscalerEvaluate(_ k: Int) {
        let now = calendar.now.seconds
        let next = SimInstant(seconds: now + kinds.autoscalers[k].interval)
        if next < end { calendar.schedule(at: next, kind: EventKind.kind.rawValue, target: KindEvent(tag: .autoscalerTick, index: k).target) }
        kinds.autoscalers[k].evaluations += 1
        let p = Int(kinds.autoscalers[k].pool)
        let snapshot = autoscalerSnapshot(pool: p)
        let last = kinds.autoscalers[k].last
        kinds.autoscalers[k].last = snapshot
        let capacity = snapshot.capacity - last.capacity
        // No serving worker in the whole interval (every instance booting): nothing to read.
        guard capacity > 0 else { return }
        let spec = kinds.autoscalers[k].spec
        let busy = snapshot.busy - last.busy, serving = snapshot.serving - last.serving, queue = snapshot.queue - last.queue
        let concurrency = Double(pools[p].concurrency)
        let value: Double
        switch spec.metric {
        case .utilization: value = serving / capacity * 100
        case .workersHeld: value = busy / capacity * 100
        case .inFlightPerInstance: value = (busy + queue) / (capacity / concurrency)
        case .backlogPerWorker: value = queue / capacity
        }
        kinds.autoscalers[k].bucketMetricSum += value
        kinds.autoscalers[k].bucketMetricCount += 1
        let (starting, up) = autoscalerCounts(pool: p)
        let running = starting + up
        let decision: (size: Int, reason: String)?
        switch spec.policy {
        case .threshold:
            // Requests/s over capacity: with a per-instance capacity, the departure rate over the
            // serving instances' capacity; without, departures ÷ (workers ÷ mean holding time),
            // which is the share of worker time held.
            let requestRatio: Double
            if let perInstance = spec.requestCapacity {
                let elapsed = snapshot.time - last.time
                let rate = Double(snapshot.departures - last.departures) / elapsed
                requestRatio = rate / (capacity / concurrency / elapsed * perInstance) * 100
            } else {
                requestRatio = busy / capacity * 100
            }
            decision = thresholdDecision(k, value: value, requestRatio: requestRatio, running: running, now: now)
        case .targetTracking:
            decision = targetTrackingDecision(k, value: value, ready: up, unready: starting, now: now)
        }
        guard let decision, decision.size != running else { return }
        resize(pool: p, to: decision.size, boot: SimDuration(seconds: kinds.autoscalers[k].boot))
        if decision.size > running {
            kinds.autoscalers[k].scaleUps += 1
            kinds.autoscalers[k].lastScaleUp = now
            kinds.autoscalers[k].scaleUpEvents.append((now, decision.size - running))
        } else {
            kinds.autoscalers[k].scaleDowns += 1
            kinds.autoscalers[k].lastScaleDown = now
        }
        kinds.autoscalers[k].decisions.append(ScalingDecision(
            atSeconds: now, autoscaler: kinds.autoscalers[k].id, component: kinds.autoscalers[k].scales, metric: spec.metric.rawValue,
            value: value, from: running, to: decision.size, reason: decision.reason))
    }

    /// The seeds' policy: one more above either threshold, one fewer below both, each direction
    /// with its own cooldown since its own last change, within min…max. Both at once: nothing.
    func thresholdDecision(_ k: Int, value: Double, requestRatio: Double, running: Int, now: Double) -> (size: Int, reason: String)? {
        let a = kinds.autoscalers[k]
        let s = a.spec
        let metric = Self.metricText(s.metric, value)
        let requests = "requests \(Self.number(requestRatio)) % of capacity"
        var upReasons: [String] = []
        if value > s.scaleUpAbove { upReasons.append("\(metric) > \(Self.threshold(s.metric, s.scaleUpAbove))") }
        if requestRatio > s.requestsAbove { upReasons.append("\(requests) > \(Self.trim(s.requestsAbove)) %") }
        let up = running < s.effectiveMax && now - a.lastScaleUp >= s.scaleUpCooldown.seconds && !upReasons.isEmpty
        let down = running > s.effectiveMin && now - a.lastScaleDown >= s.scaleDownCooldown.seconds
            && value < s.scaleDownBelow && requestRatio < s.requestsBelow
        if up && !down { return (running + 1, upReasons.joined(separator: " and ")) }
        if down && !up {
            return (running - 1, "\(metric) < \(Self.threshold(s.metric, s.scaleDownBelow)) and \(requests) < \(Self.trim(s.requestsBelow)) %")
        }
        return nil
    }

    /// The HPA: the recommendation, the highest of the stabilization window for a scale-down,
    /// the scale-up limit per period, min and max.
    mutating func targetTrackingDecision(_ k: Int, value: Double, ready: Int, unready: Int, now: Double) -> (size: Int, reason: String)? {
        let s = kinds.autoscalers[k].spec
        guard ready > 0, let target = s.target else { return nil }
        let current = ready + unready
        let recommended = hpaRecommendation(ready: ready, unready: unready, metric: value, target: target, tolerance: s.tolerance)
        var reason = "\(Self.metricText(s.metric, value)) vs target \(Self.threshold(s.metric, target))"
        reason += recommended == current ? "" : ": ceil(\(ready) × \(String(format: "%.3f", value / target))) = \(recommended)"
        // Stabilization: the recommendations of the window (strictly after its start, as the HPA
        // keeps them), this one included.
        let window = s.stabilizationWindow.seconds
        kinds.autoscalers[k].recommendations.removeAll { $0.time <= now - window + 1e-9 }
        kinds.autoscalers[k].recommendations.append((now, recommended))
        var desired = recommended
        if recommended < current {
            let highest = kinds.autoscalers[k].recommendations.reduce(recommended) { max($0, $1.replicas) }
            if highest > recommended {
                desired = min(highest, current)
                reason += "; highest recommendation of the last \(s.stabilizationWindow.humanReadable): \(highest)"
            }
        }
        if desired > current {
            let period = s.scaleUpPeriod.seconds
            kinds.autoscalers[k].scaleUpEvents.removeAll { $0.time <= now - period + 1e-9 }
            let added = kinds.autoscalers[k].scaleUpEvents.reduce(0) { $0 + $1.added }
            let limit = max(current, hpaScaleUpLimit(periodStart: current - added, pods: s.scaleUpPods, percent: s.scaleUpPercent))
            if desired > limit {
                desired = limit
                reason += "; limited to \(limit) by the scale-up policy"
            }
        }
        let bounded = min(max(desired, s.effectiveMin), s.effectiveMax)
        if bounded != desired { reason += bounded > desired ? "; raised to min \(bounded)" : "; held at max \(bounded)" }
        return (bounded, reason)
    }

    /// "utilization 82.1 %", "backlogPerWorker 3.25".
    static func metricText(_ metric: Autoscaling.Metric, _ value: Double) -> String {
        metric.isPercentage ? "\(metric.rawValue) \(number(value)) %" : "\(metric.rawValue) \(number(value))"
    }

    static func threshold(_ metric: Autoscaling.Metric, _ value: Double) -> String {
        metric.isPercentage ? "\(Self.trim(value)) %" : Self.trim(value)
    }

    /// `x` without trailing zeros: 70, 0.5.
    static func trim(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    static func number(_ x: Double) -> String { String(format: x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x) }

    /// The mean metric read in the bucket (nothing read: not a number), then a new bucket.
    mutating func autoscalerBucketFigures(_ k: Int) -> [KindFigures.Figure] {
        let a = kinds.autoscalers[k]
        kinds.autoscalers[k].bucketMetricSum = 0
        kinds.autoscalers[k].bucketMetricCount = 0
        return [.init("metric", .number(a.bucketMetricCount > 0 ? a.bucketMetricSum / Double(a.bucketMetricCount) : .nan, places: 4))]
    }

    /// Evaluations and changes in the window, and the instances running at the end.
    func autoscalerFigures(_ k: Int) -> KindFigures {
        let a = kinds.autoscalers[k]
        let counts = autoscalerCounts(pool: Int(a.pool))
        return KindFigures(name: "autoscaler", figures: [
            .init("evaluations", .count(a.evaluations - a.atWarmup.evaluations)),
            .init("scaleUps", .count(a.scaleUps - a.atWarmup.scaleUps)),
            .init("scaleDowns", .count(a.scaleDowns - a.atWarmup.scaleDowns)),
            .init("instancesAtEnd", .count(counts.starting + counts.up)),
        ])
    }

    /// Every autoscaler's decisions, in time order.
    func autoscalerDecisions() -> [ScalingDecision] {
        kinds.autoscalers.flatMap(\.decisions).enumerated()
            .sorted { ($0.element.atSeconds, $0.offset) < ($1.element.atSeconds, $1.offset) }.map(\.element)
    }
}

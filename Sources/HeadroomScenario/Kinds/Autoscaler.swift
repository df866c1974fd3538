import Foundation

/// An autoscaler (JSON `"kind": "autoscaler"`): every `interval` it reads a metric of the pool it
/// `scales` over the last interval and starts instances (which take traffic after `bootTime`) or
/// drains them (they take nothing new, finish what they hold, then stop), by one of two policies:
///
/// - `threshold`, the seeds' `AutoScaler` (seed 001) exactly: every minute, one instance more
///   when utilization > 70 % or requests/s > 80 % of capacity, one fewer when utilization < 30 %
///   and requests/s < 30 % of capacity; no scale-up within 5 minutes of the last scale-up, no
///   scale-down within 10 minutes of the last scale-down; between 2 and 20 instances.
/// - `targetTracking`, the Kubernetes HorizontalPodAutoscaler: desired = ceil(current × metric /
///   target), unchanged while metric / target is within `tolerance` of 1; a scale-down takes the
///   highest recommendation of the last `stabilizationWindow`; a scale-up adds at most
///   max(`scaleUpPods`, `scaleUpPercent` %) per `scaleUpPeriod`.
public struct Autoscaling: ComponentSpec {
    /// `"autoscaler"`.
    public static let kind = ComponentKind.autoscaler

    /// How it decides.
    public enum Policy: String, Hashable, Sendable, CaseIterable {
        /// Thresholds and cooldowns, one instance at a time (the seeds' policy).
        case threshold
        /// Proportional to the metric over its target (Kubernetes' HPA).
        case targetTracking
    }

    /// What it measures, over the last interval, averaged over the pool's serving instances.
    public enum Metric: String, Hashable, Sendable, CaseIterable {
        /// Share of worker time on own work (the CPU proxy), in percent.
        case utilization
        /// Share of worker time held (own work plus waiting on downstream calls), in percent.
        case workersHeld
        /// Requests held or waiting per instance.
        case inFlightPerInstance
        /// Requests (jobs) waiting per worker.
        case backlogPerWorker

        /// Whether the metric is a percentage (its targets are in (0, 100]).
        public var isPercentage: Bool { self == .utilization || self == .workersHeld }
    }

    /// The id of the service or database it scales.
    public var scales: String
    public var policy: Policy
    public var metric: Metric
    /// Fewest and most instances; nil: the policy's default (``effectiveMin``, ``effectiveMax``).
    public var min: Int?
    public var max: Int?
    /// Time between evaluations; nil: the policy's default (``effectiveInterval``).
    public var interval: TimeSpan?
    /// Time from the decision to start an instance until it takes traffic (billed meanwhile).
    public var bootTime: TimeSpan
    // threshold
    /// Scale up when the metric is above this (percent for percentage metrics).
    public var scaleUpAbove: Double
    /// Scale down when the metric is below this (and the request rate below `requestsBelow`).
    public var scaleDownBelow: Double
    /// Scale up when requests/s exceed this percentage of capacity.
    public var requestsAbove: Double
    /// Scale down only when requests/s are below this percentage of capacity.
    public var requestsBelow: Double
    /// Requests per second one instance can serve; nil: its workers over the mean time a request held one.
    public var requestCapacity: Double?
    /// No scale-up within this time of the last scale-up.
    public var scaleUpCooldown: TimeSpan
    /// No scale-down within this time of the last scale-down.
    public var scaleDownCooldown: TimeSpan
    // targetTracking
    /// The metric value to hold (percent for percentage metrics); required for targetTracking.
    public var target: Double?
    /// No change while metric / target is within this of 1.
    public var tolerance: Double
    /// A scale-down takes the highest recommendation of this last stretch of time.
    public var stabilizationWindow: TimeSpan
    /// A scale-up adds at most max(scaleUpPods, scaleUpPercent % of the instances) per scaleUpPeriod.
    public var scaleUpPods: Int
    public var scaleUpPercent: Double
    public var scaleUpPeriod: TimeSpan

    public init(
        scales: String, policy: Policy = .threshold, metric: Metric = .utilization, min: Int? = nil, max: Int? = nil,
        interval: TimeSpan? = nil, bootTime: TimeSpan = .zero, scaleUpAbove: Double = 70, scaleDownBelow: Double = 30,
        requestsAbove: Double = 80, requestsBelow: Double = 30, requestCapacity: Double? = nil, scaleUpCooldown: TimeSpan = .minutes(5),
        scaleDownCooldown: TimeSpan = .minutes(10), target: Double? = nil, tolerance: Double = 0.1,
        stabilizationWindow: TimeSpan = .minutes(5), scaleUpPods: Int = 4, scaleUpPercent: Double = 100,
        scaleUpPeriod: TimeSpan = .seconds(15)
    ) {
        self.scales = scales
        self.policy = policy
        self.metric = metric
        self.min = min
        self.max = max
        self.interval = interval
        self.bootTime = bootTime
        self.scaleUpAbove = scaleUpAbove
        self.scaleDownBelow = scaleDownBelow
        self.requestsAbove = requestsAbove
        self.requestsBelow = requestsBelow
        self.requestCapacity = requestCapacity
        self.scaleUpCooldown = scaleUpCooldown
        self.scaleDownCooldown = scaleDownCooldown
        self.target = target
        self.tolerance = tolerance
        self.stabilizationWindow = stabilizationWindow
        self.scaleUpPods = scaleUpPods
        self.scaleUpPercent = scaleUpPercent
        self.scaleUpPeriod = scaleUpPeriod
    }

    /// The fewest instances: `min`, or 2 (threshold: the seeds' MIN_INSTANCES) or 1
    /// (targetTracking: Kubernetes' default minReplicas).
    public var effectiveMin: Int { min ?? (policy == .threshold ? 2 : 1) }
    /// The most instances: `max`, or 20 (threshold: the seeds' MAX_INSTANCES); targetTracking requires it.
    public var effectiveMax: Int { max ?? 20 }
    /// The evaluation period: `interval`, or 1 minute (threshold: the seeds' schedule) or 15 s
    /// (targetTracking: kube-controller-manager's --horizontal-pod-autoscaler-sync-period).
    public var effectiveInterval: TimeSpan { interval ?? (policy == .threshold ? .minutes(1) : .seconds(15)) }

    static let percent = NumberBounds(lower: .exclusive(0), upper: .inclusive(100))
    static let instanceLimits = PoolLimits.instances

    /// Its keys; it is not called and not priced (the instances it runs are, at their pool).
    public static var descriptor: KindDescriptor<Autoscaling> {
        KindDescriptor(
            noun: "autoscaler",
            description: "Starts and drains instances of a service or database by a threshold policy (the seeds') or target tracking (Kubernetes' HPA).",
            prototype: Autoscaling(scales: ""),
            fields: [
                .required("scales", \.scales, .componentID, "The service or database whose instances it starts and drains."),
                .defaulted(
                    "policy", \.policy, .choice(noun: "scaling policy"), default: .threshold, alwaysWritten: true,
                    "threshold (the seeds' policy) or targetTracking (Kubernetes' HorizontalPodAutoscaler)."),
                .defaulted(
                    "metric", \.metric, .choice(noun: "scaling metric"), default: .utilization,
                    "What it measures over the last interval: utilization (own work, %), workersHeld (%), inFlightPerInstance or backlogPerWorker."),
                .optional(
                    "min", \.min, .integer(in: instanceLimits), ifAbsent: "2 for threshold, 1 for targetTracking",
                    "The fewest instances it leaves running."),
                .optional(
                    "max", \.max, .integer(in: instanceLimits), ifAbsent: "20 for threshold; targetTracking needs one",
                    "The most instances it runs."),
                .optional(
                    "interval", \.interval, .duration(positive: true), ifAbsent: "1m for threshold, 15s for targetTracking",
                    "Time between evaluations; each reads the metric over the last interval."),
                .defaulted(
                    "bootTime", \.bootTime, .duration(positive: false), default: .zero,
                    "Time from a scale-up until the new instance takes traffic; it is billed meanwhile."),
                .defaulted(
                    "scaleUpAbove", \.scaleUpAbove, .number(.above(0), expected: "a number > 0"), default: 70,
                    "threshold: add an instance when the metric is above this."),
                .defaulted(
                    "scaleDownBelow", \.scaleDownBelow, .number(.atLeast(0), expected: "a number >= 0"), default: 30,
                    "threshold: remove an instance when the metric is below this (and requests below requestsBelow)."),
                .defaulted(
                    "requestsAbove", \.requestsAbove, .number(percent, expected: "a percentage > 0 and at most 100"), default: 80,
                    "threshold: add an instance when requests/s exceed this percentage of capacity."),
                .defaulted(
                    "requestsBelow", \.requestsBelow, .number(NumberBounds(lower: .inclusive(0), upper: .inclusive(100)), expected: "a percentage from 0 to 100"),
                    default: 30, "threshold: remove one only when requests/s are below this percentage of capacity."),
                .optional(
                    "requestCapacity", \.requestCapacity, .number(.above(0), expected: "a number of requests per second > 0"),
                    ifAbsent: "the instance's workers ÷ the mean time a request held one",
                    "threshold: requests per second one instance can serve."),
                .defaulted(
                    "scaleUpCooldown", \.scaleUpCooldown, .duration(positive: false), default: .minutes(5),
                    "threshold: no scale-up within this time of the last scale-up."),
                .defaulted(
                    "scaleDownCooldown", \.scaleDownCooldown, .duration(positive: false), default: .minutes(10),
                    "threshold: no scale-down within this time of the last scale-down."),
                .optional(
                    "target", \.target, .number(.above(0), expected: "a number > 0"), ifAbsent: "targetTracking needs one",
                    "targetTracking: the metric value to hold (a percentage for utilization and workersHeld)."),
                .defaulted(
                    "tolerance", \.tolerance, .number(NumberBounds(lower: .inclusive(0), upper: .exclusive(1)), expected: "a number from 0 to below 1"),
                    default: 0.1, "targetTracking: no change while metric ÷ target is within this of 1."),
                .defaulted(
                    "stabilizationWindow", \.stabilizationWindow, .duration(positive: false), default: .minutes(5),
                    "targetTracking: a scale-down takes the highest recommendation of this last stretch of time."),
                .defaulted(
                    "scaleUpPods", \.scaleUpPods, .integer(in: 0...100_000), default: 4,
                    "targetTracking: a scale-up may add this many instances per scaleUpPeriod (or scaleUpPercent, whichever is more)."),
                .defaulted(
                    "scaleUpPercent", \.scaleUpPercent, .number(.atLeast(0), expected: "a percentage >= 0"), default: 100,
                    "targetTracking: a scale-up may add this percentage of the instances per scaleUpPeriod (or scaleUpPods)."),
                .defaulted(
                    "scaleUpPeriod", \.scaleUpPeriod, .duration(positive: true), default: .seconds(15),
                    "targetTracking: the period the scale-up limits apply to."),
            ],
            pricing: [],
            checks: [CrossCheck { validation, scaler, path in validation.checkAutoscaler(scaler, at: path) }],
            references: { [$0.scales] },
            callable: false,
            summary: \.summary)
    }

    /// The threshold policy's own keys and whether a value differs from its default.
    static var thresholdKeys: [(String, (Autoscaling) -> Bool)] { [
        ("scaleUpAbove", { $0.scaleUpAbove != 70 }), ("scaleDownBelow", { $0.scaleDownBelow != 30 }),
        ("requestsAbove", { $0.requestsAbove != 80 }), ("requestsBelow", { $0.requestsBelow != 30 }),
        ("requestCapacity", { $0.requestCapacity != nil }), ("scaleUpCooldown", { $0.scaleUpCooldown != .minutes(5) }),
        ("scaleDownCooldown", { $0.scaleDownCooldown != .minutes(10) }),
    ] }
    /// The targetTracking policy's own keys.
    static var targetTrackingKeys: [(String, (Autoscaling) -> Bool)] { [
        ("target", { $0.target != nil }), ("tolerance", { $0.tolerance != 0.1 }),
        ("stabilizationWindow", { $0.stabilizationWindow != .minutes(5) }), ("scaleUpPods", { $0.scaleUpPods != 4 }),
        ("scaleUpPercent", { $0.scaleUpPercent != 100 }), ("scaleUpPeriod", { $0.scaleUpPeriod != .seconds(15) }),
    ] }

    /// "autoscaler of app, threshold on utilization: up above 70 % or 80 % of capacity, down below 30 % and 30 %, 2–20 instances every 1 min, boot 2 min".
    var summary: String {
        let unit = metric.isPercentage ? " %" : ""
        var text = "autoscaler of \(scales), \(policy.rawValue) on \(metric.rawValue): "
        switch policy {
        case .threshold:
            text += "up above \(TimeSpan.trim(scaleUpAbove))\(unit) or \(TimeSpan.trim(requestsAbove)) % of capacity"
            text += " (cooldown \(scaleUpCooldown.humanReadable)), down below \(TimeSpan.trim(scaleDownBelow))\(unit)"
            text += " and \(TimeSpan.trim(requestsBelow)) % (cooldown \(scaleDownCooldown.humanReadable))"
        case .targetTracking:
            text += "target \(target.map { TimeSpan.trim($0) } ?? "?")\(unit) ± \(TimeSpan.trim(tolerance * 100)) %"
            text += ", scale-down stabilized over \(stabilizationWindow.humanReadable)"
        }
        text += ", \(effectiveMin)–\(effectiveMax) instances every \(effectiveInterval.humanReadable)"
        if bootTime != .zero { text += ", boot \(bootTime.humanReadable)" }
        return text
    }
}

extension Validation {
    /// The scaled component is a pool no other autoscaler scales, whose size lies within min…max;
    /// min ≤ max; the keys fit the policy; a percentage target lies in (0, 100].
    fileprivate mutating func checkAutoscaler(_ scaler: Autoscaling, at path: JSONPath) {
        let scalesPath = path.key("scales")
        checkReference(
            scaler.scales, at: scalesPath, accepts: { $0.pool != nil },
            expected: "a service or database (an autoscaler starts and drains instances of a pool)")
        let others = scenario.components.enumerated().filter { $0.element.spec(as: Autoscaling.self)?.scales == scaler.scales }
        if others.count > 1, let first = others.first, path.description != "components[\(first.offset)]" {
            report(
                scalesPath,
                "\(JSONWriter.quoted(scaler.scales)) is already scaled by \(JSONWriter.quoted(first.element.id)) (components[\(first.offset)]); expected one autoscaler per pool")
        }
        let policy = JSONWriter.quoted(scaler.policy.rawValue)
        let foreign = scaler.policy == .threshold ? Autoscaling.targetTrackingKeys : Autoscaling.thresholdKeys
        let own = (scaler.policy == .threshold ? Autoscaling.thresholdKeys : Autoscaling.targetTrackingKeys).map(\.0)
        for (key, given) in foreign where given(scaler) {
            report(path.key(key), "key \(JSONWriter.quoted(key)) does not apply to policy \(policy); expected one of \(Wording.quotedList(own))")
        }
        let minValid = scaler.min.map { Autoscaling.instanceLimits.contains($0) } ?? true
        let maxValid = scaler.max.map { Autoscaling.instanceLimits.contains($0) } ?? true
        switch scaler.policy {
        case .threshold:
            if scaler.scaleDownBelow >= scaler.scaleUpAbove {
                report(
                    path.key("scaleDownBelow"),
                    "found \(Wording.number(scaler.scaleDownBelow)); expected a number below scaleUpAbove (\(Wording.number(scaler.scaleUpAbove)))")
            }
            if scaler.metric.isPercentage && scaler.scaleUpAbove > 100 {
                report(path.key("scaleUpAbove"), "found \(Wording.number(scaler.scaleUpAbove)); expected a percentage > 0 and at most 100 (\(scaler.metric.rawValue) is a percentage)")
            }
            if scaler.requestsBelow >= scaler.requestsAbove {
                report(
                    path.key("requestsBelow"),
                    "found \(Wording.number(scaler.requestsBelow)); expected a percentage below requestsAbove (\(Wording.number(scaler.requestsAbove)))")
            }
        case .targetTracking:
            if let target = scaler.target {
                if scaler.metric.isPercentage && target > 100 {
                    report(path.key("target"), "found \(Wording.number(target)); expected a percentage > 0 and at most 100 (\(scaler.metric.rawValue) is a percentage)")
                }
            } else {
                report(path, "a targetTracking autoscaler needs a target; expected \"target\" beside \"policy\"")
            }
            if scaler.max == nil {
                report(path, "a targetTracking autoscaler needs a max; expected \"max\" beside \"policy\"")
            }
        }
        if minValid, maxValid, scaler.effectiveMin > scaler.effectiveMax {
            let key = scaler.min == nil ? "max" : "min"
            report(
                path.key(key),
                "found min \(scaler.effectiveMin) and max \(scaler.effectiveMax)\(scaler.min == nil || scaler.max == nil ? " (the policy's default)" : ""); expected min <= max")
        } else if minValid, maxValid, let pool = scenario.component(scaler.scales)?.pool,
            pool.instances < scaler.effectiveMin || pool.instances > scaler.effectiveMax
        {
            report(
                scalesPath,
                "\(JSONWriter.quoted(scaler.scales)) starts with \(Wording.count(pool.instances, "instance")); expected from min \(scaler.effectiveMin) to max \(scaler.effectiveMax) (set its instances, or the autoscaler's min and max)")
        }
    }
}

/// An autoscaler in a Swift scenario (JSON `"kind": "autoscaler"`); see ``Autoscaling`` for every parameter.
///
/// ```swift
/// let app = Service("app", instances: 2, concurrency: 8, serviceTime: .exponential(mean: .milliseconds(50)))
/// Autoscaler("app-scaler", scales: app, bootTime: .minutes(2))
/// ```
public struct Autoscaler: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component
    /// The pool it scales.
    public let references: [Component]

    /// An autoscaler of `pool` with `configuration` (whose `scales` is set to the pool's id).
    public init<Pool: PoolDeclaration>(_ id: String, scales pool: Pool, _ configuration: Autoscaling) {
        var spec = configuration
        spec.scales = pool.component.id
        component = Component(id: id, spec)
        references = [pool.component]
    }

    /// The seeds' threshold policy on `pool`, with every parameter at its default unless given.
    public init<Pool: PoolDeclaration>(
        _ id: String, scales pool: Pool, metric: Autoscaling.Metric = .utilization, min: Int? = nil, max: Int? = nil,
        interval: TimeSpan? = nil, bootTime: TimeSpan = .zero
    ) {
        self.init(id, scales: pool, Autoscaling(scales: "", metric: metric, min: min, max: max, interval: interval, bootTime: bootTime))
    }
}

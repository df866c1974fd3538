/// Instances of a pool crashing (JSON `"kind": "crash"`): on a schedule — some instances, or a
/// whole availability zone, at a given time, optionally repaired after a while — or at random,
/// each instance failing after a time drawn from `timeToFailure` and coming back after a time
/// drawn from `timeToRepair`. What a crashed instance held fails (cause `crashed`); a repaired
/// instance boots for `bootTime`, then takes traffic again.
public struct Crash: ComponentSpec {
    /// `"crash"`.
    public static let kind = ComponentKind.crash

    /// What a call that reaches a crashed instance (one a balancer still sends to) gets.
    public enum WhileDown: String, Hashable, Sendable, CaseIterable {
        /// An immediate error (cause `crashed`): the connection is refused.
        case refuse
        /// No answer: the call waits until its own or a caller's timeout expires (a black hole).
        case hang
    }

    /// The service or database whose instances crash.
    public var target: String
    /// Scheduled: when the instances crash.
    public var at: TimeSpan?
    /// Scheduled: how many instances crash (the first ones running); nil with `zone`, else 1.
    public var instances: Int?
    /// Scheduled: the zone whose instances all crash (the target's `zones`).
    public var zone: String?
    /// Scheduled: how long after the crash the instances are restarted; nil: never.
    public var repairAfter: TimeSpan?
    /// Random: the time from an instance's start to its crash, drawn per instance.
    public var timeToFailure: DistributionSpec?
    /// Random: the time from a crash to the restart, drawn per crash; nil: never restarted.
    public var timeToRepair: DistributionSpec?
    /// How long a restarted instance boots before it takes traffic.
    public var bootTime: TimeSpan
    /// What calls that reach a crashed instance get.
    public var whileDown: WhileDown

    public init(
        target: String, at: TimeSpan? = nil, instances: Int? = nil, zone: String? = nil, repairAfter: TimeSpan? = nil,
        timeToFailure: DistributionSpec? = nil, timeToRepair: DistributionSpec? = nil, bootTime: TimeSpan = .zero,
        whileDown: WhileDown = .refuse
    ) {
        self.target = target
        self.at = at
        self.instances = instances
        self.zone = zone
        self.repairAfter = repairAfter
        self.timeToFailure = timeToFailure
        self.timeToRepair = timeToRepair
        self.bootTime = bootTime
        self.whileDown = whileDown
    }

    /// Whether the crash is on a schedule (`at`) rather than random.
    public var isScheduled: Bool { timeToFailure == nil }

    /// Instances a scheduled crash may take: as many as a pool can have.
    public static let instanceLimits = PoolLimits.instances

    /// Its keys: a scheduled crash (`at` with `instances` or `zone`, `repairAfter`) or a random
    /// one (`timeToFailure`, `timeToRepair`), never both.
    public static var descriptor: KindDescriptor<Crash> {
        KindDescriptor(
            noun: "crash",
            description: "Instances of a service or database crashing: scheduled (some instances, or a zone) or at random, repaired or not.",
            prototype: Crash(target: ""),
            fields: [
                .required("target", \.target, .poolTarget, "The service or database whose instances crash."),
                .optional(
                    "at", \.at, .instant, ifAbsent: "a random crash (timeToFailure)",
                    "Scheduled: when the instances crash, from the start of the run."),
                .optional(
                    "instances", \.instances, .integer(in: instanceLimits), ifAbsent: "1, or every instance of zone",
                    "Scheduled: how many instances crash (the first ones running); at most the target's instances."),
                .optional(
                    "zone", \.zone, zoneFormat, ifAbsent: "no zone (instances)",
                    "Scheduled: every instance in this zone of the target's zones crashes."),
                .optional(
                    "repairAfter", \.repairAfter, .duration(positive: true), ifAbsent: "never repaired",
                    "Scheduled: how long after the crash the instances restart (then boot for bootTime)."),
                .optional(
                    "timeToFailure", \.timeToFailure, .distribution, ifAbsent: "a scheduled crash (at)",
                    "Random: the time from an instance's start until it crashes, drawn per instance and per restart."),
                .optional(
                    "timeToRepair", \.timeToRepair, .distribution, ifAbsent: "never repaired",
                    "Random: the time from a crash until the instance restarts, drawn per crash."),
                .defaulted(
                    "bootTime", \.bootTime, .duration(positive: false), default: .zero,
                    "How long a restarted instance boots (billed, taking no traffic) before it serves."),
                .defaulted(
                    "whileDown", \.whileDown, .choice(noun: "behaviour"), default: .refuse,
                    "What a call that reaches a crashed instance still in rotation gets: refuse (an immediate error, crashed) or hang (no answer until a timeout)."),
            ],
            pricing: [],
            checks: [CrossCheck(run: check)],
            references: { [$0.target] },
            callable: false,
            summary: \.summary)
    }

    /// A zone name (the target's zones are checked by the crash as a whole).
    static var zoneFormat: ValueFormat<String> {
        let expected = "a zone name such as \"a\""
        return ValueFormat(
            expected: expected, schema: [("type", "string")],
            read: { reader, value, path in reader.readString(value, at: path, expected: expected) },
            encode: { .string($0) }, check: { _, _, _ in })
    }

    /// One mode or the other, its keys only, and instances or a zone the target has.
    static func check(_ validation: inout Validation, _ crash: Crash, at path: JSONPath) {
        let scheduledKeys: [(String, Bool)] = [
            ("instances", crash.instances != nil), ("zone", crash.zone != nil), ("repairAfter", crash.repairAfter != nil),
        ]
        let sameTarget = validation.scenario.components.compactMap { $0.spec(as: Crash.self) }.filter { $0.target == crash.target }
        if let first = sameTarget.first, first.whileDown != crash.whileDown {
            validation.report(
                path.key("whileDown"),
                "found \(JSONWriter.quoted(crash.whileDown.rawValue)); expected \(JSONWriter.quoted(first.whileDown.rawValue)), as for the other crash of \(JSONWriter.quoted(crash.target)) (one behaviour per pool)")
        }
        switch (crash.at != nil, crash.timeToFailure != nil) {
        case (false, false):
            validation.report(path, "missing \"at\" or \"timeToFailure\"; expected \"at\" for a scheduled crash or \"timeToFailure\" for random ones")
            return
        case (true, true):
            validation.report(path.key("timeToFailure"), "found both \"at\" and \"timeToFailure\"; expected one of them (a scheduled crash or random ones)")
            return
        case (false, true):
            for (key, present) in scheduledKeys where present {
                validation.report(path.key(key), "key \"\(key)\" applies to a scheduled crash (with \"at\"), not to random ones (\"timeToFailure\")")
            }
            return
        case (true, false):
            if crash.timeToRepair != nil {
                validation.report(path.key("timeToRepair"), "key \"timeToRepair\" applies to random crashes (with \"timeToFailure\"); expected \"repairAfter\" for a scheduled one")
            }
        }
        if crash.instances != nil && crash.zone != nil {
            validation.report(path.key("zone"), "found both \"instances\" and \"zone\"; expected one of them")
            return
        }
        guard let pool = validation.scenario.component(crash.target)?.pool else { return }
        if let count = crash.instances, instanceLimits.contains(count), count > pool.instances {
            validation.report(
                path.key("instances"),
                "found \(count); expected at most the \(Wording.count(pool.instances, "instance")) of \(JSONWriter.quoted(crash.target))")
        }
        if let zone = crash.zone {
            let zones = pool.zones ?? []
            let quoted = JSONWriter.quoted(crash.target)
            if zones.isEmpty {
                validation.report(path.key("zone"), "\(quoted) has no zones; expected a \"zones\" key on it naming zone \(Wording.quotedShort(zone))")
            } else if !zones.contains(zone) {
                validation.report(path.key("zone"), "\(quoted) has no zone \(Wording.quotedShort(zone))\(Wording.suggestion(for: zone, among: zones))")
            } else if !(0..<pool.instances).contains(where: { pool.zone(ofInstance: $0) == zone }) {
                validation.report(
                    path.key("zone"),
                    "no instance of \(quoted) is in zone \(JSONWriter.quoted(zone)) (its \(Wording.count(pool.instances, "instance")) run in \(Wording.quotedList(Array(zones.prefix(pool.instances)))))")
            }
        }
    }

    /// "crash of 2 instances of api at 10 min, repaired after 5 min, booting 30 s".
    var summary: String {
        var text: String
        if let timeToFailure {
            text = "random crashes of \(target)'s instances, \(timeToFailure.summary(of: "time to failure")), "
            text += timeToRepair.map { $0.summary(of: "time to repair") } ?? "never repaired"
        } else {
            let which = zone.map { "zone \($0) of \(target)" } ?? "\(Wording.count(instances ?? 1, "instance")) of \(target)"
            text = "crash of \(which) at \(at?.humanReadable ?? "0 s"), "
            text += repairAfter.map { "repaired after \($0.humanReadable)" } ?? "not repaired"
        }
        if bootTime.seconds > 0 { text += ", booting \(bootTime.humanReadable)" }
        if whileDown == .hang { text += "; calls to a crashed instance hang" }
        return text
    }
}

/// Crashes in a Swift scenario (JSON `"kind": "crash"`); see ``Crash`` for every parameter.
///
/// ```swift
/// Crashes("zone-b", of: api, zone: "b", at: .minutes(10))
/// Crashes("flaky", of: api, timeToFailure: .exponential(mean: .minutes(30)), timeToRepair: .constant(.minutes(2)))
/// ```
public struct Crashes: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component
    /// The pool whose instances crash.
    public let references: [Component]

    /// `instances` instances (or every instance of `zone`) of `pool` crash at `at`, restarting after `repairAfter`.
    public init(
        _ id: String, of pool: some PoolDeclaration, instances: Int? = nil, zone: String? = nil, at: TimeSpan,
        repairAfter: TimeSpan? = nil, bootTime: TimeSpan = .zero, whileDown: Crash.WhileDown = .refuse
    ) {
        let crash = Crash(
            target: pool.id, at: at, instances: instances, zone: zone, repairAfter: repairAfter, bootTime: bootTime,
            whileDown: whileDown)
        component = Component(id: id, crash)
        references = [pool.component]
    }

    /// Each instance of `pool` crashes after a draw of `timeToFailure` and restarts after a draw of `timeToRepair`.
    public init(
        _ id: String, of pool: some PoolDeclaration, timeToFailure: DistributionSpec, timeToRepair: DistributionSpec? = nil,
        bootTime: TimeSpan = .zero, whileDown: Crash.WhileDown = .refuse
    ) {
        let crash = Crash(
            target: pool.id, timeToFailure: timeToFailure, timeToRepair: timeToRepair, bootTime: bootTime, whileDown: whileDown)
        component = Component(id: id, crash)
        references = [pool.component]
    }
}

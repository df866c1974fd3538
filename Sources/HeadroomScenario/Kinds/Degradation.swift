/// A component degraded for an interval (JSON `"kind": "degradation"`): from `at` for
/// `duration`, its own service time is multiplied by `latencyFactor` (a slow disk, a noisy
/// neighbour, a bad deploy) and each call's own work ends in an error with probability
/// `errorProbability` (cause `failed`). Overlapping degradations of one component compound.
public struct Degradation: ComponentSpec {
    /// `"degradation"`.
    public static let kind = ComponentKind.degradation

    /// The component degraded.
    public var target: String
    /// When the degradation starts, from the start of the run.
    public var at: TimeSpan
    /// How long it lasts.
    public var duration: TimeSpan
    /// What its own service time is multiplied by meanwhile (1: unchanged).
    public var latencyFactor: Double
    /// The probability that a call's own work ends in an error meanwhile (0: none).
    public var errorProbability: Double

    public init(target: String, at: TimeSpan, duration: TimeSpan, latencyFactor: Double = 1, errorProbability: Double = 0) {
        self.target = target
        self.at = at
        self.duration = duration
        self.latencyFactor = latencyFactor
        self.errorProbability = errorProbability
    }

    /// The largest latency factor: a million times slower is down, not degraded.
    public static let maximumLatencyFactor = 1e6

    /// The kinds a degradation can act on: those whose calls are served by workers or a provider.
    static let degradable: Set<ComponentKind> = [.service, .database, .function, .externalAPI]

    /// Its keys; at least one of the two effects.
    public static var descriptor: KindDescriptor<Degradation> {
        KindDescriptor(
            noun: "degradation",
            description: "A component slowed down (latency multiplied) or failing calls at random, for an interval.",
            prototype: Degradation(target: "", at: .zero, duration: .zero),
            fields: [
                .required(
                    "target", \.target,
                    .target("a service, database, function or external API", accepts: { degradable.contains($0.kind) }),
                    "The component degraded."),
                .required("at", \.at, .instant, "When the degradation starts, from the start of the run."),
                .required("duration", \.duration, .duration(positive: true), "How long it lasts; > 0."),
                .defaulted(
                    "latencyFactor", \.latencyFactor,
                    .number(.above(0, atMost: maximumLatencyFactor), expected: "a factor > 0 and at most 1,000,000"), default: 1,
                    "What the component's own service time is multiplied by meanwhile."),
                .defaulted(
                    "errorProbability", \.errorProbability,
                    .number(NumberBounds(lower: .inclusive(0), upper: .inclusive(1)), expected: "a probability from 0 to 1"), default: 0,
                    "The probability that a call's own work ends in an error (failed) meanwhile."),
            ],
            pricing: [],
            checks: [CrossCheck { validation, degradation, path in
                if degradation.latencyFactor == 1 && degradation.errorProbability == 0 {
                    validation.report(path, "a degradation that changes nothing; expected a latencyFactor other than 1 or an errorProbability above 0")
                }
            }],
            references: { [$0.target] },
            callable: false,
            summary: \.summary)
    }

    /// "degrades db from 5 min for 2 min: service time × 8, 10 % of calls fail".
    var summary: String {
        var effects: [String] = []
        if latencyFactor != 1 { effects.append("service time × \(TimeSpan.trim(latencyFactor))") }
        if errorProbability > 0 { effects.append("\(TimeSpan.trim(errorProbability * 100)) % of calls fail") }
        return "degrades \(target) from \(at.humanReadable) for \(duration.humanReadable): \(effects.joined(separator: ", "))"
    }
}

/// A degradation in a Swift scenario (JSON `"kind": "degradation"`); see ``Degradation`` for every parameter.
///
/// ```swift
/// Degrade("db-slow", db, at: .minutes(5), for: .minutes(2), latencyFactor: 8)
/// ```
public struct Degrade: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component
    /// The component degraded.
    public let references: [Component]

    /// `target` slowed by `latencyFactor` and failing calls with `errorProbability` from `at` for `duration`.
    public init(
        _ id: String, _ target: some ComponentDeclaration, at: TimeSpan, for duration: TimeSpan, latencyFactor: Double = 1,
        errorProbability: Double = 0
    ) {
        let degradation = Degradation(
            target: target.id, at: at, duration: duration, latencyFactor: latencyFactor, errorProbability: errorProbability)
        component = Component(id: id, degradation)
        references = [target.component]
    }
}

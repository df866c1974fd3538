import ArgumentParser
import Foundation
import Headroom
import HeadroomAnalysis
import HeadroomScenario

/// The options shared by `headroom run` and `headroom check` for how replications are run and
/// what a scenario is changed to: `--jobs`, `--precision`, `--max-replications`, `--set`, `--quiet`.
public struct ExperimentOptions: ParsableArguments {
    /// Replications run at once; nil means one per core.
    @Option(help: "Run at most N replications at a time (default: one per core). Results do not depend on it.")
    public var jobs: Int?

    /// The relative half-width every objective's interval must reach, as written (`2%`).
    @Option(help: ArgumentHelp(
        "Add replications until every SLA objective's 95 % interval is within ±P of its mean (e.g. 2%), up to --max-replications.",
        valueName: "percent"))
    public var precision: String?

    /// The cap on replications `--precision` may add up to.
    @Option(name: .customLong("max-replications"), help: "The most replications --precision may run.")
    public var maxReplications: Int = 100

    /// `PATH=VALUE` overrides of the scenario document, in order.
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change the scenario before it is read and validated: PATH=VALUE, e.g. components.app.instances=3, workload.rate=450, duration=2m (repeatable).",
            valueName: "path=value"))
    public var set: [String] = []

    /// No progress bar.
    @Flag(name: .shortAndLong, help: "Show no progress bar (none is shown anyway when standard error is not a terminal, or in CI).")
    public var quiet = false

    /// The most engine events a run may take (nil: ``RunLimits``' default); a scenario estimated
    /// above it is refused (exit 2).
    @Option(name: .customLong("max-events"), help: ArgumentHelp(
        "Refuse a run estimated to take more than this many engine events (default 1e9, one to two minutes; inf for no limit).",
        valueName: "n"))
    public var maxEvents: Double?

    /// The most memory a run may hold at its peak, as a size (`4GB`; nil: ``RunLimits``'
    /// default); estimated above it, refused.
    @Option(name: .customLong("max-memory"), help: ArgumentHelp(
        "Refuse a run estimated to need more memory than this at its peak (default 4GB).", valueName: "size"))
    public var maxMemory: String?

    /// Options with their defaults.
    public init() {}

    /// The run limits the options set.
    public var limits: RunLimits {
        let defaults = RunLimits()
        return RunLimits(
            maximumEvents: maxEvents ?? defaults.maximumEvents, maximumBytes: maxMemory.flatMap(Self.bytes) ?? defaults.maximumBytes)
    }

    /// `"4GB"`, `"512MB"`, `"1.5 TB"`, `"2GiB"` in bytes; nil when it is not a positive size with a unit.
    static func bytes(_ text: String) -> Double? {
        let units: [(String, Double)] = [
            ("KiB", 1_024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
            ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1),
        ]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (unit, scale) in units where trimmed.hasSuffix(unit) {
            guard let value = TimeSpan.decimalValue(trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)),
                value > 0, (value * scale).isFinite else { return nil }
            return value * scale
        }
        return nil
    }

    /// Checks the values: at least one job, a percentage for `--precision`, a cap of at least 2.
    public func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxReplications < 2 { throw ValidationError("--max-replications must be at least 2") }
        if let precision, precisionFraction == nil {
            throw ValidationError("--precision: found \"\(precision)\"; expected a percentage above 0, such as 2%")
        }
        if let maxEvents, !(maxEvents > 0) { throw ValidationError("--max-events must be a number > 0 (inf for no limit)") }
        if let maxMemory, Self.bytes(maxMemory) == nil {
            throw ValidationError("--max-memory: found \"\(maxMemory)\"; expected a size with a unit, such as \"4GB\" or \"512MB\"")
        }
    }

    /// `--precision` as a fraction (0.02 for `2%`), nil when not given or not a positive percentage.
    public var precisionFraction: Double? {
        guard let precision, let (sign, fraction) = Percentage.parse(precision), sign != "-", fraction > 0 else { return nil }
        return fraction
    }

    /// The number of worker threads: `--jobs`, or the machine's active cores.
    public var effectiveJobs: Int { jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

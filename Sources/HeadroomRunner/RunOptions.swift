import ArgumentParser
import Headroom

/// The options of `headroom run`, shared with every Swift scenario executable
/// (``ScenarioCommand``): `--format`, `--seed`, `--output`, `--duration`, `--warmup`, `--ramp`.
public struct RunOptions: ParsableArguments {
    /// The report formats.
    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// The readable report.
        case text
        /// The machine-readable report of docs/json-output.md.
        case json
    }

    /// Report format: text or json.
    @Option(help: "Report format: text or json.")
    public var format: Format = .text

    /// Overrides the scenario's seed when given.
    @Option(help: "Seed for every random stream, overriding the scenario's seed.")
    public var seed: UInt64?

    /// Where to write the report, atomically; standard output when nil.
    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    public var output: String?

    /// Simulated time overriding the scenario's, as a duration string.
    @Option(help: "Simulated time, overriding the scenario's duration (e.g. 2m).")
    public var duration: String?

    /// Warm-up overriding the scenario's, as a duration string.
    @Option(help: "Warm-up, overriding the scenario's (e.g. 20s).")
    public var warmup: String?

    /// Search the capacity instead of reporting one run.
    @Flag(help: "Find the capacity: scale the load step by step until an SLA objective fails.")
    public var ramp = false

    /// Independent replications to run; more than one reports means with confidence intervals.
    @Option(help: "Run N independent replications (seeds seed, seed+1, …) and report means with 95 % confidence intervals.")
    public var replications: Int = 1

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

    /// Checks that span options: a replication count of at least 1, not combined with `--ramp`.
    public func validate() throws {
        if replications < 1 { throw ValidationError("--replications must be at least 1") }
        if let maxEvents, !(maxEvents > 0) { throw ValidationError("--max-events must be a number > 0 (inf for no limit)") }
        if let maxMemory, Self.bytes(maxMemory) == nil {
            throw ValidationError("--max-memory: found \"\(maxMemory)\"; expected a size with a unit, such as \"4GB\" or \"512MB\"")
        }
        if replications > 1 && ramp { throw ValidationError("--replications and --ramp cannot be combined") }
    }

    /// `scenario` with `--duration` and `--warmup` applied.
    ///
    /// - Throws: ``ScenarioError`` naming the option when a value is not a duration, or when the
    ///   result does not validate.
    public func applied(to scenario: Scenario, file: String) throws(ScenarioError) -> Scenario {
        var result = scenario
        var problems: [ScenarioDiagnostic] = []
        for (option, value, example) in [("--duration", duration, "2m"), ("--warmup", warmup, "20s")] {
            guard let value else { continue }
            guard let span = TimeSpan(parsing: value) else {
                problems.append(ScenarioDiagnostic(path: option, message: "found \"\(value)\"; expected a duration with a unit, such as \"\(example)\""))
                continue
            }
            if option == "--duration" { result.duration = span } else { result.warmup = span }
        }
        guard problems.isEmpty else { throw ScenarioError(file: file, diagnostics: problems) }
        return result
    }
}

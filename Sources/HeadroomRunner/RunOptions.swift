import ArgumentParser
import Headroom

/// The options of `headroom run`, shared with every Swift scenario executable
/// (``ScenarioCommand``): `--format`, `--seed`, `--output`, `--html`, `--duration`, `--warmup`, `--ramp`.
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

    /// Where to write the HTML report (charts, verdict, cost), atomically, besides the report above.
    @Option(help: ArgumentHelp("Also write a self-contained HTML report with charts to this file (atomically).", valueName: "file"))
    public var html: String?

    /// Where to write the time series as CSV, atomically, besides the report.
    @Option(help: ArgumentHelp("Also write the time series (one row per time bucket) as CSV to this file (atomically).", valueName: "file"))
    public var timeseries: String?

    /// The width of a time bucket, overriding the scenario's `timeBucket`.
    @Option(help: ArgumentHelp("Width of a time-series bucket, overriding the scenario's timeBucket (default 10s).", valueName: "duration"))
    public var bucket: String?

    /// Simulated time overriding the scenario's, as a duration string.
    @Option(help: "Simulated time, overriding the scenario's duration (e.g. 2m).")
    public var duration: String?

    /// Warm-up overriding the scenario's, as a duration string, or `auto` to find it with MSER-5.
    @Option(help: "Warm-up, overriding the scenario's (e.g. 20s), or auto to find it with MSER-5 (the default when the scenario sets none).")
    public var warmup: String?

    /// Search the capacity instead of reporting one run.
    @Flag(help: "Find the capacity: scale the load step by step until an SLA objective fails.")
    public var ramp = false

    /// Independent replications to run; more than one reports means with confidence intervals.
    @Option(help: "Run N independent replications (seeds seed, seed+1, …) in parallel and report means with 95 % confidence intervals.")
    public var replications: Int = 1

    /// `--jobs`, `--precision`, `--max-replications`, `--set`, `--quiet`, `--max-events`,
    /// `--max-memory`: shared with `headroom check`.
    @OptionGroup public var experiment: ExperimentOptions

    /// Options with their defaults.
    public init() {}

    /// Checks that span options: a replication count of at least 1; `--ramp` with neither
    /// `--replications` nor `--html`.
    public func validate() throws {
        if replications < 1 { throw ValidationError("--replications must be at least 1") }
        if replications > 1 && ramp { throw ValidationError("--replications and --ramp cannot be combined") }
        if html != nil && ramp { throw ValidationError("--html and --ramp cannot be combined") }
        if timeseries != nil && ramp { throw ValidationError("--timeseries and --ramp cannot be combined") }
        if experiment.precision != nil && ramp { throw ValidationError("--precision and --ramp cannot be combined") }
    }

    /// The `--warmup` value that asks for MSER-5 whatever the scenario says.
    public static let automaticWarmup = "auto"

    /// True when the warm-up is to be found by MSER-5: `--warmup auto`, or no `--warmup` and a
    /// scenario that sets none (`setsWarmup` false).
    public func detectsWarmup(scenarioSetsWarmup setsWarmup: Bool) -> Bool {
        warmup == Self.automaticWarmup || (warmup == nil && !setsWarmup)
    }

    /// `scenario` with `--duration` and `--warmup` applied.
    ///
    /// - Throws: ``ScenarioError`` naming the option when a value is not a duration, or when the
    ///   result does not validate.
    public func applied(to scenario: Scenario, file: String) throws(ScenarioError) -> Scenario {
        var result = scenario
        var problems: [ScenarioDiagnostic] = []
        for (option, value, example) in [("--duration", duration, "2m"), ("--warmup", warmup, "20s"), ("--bucket", bucket, "5s")] {
            guard let value, !(option == "--warmup" && value == Self.automaticWarmup) else { continue }
            guard let span = TimeSpan(parsing: value) else {
                let alternative = option == "--warmup" ? " or auto" : ""
                problems.append(ScenarioDiagnostic(path: option, message: "found \"\(value)\"; expected a duration with a unit, such as \"\(example)\"\(alternative)"))
                continue
            }
            switch option {
            case "--duration": result.duration = span
            case "--warmup": result.warmup = span
            default: result.timeBucket = span
            }
        }
        guard problems.isEmpty else { throw ScenarioError(file: file, diagnostics: problems) }
        return result
    }
}

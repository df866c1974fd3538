import ArgumentParser
import Foundation
import Headroom

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

    /// Options with their defaults.
    public init() {}

    /// Checks the values: at least one job, a percentage for `--precision`, a cap of at least 2.
    public func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxReplications < 2 { throw ValidationError("--max-replications must be at least 2") }
        if let precision, precisionFraction == nil {
            throw ValidationError("--precision: found \"\(precision)\"; expected a percentage above 0, such as 2%")
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

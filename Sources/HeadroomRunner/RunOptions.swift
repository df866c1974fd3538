import ArgumentParser

/// The options of `headroom run`, shared with every Swift scenario executable
/// (``ScenarioCommand``): `--format`, `--seed`, `--output`.
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

    /// Options with their defaults.
    public init() {}
}

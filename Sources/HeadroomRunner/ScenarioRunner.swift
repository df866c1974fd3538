import Foundation
import Headroom

/// The run-and-report path shared by `headroom run` and Swift scenario executables: simulate,
/// render in the chosen format, write to standard output or atomically to a file.
public enum ScenarioRunner {
    /// Runs `scenario` with `options` (once, or as a capacity search with `--ramp`) and writes
    /// its report; then throws ``SLAFailure`` if an objective failed.
    ///
    /// - Parameter file: names the scenario in diagnostics.
    /// - Throws: ``ScenarioError`` when the scenario does not validate (exit 2), ``CommandFailure``
    ///   when the report cannot be written (exit 1), ``SLAFailure`` after writing the report when
    ///   an objective failed — with `--ramp`, when the scenario's own load fails (exit 3).
    public static func run(_ scenario: Scenario, file: String, options: RunOptions) throws {
        let scenario = try options.applied(to: scenario, file: file)
        try refuseIfTooLarge(scenario, file: file, options: options)
        let seed = options.seed ?? scenario.seed
        let report: String
        let passed: Bool
        do {
            if options.replications > 1 {
                let summary = try Replications.summary(scenario, count: options.replications, baseSeed: seed)
                report = options.format == .json ? ReplicationReport.renderJSON(summary) : ReplicationReport.renderText(summary)
                passed = summary.passed
            } else if options.ramp {
                let search = try CapacitySearch(scenario: scenario, seed: seed, limits: options.limits)
                report = options.format == .json
                    ? CapacityReport.renderJSON(search, scenario: scenario.name, seed: seed)
                    : CapacityReport.renderText(search, scenario: scenario.name, seed: seed)
                passed = search.scenarioLoadPassed
            } else {
                let results = try Headroom.run(scenario, seed: seed)
                report = options.format == .json ? JSONReport.render(results) : TextReport.render(results)
                passed = results.sla.passed
            }
        } catch {
            throw ScenarioError(file: file, diagnostics: error.diagnostics)
        }
        try write(report, to: options.output)
        if !passed { throw SLAFailure() }
    }

    /// Refuses, before anything runs, a scenario whose ``WorkEstimate`` exceeds the limits of
    /// `--max-events` and `--max-memory` (every replication counted; a capacity search checks
    /// each further step itself).
    ///
    /// - Throws: ``ScenarioError`` with the estimate and how to override (exit 2); the
    ///   validator's diagnostics first, when the scenario is invalid (its estimate means nothing).
    static func refuseIfTooLarge(_ scenario: Scenario, file: String, options: RunOptions) throws(ScenarioError) {
        let problems = ScenarioValidator.validate(scenario)
        guard problems.isEmpty else { throw ScenarioError(file: file, diagnostics: problems) }
        let runs = options.ramp ? 1 : options.replications
        if let refusal = WorkEstimate(scenario).refusal(under: options.limits, scenario: scenario, runs: runs) {
            throw ScenarioError(file: file, diagnostics: [ScenarioDiagnostic(path: "", message: refusal)])
        }
    }

    /// Writes `text` to `path` atomically (see ``AtomicFile``), or to standard output when `path`
    /// is nil or `-`.
    ///
    /// - Throws: ``CommandFailure`` ("cannot write PATH: reason") when the file cannot be written,
    ///   ``StandardStreams/Failure`` when standard output cannot (both exit 1).
    public static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            try StandardStreams.writeOutput(text)
            return
        }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw CommandFailure(message: "cannot write \(path): \(error)")
        }
    }
}

/// The report was written, but an SLA objective failed (exit code 3).
public struct SLAFailure: Error {
    /// A failure of the run's objectives.
    public init() {}
}

/// A failure that is not the user's input, such as an unwritable output file (exit code 1).
public struct CommandFailure: Error, CustomStringConvertible {
    /// What went wrong, without a trailing period.
    public var message: String

    /// A failure saying `message`.
    public init(message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

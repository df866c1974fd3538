import Foundation
import Headroom

/// The run-and-report path shared by `headroom run` and Swift scenario executables: simulate,
/// render in the chosen format, write to standard output or atomically to a file.
public enum ScenarioRunner {
    /// Runs `scenario` with `options` (once, as replications, or as a capacity search with
    /// `--ramp`) and writes its report, and with `--html` and `--timeseries` the HTML report and
    /// the CSV time series too; then throws if a verdict calls for a non-zero exit.
    ///
    /// - Parameters:
    ///   - file: names the scenario in diagnostics.
    ///   - setsWarmup: whether the scenario file gives a `warmup`; nil (a Swift scenario) means
    ///     "when it is not zero". Without one and without `--warmup`, MSER-5 finds it.
    /// - Throws: ``ScenarioError`` when the scenario does not validate (exit 2), ``CommandFailure``
    ///   when the report cannot be written (exit 1), ``SLAFailure`` after writing the report when
    ///   an objective failed — with `--ramp`, when the scenario's own load fails (exit 3),
    ///   ``VerdictFailure`` when replications leave an objective inconclusive (exit 5), and
    ///   ``Interrupted`` on Ctrl-C, having written nothing.
    public static func run(_ scenario: Scenario, file: String, options: RunOptions, setsWarmup: Bool? = nil) throws {
        var scenario = scenario
        var setsWarmup = setsWarmup
        if setsWarmup == nil, !options.experiment.set.isEmpty {
            // A Swift scenario: --set patches its JSON encoding, read back like a file.
            scenario = try ScenarioLoader.decode(document: ScenarioEncoder.encode(scenario), file: file, overrides: options.experiment.set).scenario
        }
        scenario = try options.applied(to: scenario, file: file)
        try refuseIfTooLarge(scenario, file: file, options: options)
        if setsWarmup == nil { setsWarmup = scenario.warmup.seconds > 0 }
        let seed = options.seed ?? scenario.seed
        if options.ramp {
            let search: CapacitySearch
            do {
                search = try CapacitySearch(scenario: scenario, seed: seed, limits: options.experiment.limits)
            } catch {
                throw ScenarioError(file: file, diagnostics: error.diagnostics)
            }
            let report = options.format == .json
                ? CapacityReport.renderJSON(search, scenario: scenario.name, seed: seed)
                : CapacityReport.renderText(search, scenario: scenario.name, seed: seed)
            try write(report, to: options.output)
            if !search.scenarioLoadPassed { throw SLAFailure() }
            return
        }
        let experiment = options.experiment
        let precision = experiment.precisionFraction
        // --precision needs a spread to measure: it starts from 5 replications unless told otherwise.
        let replications = precision != nil && options.replications == 1 ? 5 : options.replications
        let plan = ReplicationPlan(
            scenario: scenario, baseSeed: seed, replications: replications,
            detectWarmup: options.detectsWarmup(scenarioSetsWarmup: setsWarmup ?? true),
            precision: precision, maxReplications: experiment.maxReplications)
        let outcome = try RunSupervisor.run([plan], jobs: experiment.effectiveJobs, label: scenario.name, quiet: experiment.quiet) { outcomes in
            "interrupted: " + RunSupervisor.finishedLine(outcomes[0], name: scenario.name) + "; no report written"
        }[0]
        if let failure = outcome.failure { throw ScenarioError(file: file, diagnostics: failure.diagnostics) }
        let provenance = HTMLReport.Provenance(commandLine: CommandLine.arguments)
        if let summary = outcome.summary {
            try write(options.format == .json ? ReplicationReport.renderJSON(summary) : ReplicationReport.renderText(summary), to: options.output)
            if let path = options.html {
                try write(HTMLReport.render(summary, detail: outcome.results[0], scenario: scenario, provenance: provenance), to: path)
            }
            if let path = options.timeseries { try write(TimeSeriesCSV.render(outcome.results[0].timeseries), to: path) }
            if let failure = VerdictFailure(summary.outcome == .fail ? .slaFailed : summary.outcome == .inconclusive ? .inconclusive : .pass) {
                throw failure
            }
        } else {
            var results = outcome.results[0]
            results.warmupDetection = outcome.warmup
            try write(options.format == .json ? JSONReport.render(results) : TextReport.render(results), to: options.output)
            if let path = options.html { try write(HTMLReport.render(results, scenario: scenario, provenance: provenance), to: path) }
            if let path = options.timeseries { try write(TimeSeriesCSV.render(results.timeseries), to: path) }
            if !results.sla.passed { throw SLAFailure() }
        }
    }

    /// Refuses, before anything runs, a scenario whose ``WorkEstimate`` exceeds the limits of
    /// `--max-events` and `--max-memory` (every replication counted; a capacity search checks
    /// each further step itself).
    ///
    /// - Throws: ``ScenarioError`` with the estimate and how to override (exit 2); the
    ///   validator's diagnostics first, when the scenario is invalid (its estimate means nothing).
    static func refuseIfTooLarge(_ scenario: Scenario, file: String, options: RunOptions) throws(ScenarioError) {
        try refuseIfTooLarge(scenario, file: file, limits: options.experiment.limits, runs: options.ramp ? 1 : options.replications)
    }

    /// Refuses `scenario` when `runs` runs of it exceed `limits` (see above).
    static func refuseIfTooLarge(_ scenario: Scenario, file: String, limits: RunLimits, runs: Int) throws(ScenarioError) {
        let problems = ScenarioValidator.validate(scenario)
        guard problems.isEmpty else { throw ScenarioError(file: file, diagnostics: problems) }
        if let refusal = WorkEstimate(scenario).refusal(under: limits, scenario: scenario, runs: runs) {
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

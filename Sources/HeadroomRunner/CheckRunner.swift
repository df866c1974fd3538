import ArgumentParser
import Foundation
import Headroom

/// The options of `headroom check`.
public struct CheckOptions: ParsableArguments {
    /// Scenario files, or folders whose `*.json` files (at any depth) are all checked.
    @Argument(help: ArgumentHelp("Scenario files, or folders: every *.json under a folder is checked.", valueName: "path"))
    public var paths: [String] = []

    /// The baseline file to compare with (or, with `--update-baseline`, to record).
    @Option(help: ArgumentHelp("Compare with this baseline file (recorded by --update-baseline).", valueName: "file"))
    public var baseline: String?

    /// Record the baseline instead of comparing with it.
    @Flag(name: .customLong("update-baseline"), help: "Run the scenarios and record their results in --baseline (atomically) instead of comparing.")
    public var updateBaseline = false

    /// `METRIC=±X%` overrides of the default tolerances.
    @Option(help: ArgumentHelp(
        "How much worse a metric may get than its baseline before it counts as a regression, e.g. p99=+10% or throughput=-5% (repeatable; METRIC=off stops comparing it).",
        valueName: "metric=percent"))
    public var tolerance: [String] = []

    /// Replications per scenario (at least as many as the baseline recorded are run).
    @Option(help: "Replications per scenario (at least 2; at least as many as the baseline recorded are run).")
    public var replications: Int = 10

    /// The first replication's seed; by default the baseline's, else the scenario's.
    @Option(help: "The first replication's seed (default: the baseline's, else each scenario's own).")
    public var seed: UInt64?

    /// Simulated time overriding each scenario's.
    @Option(help: "Simulated time, overriding each scenario's duration (e.g. 2m).")
    public var duration: String?

    /// Warm-up overriding each scenario's.
    @Option(help: "Warm-up, overriding each scenario's (e.g. 20s), or auto to find it with MSER-5 (the default for scenarios that set none).")
    public var warmup: String?

    /// Report format on standard output (or `--output`).
    @Option(help: "Report format: text or json.")
    public var format: RunOptions.Format = .text

    /// Where to write the report, atomically; standard output when nil.
    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    public var output: String?

    /// JUnit XML output.
    @Option(help: ArgumentHelp("Also write a JUnit XML report here: one test case per objective and per compared metric.", valueName: "file"))
    public var junit: String?

    /// Markdown output.
    @Option(help: ArgumentHelp("Also write a Markdown summary here (for a pull-request comment or $GITHUB_STEP_SUMMARY).", valueName: "file"))
    public var markdown: String?

    /// `--jobs`, `--precision`, `--max-replications`, `--set`, `--quiet`.
    @OptionGroup public var experiment: ExperimentOptions

    /// Options with their defaults.
    public init() {}

    /// Checks that span options.
    public func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one scenario file or folder") }
        if replications < 2 { throw ValidationError("--replications must be at least 2 for check (intervals need a spread)") }
        if updateBaseline && baseline == nil { throw ValidationError("--update-baseline needs --baseline FILE to record into") }
        if updateBaseline && !tolerance.isEmpty { throw ValidationError("--tolerance applies when comparing; it cannot be combined with --update-baseline") }
        do {
            _ = try Tolerances.parsing(tolerance)
        } catch {
            throw ValidationError(error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }
}

/// `headroom check`: run every scenario, judge its SLA objectives on confidence intervals,
/// compare with a baseline (or record one), write the reports, exit with the verdict's code.
public enum CheckRunner {
    /// Runs the check the options describe.
    ///
    /// - Throws: ``ScenarioError`` for bad input (exit 2: an invalid scenario, a bad `--set` or
    ///   `--tolerance`, a missing, corrupt or mismatched baseline) before anything runs;
    ///   ``CommandFailure`` when an output cannot be written (exit 1); ``Interrupted`` on Ctrl-C,
    ///   with nothing written; ``VerdictFailure`` after writing the reports when the verdict is
    ///   not a pass (3 SLA failed, 4 regressed, 5 inconclusive).
    public static func run(_ options: CheckOptions) throws {
        let tolerances = try Tolerances.parsing(options.tolerance)
        let files = try scenarioFiles(options.paths, excluding: options.baseline)
        var runOptions = RunOptions()
        runOptions.duration = options.duration
        runOptions.warmup = options.warmup
        // Every option `applied(to:)` reads is set: a parsable value built in code has no defaults.
        runOptions.bucket = nil
        // Every file is read first, so every problem of every file is listed at once.
        var loaded: [(file: String, scenario: LoadedScenario)] = []
        var problems: [ScenarioError] = []
        for file in files {
            do {
                var scenario = try ScenarioLoader.load(path: file, overrides: options.experiment.set)
                scenario.scenario = try runOptions.applied(to: scenario.scenario, file: file)
                // Absurd runs are refused before anything runs, as `headroom run` refuses them.
                try ScenarioRunner.refuseIfTooLarge(scenario.scenario, file: file, limits: options.experiment.limits, runs: options.replications)
                loaded.append((file, scenario))
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw ScenarioErrors(problems) }
        let baseline = try readBaseline(options)
        var entries: [Baseline.Entry?] = []
        for (file, scenario) in loaded {
            entries.append(options.updateBaseline ? nil : try baseline.map { try entry(in: $0, for: file, scenario: scenario.scenario, options: options) })
        }
        let plans = zip(loaded, entries).map { item, entry in
            ReplicationPlan(
                scenario: item.scenario.scenario, baseSeed: options.seed ?? entry?.seed ?? item.scenario.scenario.seed,
                replications: max(options.replications, entry?.replications ?? 0),
                detectWarmup: runOptions.detectsWarmup(scenarioSetsWarmup: item.scenario.setsWarmup),
                precision: options.experiment.precisionFraction, maxReplications: options.experiment.maxReplications)
        }
        let outcomes = try RunSupervisor.run(plans, jobs: options.experiment.effectiveJobs, label: "headroom check", quiet: options.experiment.quiet) { outcomes in
            var lines = ["interrupted: nothing written (no report, no baseline); what finished:"]
            for (i, outcome) in outcomes.enumerated() {
                var line = "  " + RunSupervisor.finishedLine(outcome, name: loaded[i].file)
                if outcome.complete, let summary = outcome.summary { line += " · SLA \(ReplicationReport.outcomeWord(summary.outcome))" }
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        }
        var checks: [ScenarioCheck] = []
        for (i, outcome) in outcomes.enumerated() {
            if let failure = outcome.failure { throw ScenarioError(file: loaded[i].file, diagnostics: failure.diagnostics) }
            guard let summary = outcome.summary else { continue }
            let hash = ScenarioFingerprint.of(loaded[i].scenario.document)
            let comparison = entries[i].map { BaselineComparison(entry: $0, candidate: outcome.results, scenarioHash: hash, tolerances: tolerances) }
            checks.append(ScenarioCheck(file: loaded[i].file, scenarioHash: hash, summary: summary, baseline: comparison))
        }
        let run = CheckRun(scenarios: checks, baselineFile: options.baseline, baselineUpdated: options.updateBaseline)
        let report = options.format == .json ? CheckReport.renderJSON(run) : CheckReport.renderText(run)
        if options.updateBaseline, let file = options.baseline {
            var updated = baseline ?? Baseline(entries: [])
            updated.update(with: zip(checks, outcomes).map { check, outcome in
                Baseline.Entry(file: baselineKey(check.file, baseline: file), scenarioHash: check.scenarioHash, results: outcome.results)
            })
            try ScenarioRunner.write(updated.json.rendered(pretty: true) + "\n", to: file)
        }
        if let junit = options.junit { try ScenarioRunner.write(JUnitReport.render(run), to: junit) }
        if let markdown = options.markdown { try ScenarioRunner.write(MarkdownReport.render(run), to: markdown) }
        try ScenarioRunner.write(report, to: options.output)
        if let failure = VerdictFailure(run.verdict) { throw failure }
    }

    /// The scenario files `paths` name: files as given, folders searched for `*.json` at any depth
    /// (hidden entries skipped, sorted), the baseline file itself left out.
    static func scenarioFiles(_ paths: [String], excluding baseline: String?) throws(ScenarioError) -> [String] {
        let files = FileManager.default
        let excluded = baseline.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScenarioError(file: path, diagnostics: [ScenarioDiagnostic(path: "", message: "cannot read the file: no such file or folder")])
            }
            guard isDirectory.boolValue else {
                result.append(path)
                continue
            }
            let found = (files.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".json") && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
                .sorted()
                .map { (path as NSString).appendingPathComponent($0) }
                .filter { URL(fileURLWithPath: $0).standardizedFileURL.path != excluded }
            if found.isEmpty {
                throw ScenarioError(file: path, diagnostics: [ScenarioDiagnostic(path: "", message: "the folder holds no *.json scenario files")])
            }
            result += found
        }
        return result
    }

    /// The baseline file, read strictly; nil when none is given, or when recording into one that
    /// does not exist yet.
    static func readBaseline(_ options: CheckOptions) throws(ScenarioError) -> Baseline? {
        guard let file = options.baseline else { return nil }
        guard FileManager.default.fileExists(atPath: file) else {
            if options.updateBaseline { return nil }
            throw ScenarioError(file: file, diagnostics: [ScenarioDiagnostic(
                path: "", message: "cannot read the baseline: no such file; record one with headroom check PATH... --baseline \(file) --update-baseline")])
        }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: file, diagnostics: [ScenarioDiagnostic(path: "", message: "cannot read the baseline: it is not readable UTF-8 text")])
        }
        return try Baseline.read(text, file: file)
    }

    /// `file`'s record in `baseline`, checked to be for this scenario and pairable with this check.
    static func entry(in baseline: Baseline, for file: String, scenario: Scenario, options: CheckOptions) throws(ScenarioError) -> Baseline.Entry {
        let baselineFile = options.baseline ?? ""
        let key = baselineKey(file, baseline: baselineFile)
        guard let index = baseline.entries.firstIndex(where: { $0.file == key }) else {
            let recorded = baseline.entries.map(\.file)
            let list = recorded.isEmpty ? "it records none" : "it records " + recorded.map { DiagnosticWording.quoted($0) }.joined(separator: ", ")
            throw ScenarioError(file: baselineFile, diagnostics: [ScenarioDiagnostic(
                path: "", message: "no record of \(DiagnosticWording.quoted(key)) (\(list)); record it with --update-baseline")])
        }
        let entry = baseline.entries[index]
        var problems: [ScenarioDiagnostic] = []
        if entry.scenario != scenario.name {
            problems.append(ScenarioDiagnostic(
                path: "scenarios[\(index)].scenario",
                message: "recorded for scenario \(DiagnosticWording.quoted(entry.scenario)), but \(file) is scenario \(DiagnosticWording.quoted(scenario.name)); this baseline is from another scenario — re-record it with --update-baseline"))
        }
        if let seed = options.seed, seed != entry.seed {
            problems.append(ScenarioDiagnostic(
                path: "scenarios[\(index)].seed",
                message: "recorded from seed \(entry.seed), but --seed is \(seed): replications must use the same seeds to be compared; drop --seed or re-record the baseline"))
        }
        guard problems.isEmpty else { throw ScenarioError(file: baselineFile, diagnostics: problems) }
        return entry
    }

    /// The key a scenario file is recorded under: its path relative to the baseline file's folder.
    static func baselineKey(_ file: String, baseline: String) -> String {
        let target = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        let folder = URL(fileURLWithPath: baseline).standardizedFileURL.deletingLastPathComponent().pathComponents
        var common = 0
        while common < min(target.count, folder.count), target[common] == folder[common] { common += 1 }
        let up = Array(repeating: "..", count: folder.count - common)
        return (up + target[common...]).joined(separator: "/")
    }
}

/// Several scenario files with problems: every file's diagnostics, one per line (exit 2).
public struct ScenarioErrors: Error, CustomStringConvertible {
    /// Each file's error.
    public var errors: [ScenarioError]

    public init(_ errors: [ScenarioError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

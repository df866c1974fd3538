import ArgumentParser
import Foundation
import Headroom

/// `headroom run`: simulate one scenario file and report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and report throughput, latency percentiles and per-component load.",
        discussion: """
            Statistics exclude the scenario's warm-up. The same scenario and seed always give \
            byte-identical JSON. Every run is judged against the scenario's SLA objectives (or the \
            defaults: p95 ≤ 200 ms, availability ≥ 99.9 %, success rate ≥ 99.5 %); a failed \
            objective makes the exit code 3. With --ramp, the load is scaled up (or down) step by \
            step until an objective fails, to find the architecture's capacity and headroom.

            Examples:
              headroom run Scenarios/startup-mvp.json
              headroom run Scenarios/startup-mvp.json --seed 7
              headroom run Scenarios/mmc-validation.json --format json --output results.json
              headroom run Scenarios/startup-mvp.json --ramp --duration 2m --warmup 20s
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The scenario file (JSON).", completion: .file(extensions: ["json"]))
    var scenario: String

    @Option(help: "Report format: text or json.")
    var format: Format = .text

    @Option(help: "Seed for every random stream, overriding the scenario's seed.")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Simulated time, overriding the scenario's duration (e.g. 2m).")
    var duration: String?

    @Option(help: "Warm-up, overriding the scenario's (e.g. 20s).")
    var warmup: String?

    @Flag(help: "Find the capacity: scale the load step by step until an SLA objective fails.")
    var ramp = false

    func run() throws {
        var loaded = try ScenarioLoader.load(path: scenario)
        var problems: [ScenarioDiagnostic] = []
        if let duration {
            if let span = TimeSpan(parsing: duration) { loaded.duration = span } else {
                problems.append(ScenarioDiagnostic(path: "--duration", message: "found \"\(duration)\"; expected a duration with a unit, such as \"2m\""))
            }
        }
        if let warmup {
            if let span = TimeSpan(parsing: warmup) { loaded.warmup = span } else {
                problems.append(ScenarioDiagnostic(path: "--warmup", message: "found \"\(warmup)\"; expected a duration with a unit, such as \"20s\""))
            }
        }
        guard problems.isEmpty else { throw ScenarioError(file: scenario, diagnostics: problems) }
        let report: String
        let passed: Bool
        do {
            if ramp {
                let search = try CapacitySearch(scenario: loaded, seed: seed)
                let usedSeed = seed ?? loaded.seed
                report = format == .json
                    ? CapacityReport.renderJSON(search, scenario: loaded.name, seed: usedSeed)
                    : CapacityReport.renderText(search, scenario: loaded.name, seed: usedSeed)
                passed = (search.capacityFactor ?? 0) >= 1
            } else {
                let results = try Headroom.run(loaded, seed: seed)
                report = format == .json ? JSONReport.render(results) : TextReport.render(results)
                passed = results.sla.passed
            }
        } catch {
            throw ScenarioError(file: scenario, diagnostics: error.diagnostics)
        }
        try emit(report)
        if !passed { throw SLAFailure() }
    }

    /// Prints the report, or writes it atomically to `--output`.
    func emit(_ report: String) throws {
        if let output {
            do {
                try AtomicFile.write(report, to: output)
            } catch {
                throw CLIFailure(message: "cannot write \(output): \(error)")
            }
        } else {
            FileHandle.standardOutput.write(Data(report.utf8))
        }
    }
}

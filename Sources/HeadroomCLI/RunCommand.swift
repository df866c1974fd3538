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
            byte-identical JSON.

            Examples:
              headroom run Scenarios/startup-mvp.json
              headroom run Scenarios/startup-mvp.json --seed 7
              headroom run Scenarios/mmc-validation.json --format json --output results.json
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

    func run() throws {
        let loaded = try ScenarioLoader.load(path: scenario)
        let results: Results
        do {
            results = try Headroom.run(loaded, seed: seed)
        } catch {
            throw ScenarioError(file: scenario, diagnostics: error.diagnostics)
        }
        let report = format == .json ? JSONReport.render(results) : TextReport.render(results)
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

import ArgumentParser
import Foundation
import Headroom
import HeadroomRunner

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

    @Argument(help: "The scenario file (JSON).", completion: .file(extensions: ["json"]))
    var scenario: String

    /// `--format`, `--seed`, `--output`: shared with Swift scenario executables.
    @OptionGroup var options: RunOptions

    func run() throws {
        let loaded = try ScenarioLoader.load(path: scenario)
        try ScenarioRunner.run(loaded, file: scenario, options: options)
    }
}

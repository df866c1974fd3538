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
            Statistics exclude the scenario's warm-up; a scenario that sets none has it found by \
            MSER-5 on a pilot run. The same scenario and seed always give byte-identical JSON, \
            whatever --jobs. Every run is judged against the scenario's SLA objectives (or the \
            defaults: p95 ≤ 200 ms, availability ≥ 99.9 %, success rate ≥ 99.5 %); a failed \
            objective makes the exit code 3. With --replications, each objective is judged on its \
            95 % interval: exit 3 when it lies on the wrong side, 5 when it straddles the target. \
            With --ramp, the load is scaled up (or down) step by step until an objective fails, to \
            find the architecture's capacity and headroom.

            Examples:
              headroom run Scenarios/startup-mvp.json
              headroom run Scenarios/startup-mvp.json --seed 7
              headroom run Scenarios/mmc-validation.json --format json --output results.json
              headroom run Scenarios/startup-mvp.json --ramp --duration 2m --warmup 20s
              headroom run Scenarios/startup-mvp.json --replications 10 --set components.app.instances=3
            """
    )

    @Argument(help: "The scenario file (JSON).", completion: .file(extensions: ["json"]))
    var scenario: String

    /// `--format`, `--seed`, `--output`, `--duration`, `--warmup`, `--ramp`: shared with Swift scenario executables.
    @OptionGroup var options: RunOptions

    func run() throws {
        let loaded = try ScenarioLoader.load(path: scenario, overrides: options.experiment.set)
        try ScenarioRunner.run(loaded.scenario, file: scenario, options: options, setsWarmup: loaded.setsWarmup)
    }
}

import ArgumentParser
import Headroom
import HeadroomRunner

/// `headroom`: the root command.
struct HeadroomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headroom",
        abstract: "Capacity planning by discrete-event simulation: how much load does an architecture carry, how fast, and what breaks first.",
        discussion: """
            Describe an architecture (load balancers, service pools, databases) and its traffic in a \
            JSON scenario file, then simulate it.

            Examples:
              headroom run Scenarios/startup-mvp.json
              headroom run Scenarios/startup-mvp.json --format json --seed 7 --output results.json
              headroom validate Scenarios/*.json
              headroom schema --output scenario.schema.json
              headroom estimate --dau 1000000 --requests-per-user 20 --peak-multiplier 3
              headroom check Scenarios/ --baseline Scenarios/baseline.json

            Exit codes: 0 success, 1 failure (e.g. output not writable), 2 bad input \
            (invalid scenario or command line), 3 an SLA objective failed, 4 a metric regressed \
            against its baseline, 5 inconclusive (the replications could not decide), 130 \
            interrupted (Ctrl-C).
            """,
        version: HeadroomVersion.current,
        subcommands: [RunCommand.self, CheckCommand.self, EstimateCommand.self, ValidateCommand.self, SchemaCommand.self, AdviseCommand.self]
    )
}

/// A failure that is not the user's input (exit code 1); shared with Swift scenario executables.
typealias CLIFailure = CommandFailure

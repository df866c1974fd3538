import ArgumentParser

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

            Exit codes: 0 success, 1 failure (e.g. output not writable), 2 bad input \
            (invalid scenario or command line).
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, AdviseCommand.self]
    )
}

/// A failure that is not the user's input (exit code 1).
struct CLIFailure: Error {
    var message: String
}

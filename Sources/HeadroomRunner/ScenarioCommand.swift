import ArgumentParser
import Foundation
import Headroom

/// The command line of a Swift scenario executable: the options of `headroom run`
/// (`--format`, `--seed`, `--output`) plus `--emit-json FILE`.
///
/// A scenario package's `main.swift` is one call:
///
/// ```swift
/// import Headroom
/// import HeadroomRunner
///
/// ScenarioCommand.main {
///     try Scenario("tiny", duration: .minutes(10), traffic: .poisson(rate: 100)) { … }
/// }
/// ```
public struct ScenarioCommand: ParsableCommand {
    /// Named after the executable, so `--help` shows the name the user typed.
    public static let configuration = CommandConfiguration(
        commandName: CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent },
        abstract: "Simulate the scenario described in this program's Swift code, as `headroom run` simulates a JSON file.",
        discussion: """
            Options and exit codes are those of `headroom run` (0 success, 1 output not writable, \
            2 invalid scenario or command line, 3 an SLA objective failed, 5 inconclusive, 130 \
            interrupted). --emit-json writes the scenario in the JSON \
            format instead of simulating it ("-" for standard output).

            Examples:
              swift run -c release MyScenario
              swift run -c release MyScenario --format json --seed 7 --output results.json
              swift run -c release MyScenario --emit-json my-scenario.json
            """
    )

    /// `--format`, `--seed` and `--output`, as `headroom run` takes them.
    @OptionGroup public var options: RunOptions

    /// Where to write the scenario as JSON instead of simulating it.
    @Option(
        name: .customLong("emit-json"), help: ArgumentHelp("Write the scenario as JSON to this file (\"-\" for standard output) instead of simulating it.", valueName: "file"))
    public var emitJSON: String?

    /// Options with their defaults.
    public init() {}

    /// Parses the command line, builds the scenario, runs or emits it, and exits with the status
    /// `headroom run` would (see ``ExitStatus``). The scenario is built after parsing, so `--help`
    /// works whatever it holds.
    public static func main(scenario: () throws -> Scenario) -> Never {
        ExitStatus.exit(running: {
            let command = try parse()
            let built = try scenario()
            try command.execute(built)
        }, command: Self.self)
    }

    /// Runs or emits `scenario` as the options say.
    public func execute(_ scenario: Scenario) throws {
        if let emitJSON {
            try ScenarioRunner.write(ScenarioEncoder.encode(scenario).rendered() + "\n", to: emitJSON == "-" ? nil : emitJSON)
        } else {
            try ScenarioRunner.run(scenario, file: scenario.name, options: options)
        }
    }
}

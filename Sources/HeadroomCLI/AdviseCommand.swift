import ArgumentParser
import Foundation
import Headroom
import HeadroomRunner

#if canImport(Glibc)
import Glibc
#endif

/// `headroom advise`: the architecture advisor.
struct AdviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "Answer a short questionnaire; get a recommended architecture, its supporting pieces and a sized starter scenario.",
        discussion: """
            On a terminal the questions come one at a time (arrow keys or numbers; b goes back; \
            Ctrl-C quits). In scripts and CI give the answers as a JSON file with --answers \
            (format: docs/advisor.md); questions it leaves out take their defaults.

            Examples:
              headroom advise
              headroom advise --answers answers.json --write-scenario starter.json --simulate
              headroom advise --answers answers.json --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Read the answers from this JSON file (- for standard input) instead of asking.", completion: .file(extensions: ["json"]))
    var answers: String?

    @Option(help: "Result format: text or json.")
    var format: Format = .text

    @Option(name: .customLong("write-scenario"), help: "Write the starter scenario to this file (atomically).", completion: .file(extensions: ["json"]))
    var writeScenario: String?

    @Flag(help: "Simulate the starter scenario and report its throughput and latency.")
    var simulate = false

    func run() throws {
        let given: AdvisorAnswers
        if let answers {
            given = try AnswersReader.load(path: answers)
        } else {
            given = Self.askInteractively()
        }
        let advice = Advisor.advise(given)
        let scenario = advice.starter.scenario
        let problems = ScenarioValidator.validate(scenario)
        guard problems.isEmpty else {
            throw CLIFailure(message: "the starter scenario is invalid (a bug in the advisor): \(problems.map(\.description).joined(separator: "; "))")
        }
        if let writeScenario {
            do {
                try AtomicFile.write(ScenarioEncoder.encode(scenario).rendered(pretty: true) + "\n", to: writeScenario)
            } catch {
                throw CLIFailure(message: "cannot write \(writeScenario): \(error)")
            }
        }
        var results: Results?
        if simulate {
            do {
                results = try Headroom.run(scenario)
            } catch {
                throw CLIFailure(message: "the starter scenario did not run: \(error)")
            }
        }
        let report = format == .json
            ? AdviceReport.renderJSON(advice, scenarioPath: writeScenario, simulation: results)
            : AdviceReport.text(advice, scenarioPath: writeScenario, simulation: results)
        try ScenarioRunner.write(report, to: nil)
    }

    func validate() throws {
        if writeScenario == "-" {
            throw ValidationError("--write-scenario -: standard output carries the advice; give a file name (headroom run FILE runs it)")
        }
    }

    /// Runs the questionnaire on the terminal; exits 2 without one, 130 on Ctrl-C.
    static func askInteractively() -> AdvisorAnswers {
        guard var terminal = RawTerminal.open() else {
            StandardStreams.writeError(Self.notATerminal + "\n")
            Glibc.exit(ExitStatus.badInput)
        }
        let colors = isatty(terminal.output) == 1 && TerminalStyle.colorsSupported(environment: ProcessInfo.processInfo.environment)
        var session = AdvisorSession(style: TerminalStyle(colors: colors))
        let outcome = session.run(on: &terminal)
        terminal.restore()
        switch outcome {
        case .completed(let answers): return answers
        case .interrupted: Glibc.exit(130)
        case .endOfInput: Glibc.exit(ExitStatus.badInput)
        }
    }

    /// The message when there is no terminal to ask on and no --answers.
    static let notATerminal = "error: headroom advise asks its questions on a terminal, and standard input is not one; give the answers with --answers FILE (format: docs/advisor.md)"
}

import ArgumentParser
import Foundation
import Headroom
import HeadroomRunner

/// `headroom validate`: check scenario files without simulating them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files without simulating them, and describe each component of the valid ones.",
        discussion: """
            Every problem of every file is listed on standard error exactly as `headroom run` \
            lists it (FILE: json.path: message). A valid file gets a one-line summary and one \
            sentence per component on standard output. Exit code 0 when every file is valid, 2 \
            when any is not. With --format json, one JSON document on standard output holds \
            everything, problems included.

            Examples:
              headroom validate Scenarios/startup-mvp.json
              headroom validate Scenarios/*.json --format json
            """
    )

    @Argument(help: "The scenario files (JSON).", completion: .file(extensions: ["json"]))
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: RunOptions.Format = .text

    /// One file's outcome.
    private enum Outcome {
        case valid(Scenario)
        case invalid(ScenarioError)
    }

    func run() throws {
        let outcomes: [(file: String, outcome: Outcome)] = files.map { file in
            do throws(ScenarioError) {
                return (file, .valid(try ScenarioLoader.load(path: file)))
            } catch {
                return (file, .invalid(error))
            }
        }
        var allValid = true
        var text = ""
        var reports: [JSONValue] = []
        for (file, outcome) in outcomes {
            switch outcome {
            case .valid(let scenario):
                text += Self.describe(scenario, file: file)
                reports.append(Self.report(scenario, file: file))
            case .invalid(let error):
                allValid = false
                if format == .text { StandardStreams.writeError(error.description + "\n") }
                reports.append(Self.report(error))
            }
        }
        if format == .json {
            let document = JSONValue.object([("valid", .bool(allValid)), ("files", .array(reports))])
            try ScenarioRunner.write(document.rendered() + "\n", to: nil)
        } else {
            try ScenarioRunner.write(text, to: nil)
        }
        if !allValid { throw ExitCode(ExitStatus.badInput) }
    }

    /// "FILE: valid · name: summary", then "  id: sentence" per component.
    /// User text in it is printable (control characters escaped; names and ids at most 64 characters).
    static func describe(_ scenario: Scenario, file: String) -> String {
        func shown(_ text: String) -> String { DiagnosticWording.printable(text) }
        var lines = ["\(shown(file)): valid · \(DiagnosticWording.printable(scenario.name, limit: 64)): \(shown(scenario.summary))"]
        lines += scenario.components.map { "  \(DiagnosticWording.printable($0.id, limit: 64)): \(shown($0.summary))" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func report(_ scenario: Scenario, file: String) -> JSONValue {
        .object([
            ("file", .string(file)), ("valid", true), ("name", .string(scenario.name)),
            ("summary", .string(scenario.summary)),
            ("components", .array(scenario.components.map { c in
                .object([("id", .string(c.id)), ("kind", .string(c.kind.rawValue)), ("summary", .string(c.summary))])
            })),
            ("diagnostics", []),
        ])
    }

    private static func report(_ error: ScenarioError) -> JSONValue {
        .object([
            ("file", .string(error.file)), ("valid", false),
            ("diagnostics", .array(error.diagnostics.map { d in
                .object([("path", .string(d.path)), ("message", .string(d.message))])
            })),
        ])
    }
}

import Foundation
import Headroom

/// The run-and-report path shared by `headroom run` and Swift scenario executables: simulate,
/// render in the chosen format, write to standard output or atomically to a file.
public enum ScenarioRunner {
    /// Runs `scenario` once with `options` and writes its report.
    ///
    /// - Parameter file: names the scenario in diagnostics.
    /// - Throws: ``ScenarioError`` when the scenario does not validate (exit 2), ``CommandFailure``
    ///   when the report cannot be written (exit 1).
    public static func run(_ scenario: Scenario, file: String, options: RunOptions) throws {
        let results: Results
        do {
            results = try Headroom.run(scenario, seed: options.seed)
        } catch {
            throw ScenarioError(file: file, diagnostics: error.diagnostics)
        }
        let report = options.format == .json ? JSONReport.render(results) : TextReport.render(results)
        try write(report, to: options.output)
    }

    /// Writes `text` to `path` atomically, or to standard output when `path` is nil.
    ///
    /// - Throws: ``CommandFailure`` ("cannot write PATH: reason") when the file cannot be written.
    public static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw CommandFailure(message: "cannot write \(path): \(error)")
        }
    }
}

/// A failure that is not the user's input, such as an unwritable output file (exit code 1).
public struct CommandFailure: Error, CustomStringConvertible {
    /// What went wrong, without a trailing period.
    public var message: String

    /// A failure saying `message`.
    public init(message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

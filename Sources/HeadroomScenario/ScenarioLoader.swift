import Foundation

/// Reads scenario files: JSON syntax, then a strict reading of every key, then ``ScenarioValidator``.
///
/// Every problem found is reported at once, each with the JSON path of the offending value:
/// `shop.json: components[1].instnces: unknown key "instnces"; did you mean "instances"?`.
/// The format is documented in `docs/scenario-format.md`.
public enum ScenarioLoader {
    /// Reads, decodes and validates the scenario file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let text: String
        switch readText(atPath: path) {
        case .success(let contents): text = contents
        case .failure(let problem):
            throw ScenarioError(file: path, diagnostics: [ScenarioDiagnostic(path: "", message: "cannot read the file: \(problem.reason)")])
        }
        return try decode(text: text, file: path)
    }

    /// Decodes and validates scenario JSON `text`; `file` names it in diagnostics.
    public static func decode(text: String, file: String) throws(ScenarioError) -> Scenario {
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw ScenarioError(file: file, diagnostics: [ScenarioDiagnostic(path: "", message: error.description)])
        }
        return try decode(json: json, file: file)
    }

    /// Reads and validates an already parsed document; `file` names it in diagnostics.
    public static func decode(json: JSONValue, file: String) throws(ScenarioError) -> Scenario {
        var reader = ScenarioReader()
        reader.baseDirectory = (file as NSString).deletingLastPathComponent
        let scenario = reader.readScenario(json)
        guard let scenario, reader.diagnostics.isEmpty else {
            let diagnostics = reader.diagnostics.isEmpty
                ? [ScenarioDiagnostic(path: "", message: "the scenario could not be read")]  // not expected: the reader reports why
                : reader.diagnostics
            throw ScenarioError(file: file, diagnostics: diagnostics)
        }
        let problems = ScenarioValidator.validate(scenario)
        guard problems.isEmpty else { throw ScenarioError(file: file, diagnostics: problems) }
        return scenario
    }

    /// Why a file could not be read.
    struct ReadProblem: Error {
        let reason: String
    }

    /// The file's text, or why it cannot be had.
    static func readText(atPath path: String) -> Result<String, ReadProblem> {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ReadProblem(reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(ReadProblem(reason: "it is a directory")) }
        guard files.isReadableFile(atPath: path) else { return .failure(ReadProblem(reason: "permission denied")) }
        guard let data = files.contents(atPath: path) else { return .failure(ReadProblem(reason: "it could not be read")) }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(ReadProblem(reason: "it is not UTF-8 text"))
        }
        return .success(text)
    }
}

import Foundation
import HeadroomScenario

/// Reads an answers file (`headroom advise --answers FILE`): strictly, collecting every problem
/// with its JSON path, worded like the scenario loader's diagnostics.
///
/// The file is one object whose keys are ``QuestionKey`` raw values; every key is optional (a
/// missing answer takes the question's default). Choices are given by id (`"small"`), numbers
/// as JSON numbers, durations as strings with a unit (`"200ms"`). The format is in docs/advisor.md.
public enum AnswersReader {
    /// Reads the answers file at `path` (`-` reads standard input).
    public static func load(path: String) throws(ScenarioError) -> AdvisorAnswers {
        let data: Data?
        if path == "-" {
            // readToEnd() throws where readDataToEndOfFile() traps (a closed standard input, `<&-`).
            do {
                data = try FileHandle.standardInput.readToEnd() ?? Data()
            } catch {
                throw problem(path, "cannot read standard input: \(Self.reason(error))")
            }
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw problem(path, "cannot read the file: no such file")
            }
            if isDirectory.boolValue { throw problem(path, "cannot read the file: it is a directory") }
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw problem(path, "cannot read the file: it could not be read") }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw problem(path, "cannot read the file: it is not UTF-8 text")
        }
        return try decode(text: text, file: path)
    }

    /// Reads answers from JSON `text`; `file` names it in diagnostics.
    public static func decode(text: String, file: String) throws(ScenarioError) -> AdvisorAnswers {
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw problem(file, error.description)
        }
        return try decode(json: json, file: file)
    }

    /// Reads answers from a parsed document; `file` names it in diagnostics.
    public static func decode(json: JSONValue, file: String) throws(ScenarioError) -> AdvisorAnswers {
        var diagnostics: [ScenarioDiagnostic] = []
        guard case .object(let object) = json else {
            throw ScenarioError(file: file, diagnostics: [
                ScenarioDiagnostic(path: "", message: "found \(DiagnosticWording.foundWrongType(json)); expected an object of answers")
            ])
        }
        let keys = QuestionKey.allCases.map(\.rawValue)
        // The keys given, once: looking each one up in the object per unknown key was quadratic
        // (an answers file with 10,000 unknown keys took 15–37 s).
        let given = Set(object.keys)
        let unused = keys.filter { !given.contains($0) }
        var values: [QuestionKey: AnswerValue] = [:]
        for member in object {
            guard let key = QuestionKey(rawValue: member.key) else {
                let hint = DiagnosticWording.nearest(to: member.key, among: unused).map { "; did you mean \(DiagnosticWording.quoted($0))?" }
                    ?? "; expected one of \(DiagnosticWording.quotedList(keys))"
                diagnostics.append(ScenarioDiagnostic(path: "", message: "unknown key \(DiagnosticWording.quotedShort(member.key))\(hint)"))
                continue
            }
            switch read(member.value, for: Questionnaire.question(key)) {
            case .success(let value): values[key] = value
            case .failure(let message): diagnostics.append(ScenarioDiagnostic(path: key.rawValue, message: message.message))
            }
        }
        guard diagnostics.isEmpty else { throw ScenarioError(file: file, diagnostics: diagnostics) }
        return AdvisorAnswers(values)
    }

    /// One answer, checked against its question.
    static func read(_ value: JSONValue, for question: AdvisorQuestion) -> Result<AnswerValue, InputProblem> {
        switch question.kind {
        case .choice(let choices, _):
            let ids = choices.map(\.id)
            guard case .string(let id) = value else {
                return .failure(InputProblem("found \(DiagnosticWording.foundWrongType(value)); expected one of \(DiagnosticWording.quotedList(ids))"))
            }
            guard ids.contains(id) else {
                return .failure(InputProblem("unknown choice \(DiagnosticWording.quotedShort(id))\(DiagnosticWording.suggestion(for: id, among: ids))"))
            }
            return .success(.choice(id))
        case .number(let range):
            guard case .number(let n) = value else {
                return .failure(InputProblem("found \(DiagnosticWording.foundWrongType(value)); expected \(range.expectation)"))
            }
            let v = n.double
            guard v.isFinite, v >= range.min, v <= range.max, !range.integer || v == v.rounded() else {
                return .failure(InputProblem("found \(n.text); expected \(range.expectation)"))
            }
            return .success(.number(v))
        case .duration(let range):
            guard case .string(let text) = value else {
                return .failure(InputProblem("found \(DiagnosticWording.foundWrongType(value)); expected \(range.expectation)"))
            }
            guard let span = TimeSpan(parsing: text), span >= range.min, span <= range.max else {
                return .failure(InputProblem("found \(DiagnosticWording.quotedShort(text)); expected \(range.expectation)"))
            }
            return .success(.duration(span))
        }
    }

    /// The system's reason behind a Foundation I/O error ("Bad file descriptor").
    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        guard let code = underlying?.code ?? ((error as NSError).domain == NSPOSIXErrorDomain ? (error as NSError).code : nil) else {
            return "it could not be read"
        }
        return String(cString: strerror(Int32(code)))
    }

    private static func problem(_ file: String, _ message: String) -> ScenarioError {
        ScenarioError(file: file, diagnostics: [ScenarioDiagnostic(path: "", message: message)])
    }
}

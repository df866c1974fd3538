import Foundation
import Headroom
import Testing

/// Scenario files that used to pass `validate` and crash `run` (or hang it, or eat its memory),
/// run end to end through the built binary: each now exits 2 with one line saying what is wrong.
@Suite("hostile scenario files, end to end", .serialized)
struct HostileInputTests {
    /// Scenarios/mmc-validation.json with `edit` applied.
    static func scenario(_ edit: (inout JSONValue) -> Void) throws -> String {
        var json = try JSONValue.parse(String(contentsOf: CLI.root.appendingPathComponent("Scenarios/mmc-validation.json"), encoding: .utf8))
        edit(&json)
        return json.rendered(pretty: true)
    }

    /// Sets `value` at a path of keys and indices.
    static func set(_ json: inout JSONValue, _ path: [Any], _ value: JSONValue) {
        func walk(_ node: JSONValue, _ rest: ArraySlice<Any>) -> JSONValue {
            guard let first = rest.first else { return value }
            switch (node, first) {
            case (.object(var object), let key as String):
                object[key] = walk(object[key] ?? .null, rest.dropFirst())
                return .object(object)
            case (.array(var array), let index as Int):
                array[index] = walk(array[index], rest.dropFirst())
                return .array(array)
            default:
                return node
            }
        }
        json = walk(json, path[...])
    }

    /// A file's name, its text, and the one diagnostic `run` and `validate` must print for it.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var message: String
        var description: String { name }
    }

    static let cases: [Case] = {
        func serviceTime(_ name: String, _ distribution: JSONValue, _ message: String) -> Case {
            Case(name: name, text: (try? scenario { set(&$0, ["components", 0, "serviceTime"], distribution) }) ?? "", message: message)
        }
        return [
            serviceTime("lognormal-cv-1e308", ["dist": "lognormal", "mean": "10ms", "cv": 1e308],
                        "components[0].serviceTime.cv: found 1e+308; expected a cv whose square is finite (at most about 1e154): with this one the variance is infinite and every draw is undefined"),
            serviceTime("weibull-shape-1e-6", ["dist": "weibull", "shape": 1e-6, "scale": "1ms"],
                        "components[0].serviceTime.shape: found 1e-06; expected a shape giving a finite mean: scale × Γ(1 + 1/shape) overflows with this one"),
            serviceTime("exponential-1e307s", ["dist": "exponential", "mean": "1e307s"],
                        "components[0].serviceTime: found an exponential distribution whose draws overflow (its 1 − 10⁻¹² quantile is infinite); expected parameters that keep every draw finite"),
            Case(name: "mix-sum-overflows", text: (try? scenario { json in
                set(&json, ["workload", "mix"], ["a": 1e308, "b": 1e308])
                set(&json, ["routes"], [["class": "a", "steps": [["call": "station"]]], ["class": "b", "steps": [["call": "station"]]]])
            }) ?? "", message: "workload.mix: found weights that sum to inf; expected weights with a finite total (only their ratios matter: 9 and 1 mean 90 % and 10 %)"),
            Case(name: "hexadecimal-duration", text: (try? scenario { set(&$0, ["duration"], "0x10s") }) ?? "",
                 message: #"duration: found "0x10s"; expected a decimal number with a unit, such as "250ms" (hexadecimal numbers are not durations)"#),
        ]
    }()

    @Test("run and validate refuse it with exit 2 and one line; no crash, no report", arguments: cases)
    func refused(_ c: Case) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(c.name).json")
        try c.text.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", file.path, "--output", dir.appendingPathComponent("out.json").path])
        #expect(run.status == 2, "\(c.name): exit \(run.status)")
        #expect(run.stderr == "\(file.path): \(c.message)\n", "\(c.name)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [file.lastPathComponent])
        let validate = try CLI.run(["validate", file.path, "--format", "json"])
        #expect(validate.status == 2)
        let diagnostics = try JSONValue.parse(validate.stdout)["files"]?[0]?["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.map { "\($0["path"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")" } == [c.message], "\(c.name)")
    }
}

import Foundation
import Testing

@testable import HeadroomScenario

/// Scenario files written to break the loader: hexadecimal durations, 10 MB values, control
/// characters. Each gets one clear diagnostic of bounded size, never a crash or a wrong value.
@Suite("Hostile scenario files")
struct HostileScenarioTests {
    typealias F = Fixtures

    @Test("a duration is a decimal number with a unit: hexadecimal, inf, nan and + are not", arguments: [
        ("0x10s", #"s.json: duration: found "0x10s"; expected a decimal number with a unit, such as "250ms" (hexadecimal numbers are not durations)"#),
        ("0X1Ams", #"s.json: duration: found "0X1Ams"; expected a decimal number with a unit, such as "250ms" (hexadecimal numbers are not durations)"#),
        ("0x1p3s", #"s.json: duration: found "0x1p3s"; expected a decimal number with a unit, such as "250ms" (hexadecimal numbers are not durations)"#),
        ("infs", #"s.json: duration: found "infs"; expected a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#),
        ("nan s", #"s.json: duration: found "nan s"; expected a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#),
        ("+5s", #"s.json: duration: found "+5s"; expected a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#),
        ("5e", #"s.json: duration: found "5e"; expected a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#),
        ("1e999s", #"s.json: duration: found "1e999s"; expected a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#),
        ("-5s", #"s.json: duration: found "-5s"; expected a duration > 0"#),
    ])
    func nonDecimalDurations(_ text: String, _ message: String) {
        #expect(F.diagnostics(F.minimal("duration", .string(text))) == [message])
    }

    @Test("decimal forms of a duration all parse to the same span", arguments: [
        ("10m", 600.0), ("600s", 600), ("600.s", 600), ("600.0s", 600), ("6e2s", 600), ("6E+2s", 600), ("600000ms", 600),
        (".5m", 30), ("0.5m", 30), (" 10 m ", 600), ("6e5ms", 600), ("1E-3s", 0.001),
    ])
    func decimalDurations(_ text: String, _ seconds: Double) {
        #expect(TimeSpan(parsing: text)?.seconds == seconds, "\(text)")
    }

    @Test("decimalValue follows the grammar exactly", arguments: [
        ("0", 0.0), ("-0", 0), ("12", 12), ("1.5", 1.5), (".5", 0.5), ("5.", 5), ("1e3", 1_000), ("1E-3", 0.001), ("2e+2", 200),
    ])
    func decimalValues(_ text: String, _ value: Double) {
        #expect(TimeSpan.decimalValue(text) == value, "\(text)")
    }

    @Test("decimalValue refuses what is not a decimal number", arguments: [
        "", "-", ".", "+1", "0x10", "0x1p3", "inf", "-inf", "nan", "infinity", "1e", "1e+", "1..2", "1.2.3", "1 2", "١٢", "1_000", "e5",
    ])
    func notDecimal(_ text: String) {
        #expect(TimeSpan.decimalValue(text) == nil, "\(text)")
    }

    /// A string of `count` copies of `character`.
    static func long(_ count: Int, _ character: Character = "a") -> String { String(repeating: character, count: count) }

    @Test("a 10 MB value is quoted in at most a line, whatever it is", arguments: [
        ("name", JSONValue.string(long(10_000_000, " "))),
        ("kind", .string(long(10_000_000))),
        ("id", .string(long(10_000_000, "-") + "é")),
    ])
    func hugeComponentValues(_ key: String, _ value: JSONValue) throws {
        let document: JSONValue = key == "name"
            ? F.minimal("name", value)
            : F.withComponent(["id": key == "id" ? value : "api", "kind": key == "kind" ? value : "service", "serviceTime": "20ms"])
        let lines = F.diagnostics(document)
        #expect(lines != ["OK"])
        for line in lines {
            #expect(line.count <= "s.json: ".count + ScenarioDiagnostic.maximumPathLength + 2 + ScenarioDiagnostic.maximumMessageLength, "\(line.prefix(200))")
        }
    }

    @Test("a 10 MB key, number or duplicate is quoted shortened", arguments: [
        ("{\"name\": \"n\", \"\(long(10_000_000))\": 1}", #"s.json: unknown key "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"; expected one of "name", "description", "seed", "duration", "warmup", "workload", "components", "routes", "sla""#),
        // The second key's quote is byte 1,000,008: `{"` + the key + `": 1, ` before it.
        ("{\"\(long(1_000_000))\": 1, \"\(long(1_000_000))\": 2}", #"s.json: line 1, column 1000009: duplicate key "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…" (first at line 1, column 2)"#),
        ("[1\(long(400, "0"))]", "s.json: line 1, column 2: number 1\(long(38, "0"))… is too large"),
        ("{\"seed\": 0.\(long(1_000_000, "0"))1}", ""),
    ])
    func hugeSyntax(_ text: String, _ first: String) throws {
        let lines = F.diagnostics(text)
        if !first.isEmpty { #expect(lines.first == first) }
        for line in lines { #expect(line.count < 1_000, "\(line.prefix(200))") }
    }

    @Test("a mix class with a huge name shortens in the path too")
    func hugePathKey() {
        let name = Self.long(1_000_000, "x") + " y"
        let lines = F.diagnostics(F.minimal("workload", ["rate": 10, "mix": .object([(name, JSONValue.int(1))])]))
        #expect(lines.contains { $0.hasPrefix(#"s.json: workload.mix["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"]: no route has class "xxx"#) }, "\(lines.map { $0.prefix(120) })")
        for line in lines { #expect(line.count < 1_000) }
    }

    @Test("a capped message keeps its start and its end")
    func capping() {
        let diagnostic = ScenarioDiagnostic(path: Self.long(1_000, "p"), message: "found " + Self.long(5_000, "v") + "; expected the end")
        #expect(diagnostic.path.count == ScenarioDiagnostic.maximumPathLength)
        #expect(diagnostic.message.count == ScenarioDiagnostic.maximumMessageLength)
        #expect(diagnostic.message.hasPrefix("found vvv"))
        #expect(diagnostic.message.hasSuffix("vvv; expected the end"))
        #expect(diagnostic.message.contains(" … "))
        let short = ScenarioDiagnostic(path: "a.b", message: "found 1; expected 2")
        #expect(short.description == "a.b: found 1; expected 2")
    }

    @Test("control characters in found values are escaped, never written raw")
    func controlCharacters() {
        let lines = F.diagnostics(F.withComponent(["id": "a\u{1B}[31mred\u{07}\u{0}", "kind": "service", "serviceTime": "20ms"]))
        #expect(lines.contains(#"s.json: components[0].id: found "a\u001b[31mred\u0007\u0000"; expected an id made of letters, digits, "_", "." and "-""#), "\(lines)")
        for line in lines { #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(line)") }
    }
}

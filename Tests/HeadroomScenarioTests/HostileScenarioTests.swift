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
        ("{\"name\": \"n\", \"\(long(10_000_000))\": 1}", #"s.json: unknown key "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"; expected one of "name", "description", "seed", "duration", "warmup", "timeBucket", "workload", "components", "routes", "sla""#),
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

    /// Distributions whose parameters are each in range but whose mean or draws overflow, and what is said.
    static let overflowing: [(distribution: JSONValue, message: String)] = [
        (["dist": "lognormal", "mean": "10ms", "cv": 1e308],
         #"s.json: components[0].serviceTime.cv: found 1e+308; expected a cv whose square is finite (at most about 1e154): with this one the variance is infinite and every draw is undefined"#),
        (["dist": "weibull", "shape": 1e-6, "scale": "1ms"],
         #"s.json: components[0].serviceTime.shape: found 1e-06; expected a shape giving a finite mean: scale × Γ(1 + 1/shape) overflows with this one"#),
        (["dist": "pareto", "shape": 1.0000000000000002, "scale": "1e300s"],
         #"s.json: components[0].serviceTime.shape: found 1.0000000000000002; expected a shape giving a finite mean: shape × scale / (shape − 1) overflows with this one"#),
        (["dist": "lognormal", "median": "1ns", "p99": "1e300s"],
         #"s.json: components[0].serviceTime.p99: found "2.777777777777778e+296h"; expected a p99 close enough to the median for a finite mean: median·e^(σ²/2) with σ = ln(p99/median)/2.326 overflows"#),
        (["dist": "normal", "mean": "1e300s", "stddev": "1e308s"],
         #"s.json: components[0].serviceTime: found a normal distribution whose draws overflow (the mean plus 10 standard deviations is infinite); expected parameters that keep every draw finite"#),
        (["dist": "weibull", "shape": 0.05, "scale": "1e285s"],
         #"s.json: components[0].serviceTime: found a weibull distribution whose draws overflow (its 1 − 10⁻¹² quantile is infinite); expected parameters that keep every draw finite"#),
        (["dist": "exponential", "mean": "1e307s"],
         #"s.json: components[0].serviceTime: found an exponential distribution whose draws overflow (its 1 − 10⁻¹² quantile is infinite); expected parameters that keep every draw finite"#),
        (["dist": "gamma", "shape": 1e-300, "mean": "1e10s"],
         #"s.json: components[0].serviceTime: found a gamma distribution whose draws overflow (its 1 − 10⁻¹² quantile is infinite); expected parameters that keep every draw finite"#),
        (["dist": "lognormal", "mean": "1e300s", "cv": 10],
         #"s.json: components[0].serviceTime: found a lognormal distribution whose draws overflow (e^(μ + 10σ) is infinite); expected parameters that keep every draw finite"#),
        ]

    @Test("a distribution whose mean or draws overflow is refused, with the reason", arguments: overflowing)
    func overflowingDistributions(_ distribution: JSONValue, _ message: String) {
        #expect(F.diagnostics(F.withServiceTime(distribution)) == [message])
    }

    /// Extreme distributions that are still finite.
    static let extreme: [JSONValue] = [
        ["dist": "lognormal", "mean": "1ms", "cv": 1e150],
        ["dist": "weibull", "shape": 0.01, "scale": "1ms"],
        ["dist": "pareto", "shape": 1.001, "scale": "1ms"],
        ["dist": "gamma", "shape": 1e-300, "mean": "1s"],
        ["dist": "normal", "mean": "1ms", "stddev": "1h"],
        ["dist": "lognormal", "median": "1ms", "p99": "10s"],
        ]

    @Test("extreme but finite distributions stay valid: rare huge draws are the model's business", arguments: extreme)
    func extremeButFinite(_ distribution: JSONValue) {
        #expect(F.diagnostics(F.withServiceTime(distribution)) == ["OK"])
    }

    @Test("the draw bounds are the closed forms: exponential, Weibull and Pareto quantiles, gamma's χ² bound")
    func drawBounds() {
        let x = -log(1e-12)  // 27.631…
        #expect(abs(DrawBounds(.exponential(mean: .seconds(2))).largest - 2 * 27.631_021_115_928_547) < 1e-9)
        #expect(abs(DrawBounds(.weibull(shape: 2, scale: .seconds(1))).largest - x.squareRoot()) < 1e-12)
        #expect(abs(DrawBounds(.pareto(shape: 3, scale: .seconds(1))).largest - 1e4) < 1e-9)
        // Gamma(1, 1) is Exp(1): its true 1 − 10⁻¹² quantile, 27.63, lies under the bound (taken at shape 2).
        let gamma = DrawBounds(.gamma(shape: 1, mean: .seconds(1))).largest
        #expect(gamma > 27.631 && abs(gamma - (2 + (4 * x).squareRoot() + x)) < 1e-9)
        #expect(DrawBounds(.weibull(shape: 1e-6, scale: .milliseconds(1))).mean == .infinity)
        #expect(abs(DrawBounds(.weibull(shape: 0.5, scale: .seconds(1))).mean - 2) < 1e-12)  // Γ(3) = 2
        #expect(DrawBounds(.empiricalHistogram([.init(upTo: .seconds(2), weight: 1), .init(upTo: .seconds(4), weight: 3)])).mean == 2.5)
    }

    @Test("mix weights whose sum overflows are refused; each weight alone is fine")
    func overflowingMix() {
        let document = F.minimal([
            ("workload", ["rate": 10, "mix": ["a": 1e308, "b": 1e308]]),
            ("routes", [["class": "a", "steps": [["call": "api"]]], ["class": "b", "steps": [["call": "api"]]]]),
        ])
        #expect(F.diagnostics(document) == [
            "s.json: workload.mix: found weights that sum to inf; expected weights with a finite total (only their ratios matter: 9 and 1 mean 90 % and 10 %)"
        ])
        let scaled = F.minimal([
            ("workload", ["rate": 10, "mix": ["a": 1e307, "b": 1e307]]),
            ("routes", [["class": "a", "steps": [["call": "api"]]], ["class": "b", "steps": [["call": "api"]]]]),
        ])
        #expect(F.diagnostics(scaled) == ["OK"])
    }
}

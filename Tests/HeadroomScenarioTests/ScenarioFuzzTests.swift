import Testing

@testable import HeadroomScenario

/// Mutates a valid scenario file thousands of times and checks the loader's contract on each:
/// it never crashes, and it either returns a scenario that validates (and round-trips) or throws
/// a `ScenarioError` whose every line names the file.
@Suite("Scenario loader fuzzing")
struct ScenarioFuzzTests {
    static let iterationsPerSeed = 300

    /// What the runs of one seed produced, to check the fuzzer reaches every stage of the loader.
    struct Outcomes {
        var loaded = 0
        var syntaxErrors = 0
        var scenarioErrors = 0
    }

    @Test("mutated scenario files load or fail cleanly", arguments: 0..<8 as Range<UInt64>)
    func fuzz(seed: UInt64) throws {
        var rng = SplitMix64(seed: 0xF0F0 &+ seed)
        let original = Array(Fixtures.richText.utf8)
        var outcomes = Outcomes()
        for iteration in 0..<Self.iterationsPerSeed {
            var bytes = original
            // Half the files get any edit; a quarter only value-level edits, which keep the JSON
            // well-formed more often and so exercise the reader and the validator; a quarter only
            // gentle edits, which mostly keep the scenario valid and so exercise the round trip.
            let mode = Mode.allCases[iteration % 4 == 3 ? 2 : iteration % 4 == 2 ? 1 : 0]
            for _ in 0...(rng.next() % 3) { Self.mutate(&bytes, mode: mode, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            check(text, seed: seed, iteration: iteration, outcomes: &outcomes)
        }
        #expect(outcomes.loaded > 0, "seed \(seed): no mutation kept the file valid")
        #expect(outcomes.syntaxErrors > 0, "seed \(seed): no syntax errors")
        #expect(outcomes.scenarioErrors > 0, "seed \(seed): no reader or validator errors")
    }

    private func check(_ text: String, seed: UInt64, iteration: Int, outcomes: inout Outcomes) {
        do {
            let scenario = try ScenarioLoader.decode(text: text, file: "fuzz.json")
            outcomes.loaded += 1
            #expect(ScenarioValidator.validate(scenario) == [], "seed \(seed), iteration \(iteration)")
            let again = try? ScenarioLoader.decode(text: ScenarioEncoder.encode(scenario).rendered(), file: "again.json")
            #expect(again == scenario, "seed \(seed), iteration \(iteration): round trip changed the scenario")
        } catch {
            #expect(!error.diagnostics.isEmpty, "seed \(seed), iteration \(iteration)")
            #expect(error.file == "fuzz.json")
            for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(line.hasPrefix("fuzz.json: ") && line.count > "fuzz.json: ".count, "seed \(seed), iteration \(iteration): \(line)")
            }
            if error.diagnostics.count == 1, error.diagnostics[0].message.hasPrefix("line ") {
                outcomes.syntaxErrors += 1
            } else {
                outcomes.scenarioErrors += 1
            }
        }
    }

    /// Bytes worth writing over others: JSON punctuation, digits, letters, escapes, invalid UTF-8.
    static let interestingBytes: [UInt8] = Array("{}[]\",:\\/-+.0123456789eEtfnulasmµ \n\t".utf8) + [0x00, 0x1F, 0x80, 0xFF]

    /// Values worth writing over others: every JSON type, wrong units, edge numbers.
    static let replacements: [String] = [
        "null", "true", "false", "[]", "{}", "0", "-1", "1", "0.5", "2.5", "1e400", "18446744073709551616", "\"\"",
        "\"x\"", "\"5ms\"", "\"-5ms\"", "\"0s\"", "\"5\"", "\"api\"", "\"lb\"", "\"db\"", "\"service\"", "\"loadBalancer\"",
        "\"exponential\"", "\"pareto\"", "[\"api\"]", "{\"call\": \"api\"}", "{\"dist\": \"constant\"}", "\"read\"",
        // Hostile values (issue 13): the edges of Double and Int32, hexadecimal and enormous durations.
        "1e308", "1.7976931348623157e308", "5e-324", "2147483648", "\"0x10s\"", "\"1e300h\"", "\"1.7976931348623157e308s\"", "\"infs\"",
    ]

    /// Which edits a file gets.
    enum Mode: CaseIterable {
        case any, valueLevel, gentle
    }

    static func mutate(_ bytes: inout [UInt8], mode: Mode, using rng: inout SplitMix64) {
        guard !bytes.isEmpty else {
            bytes = Array("{}".utf8)
            return
        }
        func position(_ rng: inout SplitMix64) -> Int { Int(rng.next() % UInt64(bytes.count)) }
        if mode == .gentle {
            if rng.next() % 2 == 0 {  // a number becomes a small integer
                let numbers = tokenSpans(bytes).filter { Array("-0123456789".utf8).contains(bytes[$0.lowerBound]) }
                guard !numbers.isEmpty else { return }
                bytes.replaceSubrange(numbers[Int(rng.next() % UInt64(numbers.count))], with: Array(String(rng.next() % 5 + 1).utf8))
            } else {  // whitespace after punctuation
                let marks = bytes.indices.filter { bytes[$0] == UInt8(ascii: ",") || bytes[$0] == UInt8(ascii: ":") }
                guard !marks.isEmpty else { return }
                bytes.insert(contentsOf: Array(" \n\t\r".utf8), at: marks[Int(rng.next() % UInt64(marks.count))] + 1)
            }
            return
        }
        switch mode == .valueLevel ? 4 + rng.next() % 3 : rng.next() % 7 {
        case 0:  // overwrite a byte
            bytes[position(&rng)] = interestingBytes[Int(rng.next() % UInt64(interestingBytes.count))]
        case 1:  // delete a span
            let start = position(&rng)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + Int(rng.next() % 24)))
        case 2:  // truncate
            bytes.removeSubrange(position(&rng)...)
        case 3:  // duplicate a span somewhere else
            let start = position(&rng)
            let span = Array(bytes[start..<min(bytes.count, start + 1 + Int(rng.next() % 40))])
            bytes.insert(contentsOf: span, at: position(&rng))
        case 4:  // swap two values
            let tokens = tokenSpans(bytes)
            guard tokens.count >= 2 else { return }
            var a = tokens[Int(rng.next() % UInt64(tokens.count))]
            var b = tokens[Int(rng.next() % UInt64(tokens.count))]
            if a.lowerBound > b.lowerBound { swap(&a, &b) }
            guard a.upperBound <= b.lowerBound else { return }
            let first = Array(bytes[a]), second = Array(bytes[b])
            bytes.replaceSubrange(b, with: first)
            bytes.replaceSubrange(a, with: second)
        case 5:  // replace a value with another of any type
            let tokens = tokenSpans(bytes)
            guard !tokens.isEmpty else { return }
            let target = tokens[Int(rng.next() % UInt64(tokens.count))]
            bytes.replaceSubrange(target, with: Array(replacements[Int(rng.next() % UInt64(replacements.count))].utf8))
        default:  // insert an unknown or misspelt member after an opening brace
            let braces = bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") }
            guard !braces.isEmpty else { return }
            let key = ["\"instnces\"", "\"extra\"", "\"dist\"", "\"then\"", "\"weight\"", "\"call\""][Int(rng.next() % 6)]
            bytes.insert(contentsOf: Array("\(key): 1, ".utf8), at: braces[Int(rng.next() % UInt64(braces.count))] + 1)
        }
    }

    private static let delimiters = Set("{}[],:\"".utf8)

    /// The byte ranges of the strings, numbers and literals in a (possibly broken) JSON text.
    static func tokenSpans(_ bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                let end = min(j + 1, bytes.count)
                spans.append(i..<end)
                i = end
            } else if b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) {
                var j = i + 1
                while j < bytes.count, bytes[j] > 0x20, !delimiters.contains(bytes[j]) { j += 1 }
                spans.append(i..<j)
                i = j
            } else {
                i += 1
            }
        }
        return spans
    }
}

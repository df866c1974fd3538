import Foundation
import Testing

/// `headroom estimate` with every option set, in turn, to every hostile value of its type,
/// through the built binary: it must answer (exit 0 with a finite report) or refuse (exit 2 with
/// "Error: …"), quickly — never trap, hang or print a silent nothing.
@Suite("headroom estimate fuzzing, end to end")
struct EstimateFuzzTests {
    /// Two full command lines: traffic, storage, bandwidth and sizing; and sizing for a given rate.
    static let bases: [[String: String]] = [
        ["--dau": "1000000", "--requests-per-user": "20", "--peak-multiplier": "3", "--data-per-user-kb": "10", "--years": "5",
         "--growth": "0.2", "--response-kb": "50", "--service-time": "40ms", "--latency-objective": "200ms", "--percentile": "95",
         "--workers-per-instance": "8"],
        ["--rps": "1000", "--service-time": "40ms", "--latency-objective": "200ms"],
    ]

    /// Hostile values for number options: zero, signs, the smallest and largest doubles and past
    /// them, infinities, NaN, hexadecimal, Int64's edge, text.
    static let numbers = [
        "0", "-0", "-1", "1e-300", "5e-324", "1e15", "1e308", "1.7976931348623157e308", "1e400", "inf", "-inf", "nan",
        "0x10", "9223372036854775807", "9223372036854775808", "99.99999999999999", "", "abc", "1,000",
    ]

    /// Hostile values for duration options.
    static let durations = [
        "0s", "-1s", "1ns", "1e-300s", "5e-324s", "1e300h", "1e308d", "0x10ms", "infs", "nanms", "5", "", "1 ms", "1e400s", "99999999999999999999d",
    ]

    static let durationOptions: Set = ["--service-time", "--latency-objective"]
    static let allOptions = [
        "--dau", "--requests-per-user", "--peak-multiplier", "--data-per-user-kb", "--years", "--growth", "--response-kb", "--rps",
        "--service-time", "--latency-objective", "--percentile", "--workers-per-instance",
    ]

    /// Every command line: each base with one option set (or added) to each hostile value of its type.
    static let commandLines: [[String]] = bases.flatMap { base in
        allOptions.flatMap { option in
            (durationOptions.contains(option) ? durations : numbers).map { value in
                var options = base
                options[option] = value
                return ["estimate"] + options.sorted { $0.key < $1.key }.flatMap { ["\($0.key)=\($0.value)"] }
            }
        }
    }

    @Test("every hostile option value is answered or refused, never a crash or a hang")
    func fuzz() throws {
        let lines = Self.commandLines
        #expect(lines.count == 2 * (10 * Self.numbers.count + 2 * Self.durations.count))
        let results = CLI.runAll(lines)
        var answered = 0, refused = 0
        for (i, line) in lines.enumerated() {
            guard let (result, seconds) = results[i] else {
                Issue.record("\(line): did not run")
                continue
            }
            #expect(seconds < 10, "\(line): \(seconds) s")
            switch result.status {
            case 0:
                answered += 1
                #expect(!result.stdout.isEmpty, "\(line): exit 0 with nothing printed")
                #expect(!result.stdout.contains("inf") && !result.stdout.contains("nan"), "\(line): \(result.stdout)")
            case 2:
                refused += 1
                #expect(result.stderr.hasPrefix("Error: "), "\(line): \(result.stderr)")
            default:
                Issue.record("\(line): exit \(result.status)\n\(result.stderr.prefix(500))")
            }
        }
        // Both outcomes happen: the fuzz reaches the formulas, not only the option checks.
        #expect(answered > 20 && refused > 200, "answered \(answered), refused \(refused)")
    }
}

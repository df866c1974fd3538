import Foundation
import HeadroomScenario

/// Reads what a person typed at a question: `50k`, `1,500,000`, `2M`, `200ms`, `0.5s`.
public enum AnswerInput {
    /// The answer `text` gives to `question`, or the message telling the person what to type.
    public static func parse(_ text: String, for question: AdvisorQuestion) -> Result<AnswerValue, InputProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch question.kind {
        case .choice(let choices, _):
            if let n = Int(trimmed), choices.indices.contains(n - 1) { return .success(.choice(choices[n - 1].id)) }
            if let match = choices.first(where: { $0.id.lowercased() == trimmed.lowercased() }) { return .success(.choice(match.id)) }
            return .failure(InputProblem("Please choose a number from 1 to \(choices.count)."))
        case .number(let range):
            guard let value = number(trimmed), value.isFinite else {
                return .failure(InputProblem("Please enter \(range.expectation) (for example \(example(range)))."))
            }
            guard value >= range.min, value <= range.max, !range.integer || value == value.rounded() else {
                return .failure(InputProblem("\(Format.number(value, decimals: 6)) is out of range: please enter \(range.expectation)."))
            }
            return .success(.number(value))
        case .duration(let range):
            let span = TimeSpan(parsing: trimmed) ?? Double(trimmed).map { TimeSpan.milliseconds($0) }
            guard let span, span.seconds.isFinite else {
                return .failure(InputProblem("Please enter a duration such as 200ms or 1.5s (a plain number is milliseconds)."))
            }
            guard span >= range.min, span <= range.max else {
                return .failure(InputProblem("\(span.humanReadable) is out of range: please enter \(range.expectation)."))
            }
            return .success(.duration(span))
        }
    }

    /// A number with optional thousands separators (`,`, `_`, spaces) and suffix `k` (thousand) or `M` (million).
    static func number(_ text: String) -> Double? {
        var t = text.filter { $0 != "," && $0 != "_" && $0 != " " }
        var scale = 1.0
        if let last = t.last, "kKmM".contains(last) {
            scale = last == "k" || last == "K" ? 1_000 : 1_000_000
            t.removeLast()
        }
        guard !t.isEmpty, let value = Double(t) else { return nil }
        return value * scale
    }

    private static func example(_ range: NumberRange) -> String {
        range.max >= 100_000 ? "\(Format.number(range.defaultValue)), 750k or 2M" : Format.number(range.defaultValue)
    }
}

/// What was wrong with a typed answer: a full sentence to show under the question.
public struct InputProblem: Error, Hashable, Sendable {
    /// The message.
    public var message: String
    /// A problem saying `message`.
    public init(_ message: String) { self.message = message }
}

import HeadroomScenario

/// One answer: a choice's id, a number or a duration.
public enum AnswerValue: Hashable, Sendable {
    /// The `id` of the chosen ``AdvisorChoice``.
    case choice(String)
    /// A number (already checked against the question's range).
    case number(Double)
    /// A duration (already checked against the question's range).
    case duration(TimeSpan)
}

/// The answers to the questionnaire. A question without an answer takes its default.
public struct AdvisorAnswers: Hashable, Sendable {
    /// The answers given, by question.
    public var values: [QuestionKey: AnswerValue]

    /// Answers with these values; missing ones take their question's default.
    public init(_ values: [QuestionKey: AnswerValue] = [:]) { self.values = values }

    /// The answer to `key`, or the question's default.
    public func value(_ key: QuestionKey) -> AnswerValue {
        values[key] ?? Questionnaire.question(key).defaultValue
    }

    /// The chosen choice of a choice question (its default when unanswered or not a choice).
    public func choice(_ key: QuestionKey) -> AdvisorChoice {
        let question = Questionnaire.question(key)
        let choices = question.choices
        if case .choice(let id) = value(key), let chosen = choices.first(where: { $0.id == id }) { return chosen }
        if case .choice(let id) = question.defaultValue, let chosen = choices.first(where: { $0.id == id }) { return chosen }
        return AdvisorChoice("", "")
    }

    /// The answer to a number question (0 when it is not one).
    public func number(_ key: QuestionKey) -> Double {
        if case .number(let n) = value(key) { return n }
        return 0
    }

    /// The answer to a duration question (zero when it is not one).
    public func duration(_ key: QuestionKey) -> TimeSpan {
        if case .duration(let d) = value(key) { return d }
        return .zero
    }

    /// The answer as shown to people: the choice's label, `10,000`, `90 %`, `200 ms`.
    public func display(_ key: QuestionKey) -> String {
        let question = Questionnaire.question(key)
        switch (value(key), question.kind) {
        case (.choice, _): return choice(key).label
        case (.number(let n), .number(let range)):
            if range.unit.isEmpty { return Format.number(n) }
            return range.unit == "×" ? "\(Format.number(n))×" : "\(Format.number(n)) \(range.unit)"
        case (.duration(let d), _): return d.humanReadable
        default: return ""
        }
    }

    /// The answer as written in an answers file: `"small"`, `10000`, `"200ms"`.
    public func json(_ key: QuestionKey) -> JSONValue {
        switch value(key) {
        case .choice(let id): .string(id)
        case .number(let n): .number(n)
        case .duration(let d): .string(d.formatted)
        }
    }
}

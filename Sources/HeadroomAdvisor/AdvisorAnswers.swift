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

    /// The answer to `key`, or its default: the question's own, or one derived from an earlier
    /// answer (``derivedDefault(_:)``).
    public func value(_ key: QuestionKey) -> AnswerValue {
        values[key] ?? derivedDefault(key) ?? Questionnaire.question(key).defaultValue
    }

    /// Whether `key` was answered, rather than left at its default.
    public func isAnswered(_ key: QuestionKey) -> Bool { values[key] != nil }

    /// Daily active users planned for each "Expected users" answer, when the number is not given:
    /// a value inside each band (its middle for the bounded ones; ten times the floor of
    /// "100,000+"), documented in docs/advisor.md.
    public static let plannedUsers: [String: Double] = ["under1k": 500, "upTo100k": 50_000, "over100k": 1_000_000, "variable": 50_000]

    /// Defaults that follow earlier answers: daily active users from "Expected users", and
    /// spiky traffic when the expected users are "highly variable".
    public func derivedDefault(_ key: QuestionKey) -> AnswerValue? {
        switch key {
        case .dailyActiveUsers:
            return Self.plannedUsers[choice(.expectedUsers).id].map(AnswerValue.number)
        case .trafficVariability:
            return choice(.expectedUsers).id == "variable" ? .choice("unpredictable") : nil
        default:
            return nil
        }
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

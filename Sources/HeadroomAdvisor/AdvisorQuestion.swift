import HeadroomScenario

/// The key of each question: its name in an answers file and in `--format json`, in questionnaire order.
public enum QuestionKey: String, CaseIterable, Hashable, Sendable {
    /// The seed's six scored questions.
    case teamSize, expectedUsers, developmentSpeed, operationsExperience, scalingNeeds, budget
    /// Traffic: seed 001's capacity inputs, the read share and the latency objective.
    case dailyActiveUsers, requestsPerUserPerDay, peakMultiplier, readPercent, latencyObjective
    /// Data volume and growth, and response size.
    case dataPerUserPerDayKB, retentionYears, yearlyGrowthPercent, responseSizeKB
    /// The shape of the load.
    case trafficVariability, slowOperations
}

/// One question of the questionnaire: what is asked, how it is answered and its default.
public struct AdvisorQuestion: Sendable {
    /// The part of the questionnaire a question belongs to.
    public enum Section: String, Sendable {
        /// The seed's six scored questions, which choose the architecture.
        case architecture = "Architecture"
        /// The questions that size the design and pick its supporting pieces.
        case sizing = "Sizing"
    }

    /// How a question is answered.
    public enum Kind: Sendable {
        /// One of a list of choices; `defaultIndex` is highlighted first.
        case choice([AdvisorChoice], defaultIndex: Int)
        /// A number in a range.
        case number(NumberRange)
        /// A duration in a range (`"200ms"`).
        case duration(DurationRange)
    }

    /// The key naming the answer.
    public var key: QuestionKey
    /// Which part of the questionnaire it is in.
    public var section: Section
    /// A short label for summaries: "Team size".
    public var title: String
    /// The question as asked: "What is your team size?".
    public var prompt: String
    /// One line explaining what is meant, if needed.
    public var help: String?
    /// How it is answered.
    public var kind: Kind

    /// A question; see the properties.
    public init(key: QuestionKey, section: Section, title: String, prompt: String, help: String? = nil, kind: Kind) {
        self.key = key
        self.section = section
        self.title = title
        self.prompt = prompt
        self.help = help
        self.kind = kind
    }

    /// The answer used when the question is left at its default.
    public var defaultValue: AnswerValue {
        switch kind {
        case .choice(let choices, let index): .choice(choices[index].id)
        case .number(let range): .number(range.defaultValue)
        case .duration(let range): .duration(range.defaultValue)
        }
    }

    /// The choices, for a choice question (empty otherwise).
    public var choices: [AdvisorChoice] {
        if case .choice(let choices, _) = kind { choices } else { [] }
    }
}

/// One choice of a choice question, and the points it gives (the seed's scoring table).
public struct AdvisorChoice: Hashable, Sendable {
    /// Its name in answer files: `"small"`.
    public var id: String
    /// The text shown: "1-3 developers".
    public var label: String
    /// The points it adds to one architecture, for scored questions.
    public var points: ArchitecturePoints?

    /// A choice; see the properties.
    public init(_ id: String, _ label: String, points: ArchitecturePoints? = nil) {
        self.id = id
        self.label = label
        self.points = points
    }
}

/// Points given to one architecture.
public struct ArchitecturePoints: Hashable, Sendable {
    /// Who gets them.
    public var architecture: Architecture
    /// How many.
    public var points: Int

    /// `points` for `architecture`.
    public init(_ architecture: Architecture, _ points: Int) {
        self.architecture = architecture
        self.points = points
    }
}

/// The allowed range and default of a number question.
public struct NumberRange: Hashable, Sendable {
    /// Smallest allowed value.
    public var min: Double
    /// Largest allowed value.
    public var max: Double
    /// Whether only whole numbers are allowed.
    public var integer: Bool
    /// The default.
    public var defaultValue: Double
    /// The unit shown after the value ("%", "KB"), or empty.
    public var unit: String

    /// A range; see the properties.
    public init(min: Double, max: Double, integer: Bool = false, defaultValue: Double, unit: String = "") {
        self.min = min
        self.max = max
        self.integer = integer
        self.defaultValue = defaultValue
        self.unit = unit
    }

    /// What is expected, for messages: "a whole number from 1 to 10,000,000,000".
    public var expectation: String {
        "\(integer ? "a whole number" : "a number") from \(Format.number(min)) to \(Format.number(max))"
    }
}

/// The allowed range and default of a duration question.
public struct DurationRange: Hashable, Sendable {
    /// Shortest allowed.
    public var min: TimeSpan
    /// Longest allowed.
    public var max: TimeSpan
    /// The default.
    public var defaultValue: TimeSpan

    /// A range; see the properties.
    public init(min: TimeSpan, max: TimeSpan, defaultValue: TimeSpan) {
        self.min = min
        self.max = max
        self.defaultValue = defaultValue
    }

    /// What is expected, for messages: `a duration from "1ms" to "1m", such as "200ms"`.
    public var expectation: String {
        "a duration from \"\(min.formatted)\" to \"\(max.formatted)\", such as \"\(defaultValue.formatted)\""
    }
}

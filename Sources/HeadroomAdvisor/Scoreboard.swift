/// The seed's scoring: each scored answer adds its points to one architecture; the most points wins.
///
/// **Tie rule.** On equal points the architecture listed first in ``Architecture/allCases`` wins
/// — monolithic, then microservices, then serverless. This is exactly what the seed's Python does
/// (`max` over a dict returns the first maximal entry in insertion order, and `sorted` is stable),
/// and it favours the simpler architecture when the answers do not decide, as seed 002 advises
/// ("wait until you have the problems microservices solve").
public struct Scoreboard: Hashable, Sendable {
    /// Points per architecture (every architecture present, 0 when none).
    public private(set) var points: [Architecture: Int]
    /// Which answers gave which points, in questionnaire order.
    public private(set) var contributions: [Contribution]

    /// One scored answer.
    public struct Contribution: Hashable, Sendable {
        /// The question.
        public var question: QuestionKey
        /// The chosen choice.
        public var choice: AdvisorChoice
        /// What it gave.
        public var points: ArchitecturePoints
    }

    /// A scoreboard with these totals (as the seed's demo sets them directly).
    public init(points: [Architecture: Int]) {
        var all: [Architecture: Int] = [:]
        for a in Architecture.allCases { all[a] = points[a] ?? 0 }
        self.points = all
        self.contributions = []
    }

    /// The scores of `answers` under the seed's table.
    public init(answers: AdvisorAnswers) {
        self.init(points: [:])
        for question in Questionnaire.questions {
            let chosen = answers.choice(question.key)
            guard let given = chosen.points else { continue }
            points[given.architecture, default: 0] += given.points
            contributions.append(Contribution(question: question.key, choice: chosen, points: given))
        }
    }

    /// Architectures from most to fewest points; ties in ``Architecture/allCases`` order.
    public var ranking: [Architecture] {
        Architecture.allCases.enumerated()
            .sorted { a, b in
                let pa = points[a.element] ?? 0, pb = points[b.element] ?? 0
                return pa != pb ? pa > pb : a.offset < b.offset
            }
            .map(\.element)
    }

    /// The winner (see the tie rule above).
    public var recommended: Architecture { ranking[0] }

    /// The winner's points.
    public var score: Int { points[recommended] ?? 0 }

    /// All points given.
    public var total: Int { points.values.reduce(0, +) }

    /// The winner's share of all points given, in [0, 1] (1/3 when no points were given).
    ///
    /// The seed prints the raw score as its "confidence score"; a share says more when comparing
    /// sessions, so both are reported.
    public var confidence: Double { total > 0 ? Double(score) / Double(total) : 1.0 / Double(Architecture.allCases.count) }

    /// Whether the winner shares its score with a runner-up (decided by the tie rule).
    public var isTie: Bool { ranking.count > 1 && points[ranking[1]] == score }

    /// The points of `architecture`.
    public subscript(architecture: Architecture) -> Int { points[architecture] ?? 0 }
}

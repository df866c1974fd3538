import HeadroomScenario

/// Everything the advisor concludes from a set of answers: the recommendation, the alternatives,
/// the capacity estimate, the supporting pieces and a starter scenario.
public struct Advice: Hashable, Sendable {
    /// The answers it was computed from (defaults filled in).
    public var answers: AdvisorAnswers
    /// The points per architecture.
    public var scores: Scoreboard
    /// The back-of-the-envelope capacity.
    public var capacity: AnswerCapacity
    /// The supporting pieces recommended, each with its trigger.
    public var pieces: [PieceRecommendation]
    /// A starter scenario for the recommended architecture.
    public var starter: StarterScenario

    /// The recommended architecture.
    public var recommended: Architecture { scores.recommended }
    /// The other architectures, best first.
    public var alternatives: [Architecture] { Array(scores.ranking.dropFirst()) }
}

/// The advisor: answers in, ``Advice`` out. Pure and deterministic.
public enum Advisor {
    /// The advice for `answers`.
    public static func advise(_ answers: AdvisorAnswers) -> Advice {
        let scores = Scoreboard(answers: answers)
        let capacity = AnswerCapacity(answers: answers)
        return Advice(
            answers: answers, scores: scores, capacity: capacity,
            pieces: SupportingPieces.recommend(for: answers, capacity: capacity, architecture: scores.recommended),
            starter: ScenarioGenerator.generate(scores.recommended, answers: answers, capacity: capacity))
    }
}

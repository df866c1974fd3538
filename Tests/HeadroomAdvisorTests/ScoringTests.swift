import HeadroomAdvisor
import Testing

@Suite("the seed's scoring table")
struct ScoringTests {
    /// Seed 000, Exercise 2: the points each answer gives, question by question, in the seed's order.
    static let seedTable: [(QuestionKey, [(String, Architecture, Int)])] = [
        (.teamSize, [("small", .monolithic, 3), ("medium", .monolithic, 2), ("large", .microservices, 3)]),
        (.expectedUsers, [("under1k", .monolithic, 3), ("upTo100k", .monolithic, 2), ("over100k", .microservices, 3), ("variable", .serverless, 3)]),
        (.developmentSpeed, [("critical", .monolithic, 3), ("important", .monolithic, 1), ("notAPriority", .microservices, 2)]),
        (.operationsExperience, [("limited", .monolithic, 3), ("moderate", .microservices, 1), ("advanced", .microservices, 3)]),
        (.scalingNeeds, [("uniform", .monolithic, 3), ("some", .microservices, 1), ("veryDifferent", .microservices, 3)]),
        (.budget, [("veryLimited", .monolithic, 2), ("moderate", .monolithic, 1), ("flexible", .serverless, 2)]),
    ]

    @Test("the questionnaire's scored questions are the seed's, with the seed's labels")
    func questionsMatchSeed() {
        #expect(Questionnaire.architecture.map(\.key) == Self.seedTable.map(\.0))
        #expect(Questionnaire.architecture.map(\.prompt) == [
            "What is your team size?", "Expected number of users?", "How important is fast initial development?",
            "Team's operational/DevOps experience?", "Different parts of your app need different scaling?",
            "Budget for infrastructure and operations?",
        ])
        #expect(Questionnaire.question(.expectedUsers).choices.map(\.label) == ["< 1,000", "1,000 - 100,000", "100,000+", "Highly variable/unpredictable"])
        #expect(Questionnaire.sizing.allSatisfy { $0.choices.allSatisfy { $0.points == nil } })
        #expect(Questionnaire.questions.map(\.key) == QuestionKey.allCases)
    }

    @Test("every answer gives exactly the seed's points to the seed's architecture, and nothing else")
    func everyAnswer() {
        for (key, rows) in Self.seedTable {
            let choices = Questionnaire.question(key).choices
            #expect(choices.map(\.id) == rows.map(\.0), "\(key)")
            for (id, architecture, points) in rows {
                let board = Scoreboard(answers: AdvisorAnswers([key: .choice(id)]))
                let given = board.contributions.filter { $0.question == key }
                #expect(given.map(\.points) == [ArchitecturePoints(architecture, points)], "\(key)=\(id)")
                #expect(board.contributions.count == 6)
                #expect(board.total == board.contributions.reduce(0) { $0 + $1.points.points })
            }
        }
    }

    @Test("exhaustively over all 972 answer sets, the winner is the seed's max() with first-wins ties")
    func exhaustive() {
        var sets: [[QuestionKey: AnswerValue]] = [[:]]
        for (key, rows) in Self.seedTable {
            sets = sets.flatMap { set in rows.map { row in set.merging([key: .choice(row.0)]) { $1 } } }
        }
        #expect(sets.count == 972)
        for set in sets {
            var totals: [Architecture: Int] = [:]
            for (key, rows) in Self.seedTable {
                if case .choice(let id) = set[key], let row = rows.first(where: { $0.0 == id }) { totals[row.1, default: 0] += row.2 }
            }
            // Python: max(dict.items(), key=...) returns the first maximal item in insertion order.
            var seedWinner = Architecture.monolithic
            for a in Architecture.allCases where (totals[a] ?? 0) > (totals[seedWinner] ?? 0) { seedWinner = a }
            let board = Scoreboard(answers: AdvisorAnswers(set))
            #expect(board.recommended == seedWinner, "\(set)")
            #expect(board.score == totals[seedWinner] ?? 0)
        }
    }

    @Test("the seed's demo preset: monolithic 8, microservices 5, serverless 3 → Monolithic, score 8")
    func demoPreset() {
        let board = Scoreboard(points: [.monolithic: 8, .microservices: 5, .serverless: 3])
        #expect(board.recommended == .monolithic)
        #expect(board.score == 8)
        #expect(board.ranking == [.monolithic, .microservices, .serverless])
        #expect(board.confidence == 0.5)
        #expect(!board.isTie)
        // The same totals from real answers.
        let answers = AdvisorAnswers.demo
        let fromAnswers = Scoreboard(answers: answers)
        #expect(fromAnswers.points == board.points)
        #expect(fromAnswers.recommended == .monolithic)
    }

    @Test("ties go to the earlier architecture: monolithic, then microservices, then serverless")
    func ties() {
        #expect(Scoreboard(points: [.monolithic: 5, .microservices: 5, .serverless: 5]).recommended == .monolithic)
        #expect(Scoreboard(points: [.monolithic: 3, .microservices: 5, .serverless: 5]).recommended == .microservices)
        #expect(Scoreboard(points: [.monolithic: 3, .microservices: 5, .serverless: 5]).ranking == [.microservices, .serverless, .monolithic])
        #expect(Scoreboard(points: [.monolithic: 5, .microservices: 3, .serverless: 5]).recommended == .monolithic)
        #expect(Scoreboard(points: [.monolithic: 6, .microservices: 6, .serverless: 0]).isTie)
        #expect(Scoreboard(points: [:]).recommended == .monolithic)
        // Real ties from answers, one for each pair and the three-way one; the totals were found
        // by enumerating the seed's table (mono/micro/serverless points per answer, by hand):
        func board(_ ids: [String]) -> Scoreboard {
            let keys: [QuestionKey] = [.teamSize, .expectedUsers, .developmentSpeed, .operationsExperience, .scalingNeeds, .budget]
            return Scoreboard(answers: AdvisorAnswers(Dictionary(uniqueKeysWithValues: zip(keys, ids.map(AnswerValue.choice)))))
        }
        // small 3m + under1k 3m | notAPriority 2µ + moderate 1µ + veryDifferent 3µ | flexible 2s: 6 / 6 / 2.
        let monoMicro = board(["small", "under1k", "notAPriority", "moderate", "veryDifferent", "flexible"])
        #expect(monoMicro.points == [.monolithic: 6, .microservices: 6, .serverless: 2])
        #expect(monoMicro.isTie && monoMicro.recommended == .monolithic && monoMicro.ranking == [.monolithic, .microservices, .serverless])
        // medium 2m + critical 3m | moderate 1µ + some 1µ | variable 3s + flexible 2s: 5 / 2 / 5.
        let monoServerless = board(["medium", "variable", "critical", "moderate", "some", "flexible"])
        #expect(monoServerless.points == [.monolithic: 5, .microservices: 2, .serverless: 5])
        #expect(monoServerless.isTie && monoServerless.recommended == .monolithic && monoServerless.ranking == [.monolithic, .serverless, .microservices])
        // critical 3m | large 3µ + moderate 1µ + some 1µ | variable 3s + flexible 2s: 3 / 5 / 5.
        let microServerless = board(["large", "variable", "critical", "moderate", "some", "flexible"])
        #expect(microServerless.points == [.monolithic: 3, .microservices: 5, .serverless: 5])
        #expect(microServerless.isTie && microServerless.recommended == .microservices && microServerless.ranking == [.microservices, .serverless, .monolithic])
        // medium 2m + limited 3m | notAPriority 2µ + veryDifferent 3µ | variable 3s + flexible 2s: 5 / 5 / 5.
        let threeWay = board(["medium", "variable", "notAPriority", "limited", "veryDifferent", "flexible"])
        #expect(threeWay.points == [.monolithic: 5, .microservices: 5, .serverless: 5])
        #expect(threeWay.isTie && threeWay.recommended == .monolithic && threeWay.ranking == [.monolithic, .microservices, .serverless])
        // And one that is not a tie: 11 / 6 / 0 is decided by points, not by order.
        let clear = board(["small", "over100k", "critical", "advanced", "uniform", "veryLimited"])
        #expect(clear.points == [.monolithic: 11, .microservices: 6, .serverless: 0] && !clear.isTie)
    }
}

extension AdvisorAnswers {
    /// The seed's demo totals (monolithic 8, microservices 5, serverless 3) from real answers.
    static let demo = AdvisorAnswers([
        .teamSize: .choice("small"), .expectedUsers: .choice("variable"), .developmentSpeed: .choice("notAPriority"),
        .operationsExperience: .choice("advanced"), .scalingNeeds: .choice("uniform"), .budget: .choice("veryLimited"),
    ])
}

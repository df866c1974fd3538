import HeadroomScenario

/// The advisor's questions, in the order they are asked.
///
/// The first six are the seed's questionnaire (seed 000, Exercise 2) with its scoring table
/// unchanged: each choice gives its points to one architecture. The rest size the design.
public enum Questionnaire {
    /// Every question, in order.
    public static let questions: [AdvisorQuestion] = architecture + sizing

    /// The question with this key.
    public static func question(_ key: QuestionKey) -> AdvisorQuestion {
        // Every key has exactly one question (tested); the fallback is unreachable.
        questions.first { $0.key == key } ?? questions[0]
    }

    /// The seed's six scored questions.
    public static let architecture: [AdvisorQuestion] = [
        choice(.teamSize, "Team size", "What is your team size?", [
            AdvisorChoice("small", "1-3 developers", points: .init(.monolithic, 3)),
            AdvisorChoice("medium", "4-10 developers", points: .init(.monolithic, 2)),
            AdvisorChoice("large", "10+ developers", points: .init(.microservices, 3)),
        ]),
        choice(.expectedUsers, "Expected users", "Expected number of users?", [
            AdvisorChoice("under1k", "< 1,000", points: .init(.monolithic, 3)),
            AdvisorChoice("upTo100k", "1,000 - 100,000", points: .init(.monolithic, 2)),
            AdvisorChoice("over100k", "100,000+", points: .init(.microservices, 3)),
            AdvisorChoice("variable", "Highly variable/unpredictable", points: .init(.serverless, 3)),
        ]),
        choice(.developmentSpeed, "Fast initial development", "How important is fast initial development?", [
            AdvisorChoice("critical", "Critical - need MVP quickly", points: .init(.monolithic, 3)),
            AdvisorChoice("important", "Important but not critical", points: .init(.monolithic, 1)),
            AdvisorChoice("notAPriority", "Not a priority", points: .init(.microservices, 2)),
        ]),
        choice(.operationsExperience, "Operations experience", "Team's operational/DevOps experience?", [
            AdvisorChoice("limited", "Limited", points: .init(.monolithic, 3)),
            AdvisorChoice("moderate", "Moderate", points: .init(.microservices, 1)),
            AdvisorChoice("advanced", "Advanced", points: .init(.microservices, 3)),
        ]),
        choice(.scalingNeeds, "Scaling needs", "Different parts of your app need different scaling?", [
            AdvisorChoice("uniform", "No, everything scales together", points: .init(.monolithic, 3)),
            AdvisorChoice("some", "Some parts need more scaling", points: .init(.microservices, 1)),
            AdvisorChoice("veryDifferent", "Very different scaling needs", points: .init(.microservices, 3)),
        ]),
        choice(.budget, "Budget", "Budget for infrastructure and operations?", [
            AdvisorChoice("veryLimited", "Very limited", points: .init(.monolithic, 2)),
            AdvisorChoice("moderate", "Moderate", points: .init(.monolithic, 1)),
            AdvisorChoice("flexible", "Flexible", points: .init(.serverless, 2)),
        ]),
    ]

    /// The sizing questions: traffic (seed 001's capacity formula), data, and shape of the load.
    public static let sizing: [AdvisorQuestion] = [
        number(.dailyActiveUsers, "Daily active users", "How many daily active users do you plan for?",
               help: "People who use the product on a typical day (10k, 2M and 1,500,000 all work); the default follows your expected users.",
               NumberRange(min: 1, max: 10_000_000_000, integer: true, defaultValue: 50_000)),
        number(.requestsPerUserPerDay, "Requests per user per day", "How many requests does one user make per day?",
               help: "API calls and page loads that reach your servers.",
               NumberRange(min: 0.01, max: 100_000, defaultValue: 50)),
        number(.peakMultiplier, "Peak multiplier", "How much busier is the peak than the daily average?",
               help: "Peak RPS = users × requests per user × this ÷ 86,400 (3 is typical for prime time).",
               NumberRange(min: 1, max: 100, defaultValue: 3, unit: "×")),
        number(.readPercent, "Reads", "What share of requests are reads?",
               help: "90 means 9 reads for every write.",
               NumberRange(min: 0, max: 100, defaultValue: 90, unit: "%")),
        AdvisorQuestion(
            key: .latencyObjective, section: .sizing, title: "Latency objective (p95)",
            prompt: "What p95 response time must you meet?", help: "A duration such as 200ms or 1s; a plain number is milliseconds.",
            kind: .duration(DurationRange(min: .milliseconds(1), max: .seconds(60), defaultValue: .milliseconds(200)))),
        number(.dataPerUserPerDayKB, "Data per user per day", "How much data does one user add per day, in KB?",
               help: "New rows, uploads and logs you keep, per daily active user.",
               NumberRange(min: 0, max: 10_000_000, defaultValue: 10, unit: "KB")),
        number(.retentionYears, "Retention", "For how many years do you keep data?",
               NumberRange(min: 1, max: 30, integer: true, defaultValue: 5, unit: "years")),
        number(.yearlyGrowthPercent, "Yearly growth", "By how much does your data grow each year, in percent?",
               help: "Storage = users × KB per day × 365 × years × (1 + growth)^years; the seed uses 20.",
               NumberRange(min: 0, max: 1_000, defaultValue: 20, unit: "%")),
        number(.responseSizeKB, "Response size", "How large is a typical response, in KB?",
               NumberRange(min: 0.1, max: 100_000, defaultValue: 50, unit: "KB")),
        choice(.trafficVariability, "Traffic variability", "How does your traffic vary?", [
            AdvisorChoice("steady", "Steady around the clock"),
            AdvisorChoice("dailyPeaks", "Predictable daily peaks"),
            AdvisorChoice("unpredictable", "Spiky and unpredictable"),
        ], defaultIndex: 1, section: .sizing),
        choice(.slowOperations, "Slow operations", "Do some requests trigger slow work (reports, emails, image processing)?", [
            AdvisorChoice("no", "No, every request is quick"),
            AdvisorChoice("yes", "Yes, some take seconds or more"),
        ], defaultIndex: 0, section: .sizing),
    ]

    private static func choice(
        _ key: QuestionKey, _ title: String, _ prompt: String, _ choices: [AdvisorChoice], defaultIndex: Int = 1,
        section: AdvisorQuestion.Section = .architecture
    ) -> AdvisorQuestion {
        AdvisorQuestion(key: key, section: section, title: title, prompt: prompt, kind: .choice(choices, defaultIndex: defaultIndex))
    }

    private static func number(
        _ key: QuestionKey, _ title: String, _ prompt: String, help: String? = nil, _ range: NumberRange
    ) -> AdvisorQuestion {
        AdvisorQuestion(key: key, section: .sizing, title: title, prompt: prompt, help: help, kind: .number(range))
    }
}

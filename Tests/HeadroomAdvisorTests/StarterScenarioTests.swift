import Headroom
import HeadroomAdvisor
import Testing

@Suite("capacity, supporting pieces and the starter scenario")
struct StarterScenarioTests {
    static func answers(_ architecture: Architecture, users: Double = 10_000, reads: Double = 90) -> AdvisorAnswers {
        var values: [QuestionKey: AnswerValue] = [.dailyActiveUsers: .number(users), .readPercent: .number(reads)]
        switch architecture {
        case .monolithic: values[.teamSize] = .choice("small")
        case .microservices:
            values[.teamSize] = .choice("large")
            values[.expectedUsers] = .choice("over100k")
            values[.operationsExperience] = .choice("advanced")
            values[.scalingNeeds] = .choice("veryDifferent")
        case .serverless:
            values[.expectedUsers] = .choice("variable")
            values[.budget] = .choice("flexible")
            values[.developmentSpeed] = .choice("important")
            values[.teamSize] = .choice("medium")
            values[.operationsExperience] = .choice("moderate")
            values[.scalingNeeds] = .choice("some")
        }
        return AdvisorAnswers(values)
    }

    @Test("seed 001's Instagram example: 500M DAU, 50 requests, 3× peak, 100 KB for 5 years, 50 KB responses")
    func seedCapacity() {
        let c = AnswerCapacity(answers: AdvisorAnswers([
            .dailyActiveUsers: .number(500_000_000), .requestsPerUserPerDay: .number(50), .peakMultiplier: .number(3),
            .dataPerUserPerDayKB: .number(100), .retentionYears: .number(5), .responseSizeKB: .number(50),
        ]))
        #expect(c.peakRps == 868_055)  // (long)(500e6 × 50 × 3 / 86400)
        #expect(c.storageKB.rounded() == 227_059_200_000_000)  // 500e6 × 100 × 365 × 5 × 1.2^5 (Math.pow(1.2, 5) = 2.48832)
        #expect(c.peakBandwidthMbps == 868_055 * 50 * 8 / 1024.0)
    }

    @Test("each architecture's starter scenario validates, round-trips through JSON and runs", arguments: Architecture.allCases)
    func validatesAndRuns(_ architecture: Architecture) throws {
        for (users, reads) in [(10_000.0, 90.0), (2_000_000, 70), (500, 100), (5_000, 0)] {
            let advice = Advisor.advise(Self.answers(architecture, users: users, reads: reads))
            #expect(advice.recommended == architecture)
            let scenario = advice.starter.scenario
            #expect(ScenarioValidator.validate(scenario).isEmpty, "\(architecture) \(users) \(reads)")
            let decoded = try ScenarioLoader.decode(json: ScenarioEncoder.encode(scenario), file: "starter.json")
            #expect(decoded == scenario)
            let results = try Headroom.run(scenario)
            #expect(results.requests.completed > 0)
            let lost = Double(results.requests.rejected + results.requests.failed) / Double(results.requests.offered)
            #expect(lost < 0.005, "\(architecture) \(users) \(reads): \(lost) lost")
            #expect(results.latencyMs.p95 < 200, "\(architecture) \(users) \(reads): p95 \(results.latencyMs.p95) ms")
        }
    }

    @Test("the scenario's components are the architecture's, sized with Erlang C and the 70 % target")
    func shapes() {
        let mono = Advisor.advise(Self.answers(.monolithic)).starter.scenario
        #expect(mono.components.map(\.id) == ["lb", "app", "db"])
        #expect(mono.workload.rate == 17)
        #expect(mono.workload.mix == [.init("read", weight: 90), .init("write", weight: 10)])
        let micro = Advisor.advise(Self.answers(.microservices)).starter.scenario
        #expect(micro.components.map(\.id) == ["gateway", "api", "catalog", "catalog-db", "orders", "orders-db"])
        let serverless = Advisor.advise(Self.answers(.serverless, users: 2_000_000)).starter
        // Functions are invoked directly: no balancer in front, a function component with cold starts.
        #expect(serverless.scenario.components.map(\.id) == ["functions", "db"])
        guard let functions = serverless.scenario.component("functions")?.spec(as: ServerlessFunction.self) else {
            Issue.record("functions is not a function component")
            return
        }
        #expect(functions.coldStart != nil)
        #expect(serverless.scenario.component("functions")?.pricing?.perMillionRequests == 0.2)
        #expect(serverless.notes.contains { $0.hasPrefix("The functions are a serverless function component") })
        // 2M users × 50 × 3 / 86,400 = 3472 req/s; 0.9 × 14 ms + 0.1 × 31 ms = 15.7 ms held → 54.5 erlangs.
        #expect(serverless.scenario.workload.rate == 3_472)
        let a = 3_472 * 0.0157
        let limit = functions.concurrencyLimit
        #expect(QueueingFormulas.erlangB(servers: limit, offeredLoad: a) <= 0.001)
        #expect(QueueingFormulas.erlangB(servers: limit - 1, offeredLoad: a) > 0.001)
    }

    @Test("station sizing: the larger of the 70 % utilization rule and Erlang C")
    func sizing() {
        let s = StationSizing(arrivalRate: 100, holdSeconds: 0.1, waitTarget: 0.02)
        #expect(s.offeredLoad == 10)
        #expect(s.byUtilization == 15)
        #expect(s.byErlangC == QueueingFormulas.minimumServers(arrivalRate: 100, serviceTime: 0.1, meanWaitTarget: 0.02))
        #expect(s.workers == max(15, s.byErlangC ?? 0))
        #expect(s.explanation == "100 req/s × 100 ms held = 10 busy workers; 70 % utilization → 15, Erlang C (mean wait ≤ 20 ms) → \(s.byErlangC ?? 0)")
    }

    @Test("supporting pieces and the answers that trigger them")
    func pieces() {
        func pieces(_ values: [QuestionKey: AnswerValue]) -> [String] {
            let answers = AdvisorAnswers(values)
            return SupportingPieces.recommend(for: answers, capacity: AnswerCapacity(answers: answers)).map { "\($0.piece.rawValue): \($0.trigger)" }
        }
        #expect(pieces([.dailyActiveUsers: .number(500), .trafficVariability: .choice("steady")]) == [
            "loadBalancing: always: at least two app instances, so that one can fail",
        ])
        #expect(pieces([:]) == [
            "loadBalancing: always: at least two app instances, so that one can fail",
            "caching: 10,000 daily active users (≥ 1,000) with 90 % reads (≥ 70 %)",
            "readReplicas: 10,000 daily active users (≥ 10,000) with 90 % reads (≥ 70 %)",
            "cdn: 10,000 daily active users (≥ 10,000)",
            "autoscaling: traffic: Predictable daily peaks",
        ])
        #expect(pieces([.dailyActiveUsers: .number(5_000_000), .readPercent: .number(50), .slowOperations: .choice("yes"),
                        .trafficVariability: .choice("steady"), .expectedUsers: .choice("variable")]) == [
            "loadBalancing: peak 8,680 req/s is more than the 1,000 req/s one server carries",
            "sharding: 227.06 TB stored after 5 years (≥ 5 TB)",
            "backgroundQueue: slow operations: Yes, some take seconds or more",
            "cdn: 5,000,000 daily active users (≥ 10,000)",
            "autoscaling: expected users: Highly variable/unpredictable",
        ])
        #expect(pieces([.dailyActiveUsers: .number(5_000), .requestsPerUserPerDay: .number(20_000), .readPercent: .number(20),
                        .dataPerUserPerDayKB: .number(0), .trafficVariability: .choice("steady")]) == [
            "loadBalancing: peak 3,472 req/s is more than the 1,000 req/s one server carries",
            "sharding: peak 2,777.78 writes/s (≥ 1,000) all land on one primary",
            "cdn: peak bandwidth 1,356.25 Mbps (≥ 1,000)",
        ])
    }
}

@Suite("very large peaks")
struct LargePeakTests {
    @Test("a peak above 20,000 req/s becomes identical cells, so sizing and simulation stay tractable")
    func cells() throws {
        let answers = AdvisorAnswers([.dailyActiveUsers: .number(500_000_000), .requestsPerUserPerDay: .number(50), .expectedUsers: .choice("variable"), .budget: .choice("flexible"), .teamSize: .choice("medium"), .developmentSpeed: .choice("important"), .operationsExperience: .choice("moderate"), .scalingNeeds: .choice("some")])
        let advice = Advisor.advise(answers)
        #expect(advice.recommended == .serverless)
        #expect(advice.capacity.peakRps == 868_055)
        #expect(advice.starter.scenario.workload.rate == 19_728)  // 868,055 / 44 cells
        #expect(advice.starter.notes.contains("The peak of 868,055 req/s is split into 44 identical cells of 19,728 req/s (users partitioned, e.g. by shard); the scenario is one cell."))
        #expect(ScenarioValidator.validate(advice.starter.scenario).isEmpty)
        let biggest = Advisor.advise(AdvisorAnswers([.dailyActiveUsers: .number(10_000_000_000), .requestsPerUserPerDay: .number(100_000), .peakMultiplier: .number(100)]))
        #expect(biggest.starter.scenario.workload.rate <= 20_000)
        #expect(ScenarioValidator.validate(biggest.starter.scenario).isEmpty)
    }
}

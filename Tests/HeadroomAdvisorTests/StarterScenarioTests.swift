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
            #expect((results.latencyMs?.p95 ?? .infinity) < 200, "\(architecture) \(users) \(reads): p95 \(results.latencyMs?.p95 ?? .nan) ms")
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
        // 2M users × 50 × 3 / 86,400 = 3472 req/s, sized for bursts to twice that (expected users
        // "highly variable" mean spiky traffic); 0.9 × 14 ms + 0.1 × 31 ms = 15.7 ms held, plus the
        // cold start a container holds after an idle spell: lognormal median 250 ms, p99 1.5 s,
        // σ = ln 6 / 2.3263 = 0.77020, mean 250 × e^(σ²/2) = 336.32 ms → 6944 × 0.35202 = 2444.4 erlangs.
        #expect(serverless.scenario.workload.rate == 3_472)
        let a = 6_944 * (0.0157 + 0.336_32)
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
        // "< 1,000" expected users plan for 500 daily users: no caching, replicas or CDN.
        #expect(pieces([.expectedUsers: .choice("under1k"), .trafficVariability: .choice("steady")]) == [
            "loadBalancing: always: at least two app instances, so that one can fail",
        ])
        #expect(pieces([:]) == [
            "loadBalancing: always: at least two app instances, so that one can fail",
            "caching: 50,000 daily active users (≥ 1,000) with 90 % reads (≥ 70 %)",
            "readReplicas: 50,000 daily active users (≥ 10,000) with 90 % reads (≥ 70 %)",
            "cdn: 50,000 daily active users (≥ 10,000)",
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

/// The starter is sized by the answers (issue 13, item 5): the expected users set the users
/// planned for, spiky traffic and slow operations change the scenario, a serverless design says
/// no more than it has, and a split into cells shows on the cost line.
@Suite("a starter sized by the answers")
struct AnswerSizedStarterTests {
    @Test("expected users decide the users planned for, unless the number is answered", arguments: [
        ("under1k", 500.0, 0.0), ("upTo100k", 50_000, 86.0), ("over100k", 1_000_000, 1_736), ("variable", 50_000, 86),
    ])
    func plannedUsers(_ expected: String, _ users: Double, _ peak: Double) {
        let answers = AdvisorAnswers([.expectedUsers: .choice(expected)])
        #expect(answers.number(.dailyActiveUsers) == users)
        // users × 50 × 3 / 86,400, truncated: 500 → 0.87 → 0; 50,000 → 86.8; 1,000,000 → 1,736.1.
        #expect(Advisor.advise(answers).capacity.peakRps == peak)
        let explicit = AdvisorAnswers([.expectedUsers: .choice(expected), .dailyActiveUsers: .number(7)])
        #expect(explicit.number(.dailyActiveUsers) == 7)
    }

    @Test("\"100,000+\" gets a starter for its 1,736 req/s, busy enough that the simulation means something")
    func largeUsers() throws {
        let advice = Advisor.advise(AdvisorAnswers([.expectedUsers: .choice("over100k"), .teamSize: .choice("small"), .trafficVariability: .choice("steady")]))
        #expect(advice.starter.scenario.workload.rate == 1_736)
        let results = try Headroom.run(advice.starter.scenario)
        let busiest = results.components.filter(\.saturable).map(\.utilization).max() ?? 0
        #expect(busiest > 0.4 && busiest < 0.8, "busiest \(busiest)")
        #expect(results.sla.passed)
    }

    @Test("the questionnaire's default for daily users follows the expected-users answer")
    func interactiveDefault() {
        // Users: 100,000+ (3 = its choice), then Enter everywhere else.
        var keys: [TerminalKey] = [.enter, .character("3")]
        keys += Array(repeating: .enter, count: Questionnaire.questions.count - 2)
        var terminal = ScriptedTerminal(keys)
        var session = AdvisorSession(style: TerminalStyle(colors: false))
        guard case .completed(let answers) = session.run(on: &terminal) else {
            Issue.record("not completed")
            return
        }
        #expect(answers.number(.dailyActiveUsers) == 1_000_000)
        #expect(terminal.output.contains("(Enter keeps 1,000,000)"))
    }

    @Test("spiky traffic: bursts to twice the peak, every tier sized for them, and the simulation carries them")
    func spiky() throws {
        let answers = AdvisorAnswers([.teamSize: .choice("small"), .dailyActiveUsers: .number(200_000), .trafficVariability: .choice("unpredictable")])
        let starter = Advisor.advise(answers).starter
        let scenario = starter.scenario
        // 200,000 × 50 × 3 / 86,400 = 347 req/s; bursts to 694 req/s for 60 s every 10 min. The run:
        // 400,000 / 347 s, at most 600 s; 60 s warm-up; the burst a third into the rest (60 + 180 s).
        #expect(scenario.workload.rate == 347)
        #expect(scenario.workload.bursts == [Workload.Burst(start: .seconds(240), duration: .seconds(60), rate: 694, every: .minutes(10))])
        #expect(starter.sizing.first?.hasPrefix("app: 694 req/s × ") == true, "\(starter.sizing)")
        #expect(starter.notes.contains { $0.hasPrefix("Traffic is spiky and unpredictable: the scenario bursts to 2× the peak (694 req/s)") })
        let results = try Headroom.run(scenario)
        #expect(results.sla.passed, "\(results.sla.failed.map(\.name))")
        // "Highly variable" expected users mean spiky traffic unless the traffic question says otherwise.
        #expect(AdvisorAnswers([.expectedUsers: .choice("variable")]).choice(.trafficVariability).id == "unpredictable")
        #expect(AdvisorAnswers([.expectedUsers: .choice("variable"), .trafficVariability: .choice("steady")]).choice(.trafficVariability).id == "steady")
    }

    @Test("slow operations: a job class on a worker pool, with its own objective; web latency judged per class")
    func slowOperations() throws {
        let answers = AdvisorAnswers([.teamSize: .choice("small"), .dailyActiveUsers: .number(200_000), .slowOperations: .choice("yes"), .trafficVariability: .choice("steady")])
        let scenario = Advisor.advise(answers).starter.scenario
        #expect(scenario.workload.mix.map(\.requestClass) == ["read", "write", "job"])
        // 1 % of arrivals: weight 100 × 0.01 / 0.99 beside the web classes' 100.
        #expect(abs((scenario.workload.mix.last?.weight ?? 0) - 100.0 / 99) < 1e-12)
        #expect(scenario.routes.last == Route(requestClass: "job", steps: [.call(Call("workers"))]))
        let workers = try #require(scenario.component("workers")?.pool)
        // 347 × 1 % = 3.47 jobs/s × 2 s = 6.94 busy workers; 70 % → 10 workers → 3 instances of 4.
        #expect(workers.instances == 3 && workers.concurrency == 4 && workers.queueCapacity == 10_000)
        #expect(scenario.sla?.objectives.map(\.name) == ["p95 latency (read)", "p95 latency (write)", "p95 latency (job)", "availability", "success rate"])
        let results = try Headroom.run(scenario)
        #expect(results.sla.passed, "\(results.sla.failed.map(\.name))")
    }

    @Test("serverless: the limit covers cold starts and is at least 10; no balancer is claimed")
    func serverless() throws {
        let answers = AdvisorAnswers([
            .expectedUsers: .choice("variable"), .budget: .choice("flexible"), .teamSize: .choice("medium"),
            .developmentSpeed: .choice("important"), .operationsExperience: .choice("moderate"), .scalingNeeds: .choice("some"),
            .dailyActiveUsers: .number(1_000), .trafficVariability: .choice("steady"),
        ])
        let advice = Advisor.advise(answers)
        #expect(advice.recommended == .serverless)
        let function = try #require(advice.starter.scenario.component("functions")?.spec(as: ServerlessFunction.self))
        // 1 req/s (the floor) × 0.35 s = 0.35 erlangs needs 4 at 0.1 % blocking; the floor is 10.
        #expect(function.concurrencyLimit == 10)
        #expect(!advice.starter.scenario.components.contains { $0.kind == .loadBalancer })
        let text = AdviceReport.text(advice, scenarioPath: nil)
        #expect(!text.contains("Load balancing (in the scenario)"))
        #expect(text.contains("  • Load balancing: done by the platform: it spreads invocations over its containers, so the scenario has no balancer of its own\n"))
        #expect(!text.contains("at least two app instances"))
    }

    @Test("a split into cells shows on the cost line and in the JSON")
    func cells() throws {
        let answers = AdvisorAnswers([.dailyActiveUsers: .number(50_000_000), .teamSize: .choice("small"), .trafficVariability: .choice("steady")])
        let advice = Advisor.advise(answers)
        // 50M × 50 × 3 / 86,400 = 86,805 req/s: 5 cells of 17,361.
        #expect(advice.starter.cells == 5)
        var scenario = advice.starter.scenario
        scenario.duration = .seconds(20)
        scenario.warmup = .seconds(2)
        let results = try Headroom.run(scenario)
        let text = AdviceReport.text(advice, scenarioPath: nil, simulation: results)
        let monthly = results.cost.perMonthDollars
        #expect(text.contains("  cost ≈ $\(Format.number(monthly, decimals: 2))/month per cell × 5 cells = $\(Format.number(monthly * 5, decimals: 2))/month at the assumed list prices"), "\(text)")
        let json = AdviceReport.json(advice, scenarioPath: nil, simulation: results)
        #expect(json["costAndSla"]?["cells"] == .int(5))
    }
}

import Foundation
import Testing

@testable import HeadroomScenario

/// The Swift DSL builds exactly the scenarios the JSON format describes.
@Suite("Swift scenario DSL")
struct ScenarioDSLTests {
    /// The package root, from this file's location.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Encodes, renders, parses and decodes `scenario`.
    static func roundTrip(_ scenario: Scenario) throws -> Scenario {
        try ScenarioLoader.decode(text: ScenarioEncoder.encode(scenario).rendered(), file: "dsl.json")
    }

    /// Scenarios/startup-mvp.json. Its Swift twin, Scenarios/Swift/StartupMVP, is checked to emit
    /// exactly this scenario by SwiftExampleTests, so DSL-level tests can start from the file.
    static func startupMVP() throws -> Scenario {
        try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/startup-mvp.json").path)
    }

    @Test("functions, external services, bursts and objectives round-trip through JSON")
    func economics() throws {
        let api = ExternalService("search", latency: .constant(.milliseconds(80)), rateLimit: 25, burst: 50, pricing: Pricing(perCall: 0.01))
        let fn = Function("fn", serviceTime: .exponential(mean: .milliseconds(40)), concurrencyLimit: 200,
                          coldStart: .constant(.milliseconds(300)), idleTimeout: .minutes(5), memoryMB: 512,
                          pricing: Pricing(perMillionRequests: 0.2, gbSecond: 0.0000166667))
        let scenario = try Scenario(
            "serverless", duration: .hours(1),
            traffic: .poisson(rate: 20, bursts: [Workload.Burst(start: .minutes(5), duration: .minutes(1), rate: 200, every: .minutes(15))])
        ) {
            RequestClass("lookup", responseKB: 4) { fn.call { api.call() } }
            SLA(objectives: [Objective(.monthlyCost(maxDollars: 1_000)), Objective(.errorRate(maxPercent: 1), requestClass: "lookup")])
        }
        #expect(scenario.components.map(\.id) == ["fn", "search"])
        #expect(scenario.workload.bursts.count == 1)
        #expect(scenario.sla?.objectives.count == 2)
        #expect(try Self.roundTrip(scenario) == scenario)
    }

    /// A scenario using every part of the DSL: weights, probabilities, overrides, loops, conditions.
    static func rich(shards: Int, audit: Bool) throws -> Scenario {
        let api = Service("api", instances: 2, concurrency: 16, queueCapacity: 100, serviceTime: .exponential(mean: .milliseconds(20)), timeout: .seconds(2))
        let api2 = Service("api2", concurrency: 8, queueCapacity: 0, serviceTime: .lognormal(median: .milliseconds(15), p99: .milliseconds(120)))
        let shardDBs = (0..<shards).map { Database("db-\($0)", concurrency: 20, serviceTime: .gamma(shape: 2.5, mean: .milliseconds(4))) }
        let auditLog = Database("audit-log", concurrency: 4, serviceTime: .empirical(samples: [.milliseconds(1), .microseconds(250)]))
        let search = Service("search", serviceTime: .empirical(histogram: [.init(upTo: .milliseconds(5), weight: 3), .init(upTo: .milliseconds(50), weight: 1)]))
        let lb = Balancer("lb", strategy: .weightedRoundRobin, latency: .uniform(min: .microseconds(100), max: .nanoseconds(1_500_000))) {
            api
            api2.weight(2)
        }
        return try Scenario("rich", description: "every feature", seed: .max, duration: .hours(1), warmup: .minutes(5), traffic: .deterministic(rate: 150.5)) {
            lb
            api
            api2
            for db in shardDBs { db }
            RequestClass("read", weight: 9) {
                lb.call {
                    for db in shardDBs { db.call(probability: 1 / Double(shards)) }
                    search.call(probability: 0.05)
                }
            }
            RequestClass("write", weight: 1) {
                lb.call(serviceTime: .normal(mean: .milliseconds(30), stddev: .milliseconds(5))) {
                    shardDBs[0].call(serviceTime: .erlang(k: 3, mean: .milliseconds(9)))
                    if audit { auditLog.call() }
                }
            }
            if audit {
                RequestClass("admin", weight: 0.25) {
                    api.call(serviceTime: .pareto(shape: 2.5, scale: .milliseconds(10))) {
                        shardDBs[0].call(serviceTime: .weibull(shape: 0.7, scale: .milliseconds(5)))
                    }
                }
            }
        }
    }

    @Test("DSL → JSON → decode gives the same scenario", arguments: [(1, false), (3, true)])
    func roundTrip(_ shards: Int, _ audit: Bool) throws {
        let scenario = try Self.rich(shards: shards, audit: audit)
        #expect(try Self.roundTrip(scenario) == scenario)
        #expect(scenario.routes.count == (audit ? 3 : 2))
        #expect(scenario.workload.mix.map(\.requestClass) == scenario.routes.map(\.requestClass))
    }

    @Test("listed components keep their order; referenced but unlisted ones follow, in order of first reference")
    func componentOrder() throws {
        let scenario = try Self.rich(shards: 3, audit: true)
        #expect(scenario.components.map(\.id) == ["lb", "api", "api2", "db-0", "db-1", "db-2", "search", "audit-log"])
        let a = Service("a", serviceTime: .constant(.milliseconds(1)))
        let b = Service("b", serviceTime: .constant(.milliseconds(1)))
        let lb = Balancer("lb") { b }
        // Nothing listed: every component comes from a reference, the balancer's backend after it.
        let implicit = try Scenario("implicit", duration: .minutes(1), traffic: .poisson(rate: 1)) {
            RequestClass("get") { a.call(); lb.call() }
        }
        #expect(implicit.components.map(\.id) == ["a", "lb", "b"])
        #expect(implicit.workload.mix == [Workload.ClassWeight("get", weight: 1)])
        // Listing a component twice, or listing and referring to it, includes it once.
        let repeated = try Scenario("repeated", duration: .minutes(1), traffic: .poisson(rate: 1)) {
            a
            a
            RequestClass("get") { a.call() }
        }
        #expect(repeated.components.map(\.id) == ["a"])
    }

    @Test("a single class of weight 1 equals a JSON file without mix")
    func defaultMix() throws {
        let api = Service("api", serviceTime: .constant(.milliseconds(20)))
        let swift = try Scenario("tiny", duration: .minutes(1), traffic: .poisson(rate: 10)) {
            RequestClass("get") { api.call() }
        }
        let json = try ScenarioLoader.decode(text: Fixtures.minimal.rendered(), file: "tiny.json")
        #expect(swift == json)
    }

    @Test("an invalid Swift scenario throws every problem with its JSON path, naming the Swift file")
    func diagnostics() {
        let api = Service("api", instances: 0, serviceTime: .exponential(mean: .milliseconds(-1)))
        let other = Service("api", serviceTime: .constant(.milliseconds(1)))
        #expect {
            _ = try Scenario("bad", duration: .minutes(1), warmup: .minutes(2), traffic: .poisson(rate: 0), file: "Bad/main.swift") {
                api
                other
                RequestClass("get", weight: -1) { api.call(probability: 2) }
            }
        } throws: { error in
            (error as? ScenarioError)?.description == """
                Bad/main.swift: warmup: found "2m"; expected a duration shorter than duration ("1m")
                Bad/main.swift: workload.rate: found 0; expected a number of requests per second > 0
                Bad/main.swift: workload.mix.get: found -1; expected a weight > 0
                Bad/main.swift: components[0].instances: found 0; expected an integer from 1 to 100,000
                Bad/main.swift: components[0].serviceTime.mean: found "-1ms"; expected a duration > 0
                Bad/main.swift: components[1].id: duplicate id "api" (first used at components[0])
                Bad/main.swift: routes[0].steps[0].probability: found 2; expected a probability greater than 0 and at most 1
                """
        }
    }

    @Test("the file named in diagnostics defaults to the Swift file that describes the scenario")
    func defaultFile() {
        do {
            _ = try Scenario("", duration: .minutes(1), traffic: .poisson(rate: 1)) {
                RequestClass("get") { Service("api", serviceTime: .constant(.milliseconds(1))).call() }
            }
            Issue.record("an empty name was accepted")
        } catch {
            #expect(error.description == "HeadroomScenarioTests/ScenarioDSLTests.swift: name: found \"\"; expected a non-empty name")
        }
    }

    @Test("docs/swift-dsl.md shows Scenarios/Swift/StartupMVP/main.swift as it is")
    func documentedExample() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/swift-dsl.md"), encoding: .utf8)
        let main = try String(contentsOf: Self.root.appendingPathComponent("Scenarios/Swift/StartupMVP/main.swift"), encoding: .utf8)
        let blocks = DocumentationTests.codeBlocks(page).filter { $0.language == "swift" }
        #expect(blocks.first?.text == String(main.dropLast()))
    }

    @Test("DSL spellings equal the JSON spellings")
    func spellings() throws {
        #expect(DistributionSpec.lognormal(median: .milliseconds(2), p99: .milliseconds(25)) == .lognormalPercentiles(median: .milliseconds(2), p99: .milliseconds(25)))
        #expect(DistributionSpec.empirical(samples: [.zero]) == .empiricalSamples([.zero]))
        #expect(DistributionSpec.empirical(histogram: []) == .empiricalHistogram([]))
        for (span, text) in [
            (TimeSpan.nanoseconds(250), "250ns"), (.microseconds(500), "500us"), (.milliseconds(12), "12ms"), (.seconds(1.5), "1.5s"),
            (.minutes(10), "10m"), (.hours(2), "2h"), (.days(1), "1d"), (.nanoseconds(3), "3ns"), (.milliseconds(0.1), "0.1ms"),
        ] {
            #expect(TimeSpan(parsing: text) == span, "\(text)")
        }
        #expect(Traffic.poisson(rate: 5) == Traffic(rate: 5))
        #expect(Traffic.deterministic(rate: 5).arrivals == .deterministic)
    }

    /// docs/swift-dsl.md, as text.
    static func page() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/swift-dsl.md"), encoding: .utf8)
    }

    @Test("docs/swift-dsl.md's sharding example sends every request to exactly one shard")
    func shardingExample() throws {
        // The example's code, as docs/swift-dsl.md shows it under "Loops, conditions and functions".
        let withWrites = true
        let shards = (0..<4).map { Database("db-\($0)", concurrency: 20, serviceTime: .gamma(shape: 2.5, mean: .milliseconds(4))) }
        // Each request reaches exactly one shard: a random pick is hash sharding with evenly spread keys.
        let router = Balancer("shard-router", strategy: .random) { for shard in shards { shard } }
        let api = Service("api", instances: 3, concurrency: 16, serviceTime: .exponential(mean: .milliseconds(15)))
        let scenario = try Scenario("sharded", duration: .minutes(10), traffic: .poisson(rate: 400)) {
            api
            for shard in shards { shard }
            RequestClass("read", weight: 9) { api.call { router.call() } }
            if withWrites {
                RequestClass("write") { api.call { router.call(serviceTime: .erlang(k: 3, mean: .milliseconds(9))) } }
            }
        }
        #expect(try Self.page().contains("    RequestClass(\"read\", weight: 9) { api.call { router.call() } }"))
        // Every route calls api, then the router, with probability 1: one call, to one of the four
        // shards (a balancer forwards each request to exactly one backend instance).
        for route in scenario.routes {
            guard let first = route.steps.first?.call, let second = first.then.first?.call else {
                Issue.record("\(route.requestClass): not api → router")
                continue
            }
            #expect(route.steps.count == 1 && first.component == "api" && first.probability == 1)
            #expect(first.then.count == 1 && second.component == "shard-router" && second.probability == 1)
        }
        let balancer = try #require(scenario.component("shard-router")?.spec(as: LoadBalancer.self))
        #expect(balancer.backends.map(\.component) == ["db-0", "db-1", "db-2", "db-3"])
        #expect(ScenarioValidator.validate(scenario).isEmpty)
    }

    @Test("docs/swift-dsl.md's error example is what a Scenario with those mistakes throws")
    func errorsExample() throws {
        let page = try Self.page()
        let block = try #require(page.components(separatedBy: "<!-- checked by: Tests/HeadroomScenarioTests/ScenarioDSLTests.swift -->\n```text\n").dropFirst().first?
            .components(separatedBy: "\n```").first)
        let lb = Balancer("lb") { Service("app", instances: 0, serviceTime: .constant(.milliseconds(5))) }
        #expect {
            _ = try Scenario("startup-mvp", duration: .minutes(1), traffic: .poisson(rate: 10), file: "StartupMVP/main.swift") {
                RequestClass("read") { lb.call(probability: 2) }
            }
        } throws: { error in
            (error as? ScenarioError)?.description == block
        }
    }
}

/// Resilience in the DSL: a call's timeout, retry, throttling and fallback, and a circuit breaker.
@Suite("Swift scenario DSL: resilience")
struct ResilienceDSLTests {
    @Test("a resilient call and a breaker build what the JSON says, and round-trip")
    func resilience() throws {
        let api = Service("api", concurrency: 10, serviceTime: .exponential(mean: .milliseconds(100)))
        let cache = Service("stale-cache", serviceTime: .constant(.milliseconds(1)))
        let breaker = Breaker("api-breaker", on: api, failureThreshold: 5, openFor: .seconds(30), callTimeout: .seconds(3))
        let retry = Retry(attempts: 4, backoff: .fullJitter, base: .milliseconds(50), cap: .seconds(2), budget: RetryBudget(percent: 10, minPerSecond: 1))
        let scenario = try Scenario("resilient", duration: .minutes(10), traffic: .poisson(rate: 80)) {
            breaker
            RequestClass("get") {
                api.call(timeout: .seconds(1), retry: retry, throttling: Throttling(k: 2)) {} fallback: { cache.call() }
            }
        }
        let json = """
            {"name": "resilient", "duration": "10m", "workload": {"rate": 80},
             "components": [
               {"id": "api-breaker", "kind": "circuitBreaker", "target": "api", "failureThreshold": 5, "openFor": "30s", "callTimeout": "3s"},
               {"id": "api", "kind": "service", "concurrency": 10, "serviceTime": {"dist": "exponential", "mean": "100ms"}},
               {"id": "stale-cache", "kind": "service", "serviceTime": "1ms"}],
             "routes": [{"class": "get", "steps": [{"call": "api", "timeout": "1s",
               "retry": {"attempts": 4, "backoff": "fullJitter", "base": "50ms", "cap": "2s", "budget": {"percent": 10, "minPerSecond": 1}},
               "throttling": {"k": 2}, "fallback": [{"call": "stale-cache"}]}]}]}
            """
        let read = try ScenarioLoader.decode(text: json, file: "resilient.json")
        #expect(read.components.sorted { $0.id < $1.id } == scenario.components.sorted { $0.id < $1.id })
        #expect(read.routes == scenario.routes)
        #expect(try ScenarioDSLTests.roundTrip(scenario) == scenario)
    }
}

/// Bad resilience settings: each a clear diagnostic.
@Suite("Resilience diagnostics")
struct ResilienceDiagnosticsTests {
    static func diagnostics(components: [JSONValue], step: JSONValue) -> [String] {
        let base: JSONValue = [["id": "api", "kind": "service", "serviceTime": "20ms"], ["id": "db", "kind": "service", "serviceTime": "2ms"]]
        guard case .array(let fixed) = base else { return [] }
        return Fixtures.diagnostics(Fixtures.minimal([
            ("components", .array(fixed + components)), ("routes", [["class": "get", "steps": [step]]]),
        ]))
    }

    @Test("a breaker on a component not called, a threshold of 0, a backoff cap below its base")
    func badInput() {
        let breaker: JSONValue = ["id": "cb", "kind": "circuitBreaker", "target": "db"]
        #expect(Self.diagnostics(components: [breaker], step: ["call": "api"]) == [
            #"s.json: components[2].target: no route calls "db"; expected a component that a route step calls (a breaker guards calls to it)"#
        ])
        let zero: JSONValue = ["id": "cb", "kind": "circuitBreaker", "target": "api", "failureThreshold": 0]
        #expect(Self.diagnostics(components: [zero], step: ["call": "api"]) == [
            #"s.json: components[2].failureThreshold: found 0; expected an integer from 1 to 1,000,000"#
        ])
        let capBelowBase: JSONValue = ["call": "api", "retry": ["base": "2s", "cap": "1s"]]
        #expect(Self.diagnostics(components: [], step: capBelowBase) == [
            #"s.json: routes[0].steps[0].retry.cap: found "1s"; expected a duration of at least base ("2s")"#
        ])
    }
}

/// Bad crash settings: each a clear diagnostic.
@Suite("Crash diagnostics")
struct CrashDiagnosticsTests {
    @Test("a crash of more instances than exist, a zone no instance has")
    func badInput() {
        let api: JSONValue = ["id": "api", "kind": "service", "instances": 2, "serviceTime": "20ms", "zones": ["a", "b", "c"]]
        func diagnostics(_ crash: JSONValue) -> [String] {
            Fixtures.diagnostics(Fixtures.minimal("components", [api, crash]))
        }
        #expect(diagnostics(["id": "x", "kind": "crash", "target": "api", "at": "10s", "instances": 3]) == [
            #"s.json: components[1].instances: found 3; expected at most the 2 instances of "api""#
        ])
        #expect(diagnostics(["id": "x", "kind": "crash", "target": "api", "at": "10s", "zone": "c"]) == [
            #"s.json: components[1].zone: no instance of "api" is in zone "c" (its 2 instances run in "a", "b")"#
        ])
    }
}

/// The wording of the failure kinds' cross-checks.
@Suite("Failure kind diagnostics")
struct FailureKindDiagnosticsTests {
    static func diagnostics(_ extra: [JSONValue]) -> [String] {
        ResilienceDiagnosticsTests.diagnostics(components: extra, step: ["call": "api"])
    }

    @Test("breakers: each policy's keys, one breaker per component")
    func breakers() {
        #expect(Self.diagnostics([["id": "cb", "kind": "circuitBreaker", "target": "api", "window": "5s"]]) == [
            #"s.json: components[2].window: key "window" applies to policy "failureRate"; this breaker's policy is "consecutiveFailures""#
        ])
        #expect(Self.diagnostics([["id": "cb", "kind": "circuitBreaker", "target": "api", "policy": "failureRate", "failureThreshold": 3]]) == [
            #"s.json: components[2].failureThreshold: key "failureThreshold" applies to policy "consecutiveFailures"; this breaker's policy is "failureRate" (use "failureRate" and "minimumCalls")"#
        ])
        let twice: [JSONValue] = [["id": "cb", "kind": "circuitBreaker", "target": "api"], ["id": "cb2", "kind": "circuitBreaker", "target": "api"]]
        #expect(Self.diagnostics(twice) == [
            #"s.json: components[3].target: "api" already has a circuit breaker, "cb"; expected one breaker per component"#
        ])
    }

    @Test("degradations and crashes: something to do, one mode at a time")
    func degradationsAndCrashes() {
        #expect(Self.diagnostics([["id": "d", "kind": "degradation", "target": "api", "at": "10s", "duration": "5s"]]) == [
            "s.json: components[2]: a degradation that changes nothing; expected a latencyFactor other than 1 or an errorProbability above 0"
        ])
        #expect(Self.diagnostics([["id": "x", "kind": "crash", "target": "api"]]) == [
            #"s.json: components[2]: missing "at" or "timeToFailure"; expected "at" for a scheduled crash or "timeToFailure" for random ones"#
        ])
        #expect(Self.diagnostics([["id": "x", "kind": "crash", "target": "api", "at": "10s", "timeToFailure": "5m"]]) == [
            #"s.json: components[2].timeToFailure: found both "at" and "timeToFailure"; expected one of them (a scheduled crash or random ones)"#
        ])
        #expect(Self.diagnostics([["id": "x", "kind": "crash", "target": "api", "timeToFailure": "5m", "repairAfter": "1m"]]) == [
            #"s.json: components[2].repairAfter: key "repairAfter" applies to a scheduled crash (with "at"), not to random ones ("timeToFailure")"#
        ])
        #expect(Self.diagnostics([["id": "x", "kind": "crash", "target": "api", "at": "10s", "timeToRepair": "1m"]]) == [
            #"s.json: components[2].timeToRepair: key "timeToRepair" applies to random crashes (with "timeToFailure"); expected "repairAfter" for a scheduled one"#
        ])
    }
}

import Testing
@testable import HeadroomScenario

/// A balancer's health checks and the rate limiter in the JSON format and the Swift DSL, and
/// their diagnostics.
@Suite("Health checks and rate limits: format")
struct HealthAndRateLimitScenarioTests {
    @Test("a health-checked balancer and a per-key limiter in Swift build what the JSON says, and round-trip")
    func dsl() throws {
        let api = Service("api", instances: 6, concurrency: 8, serviceTime: .exponential(mean: .milliseconds(50)))
        let lb = Balancer("lb", healthCheck: HealthCheck(interval: .seconds(10), unhealthyThreshold: 3, healthyThreshold: 3)) { api }
        let limit = RateLimit("per-user", rate: 10, burst: 20, scope: .key, latency: .constant(.milliseconds(1)))
        let scenario = try Scenario("limited", duration: .minutes(10), traffic: .poisson(rate: 100)) {
            RequestClass("get", keys: .uniform(count: 1_000)) {
                limit.call()
                lb.call()
            }
        }
        let json = """
            {"name": "limited", "duration": "10m", "workload": {"rate": 100},
             "components": [
               {"id": "per-user", "kind": "rateLimiter", "rate": 10, "burst": 20, "scope": "key", "latency": "1ms"},
               {"id": "lb", "kind": "loadBalancer", "backends": ["api"], "healthCheck": {"interval": "10s", "unhealthyThreshold": 3, "healthyThreshold": 3}},
               {"id": "api", "kind": "service", "instances": 6, "concurrency": 8, "serviceTime": {"dist": "exponential", "mean": "50ms"}}],
             "routes": [{"class": "get", "keys": {"dist": "uniform", "count": 1000}, "steps": [{"call": "per-user"}, {"call": "lb"}]}]}
            """
        let read = try ScenarioLoader.decode(text: json, file: "limited.json")
        #expect(read.components.sorted { $0.id < $1.id } == scenario.components.sorted { $0.id < $1.id })
        #expect(read.routes == scenario.routes)
        #expect(try ScenarioDSLTests.roundTrip(scenario) == scenario)
        // The defaults are an AWS target group's.
        #expect(HealthCheck() == HealthCheck(interval: .seconds(30), timeout: .seconds(5), unhealthyThreshold: 2, healthyThreshold: 5))
    }

    static func diagnostics(_ components: [JSONValue], keys: JSONValue? = nil, steps: [JSONValue] = [["call": "lb"]]) -> [String] {
        var route: [(String, JSONValue)] = [("class", "get"), ("steps", .array(steps))]
        if let keys { route.append(("keys", keys)) }
        let api: JSONValue = ["id": "api", "kind": "service", "serviceTime": "20ms"]
        return Fixtures.diagnostics(Fixtures.minimal([("components", .array([api] + components)), ("routes", [.object(route)])]))
    }

    @Test("health checks: a threshold of 0, a timeout not shorter than the interval, a backend checked twice")
    func healthCheckDiagnostics() {
        let zero: JSONValue = ["id": "lb", "kind": "loadBalancer", "backends": ["api"], "healthCheck": ["unhealthyThreshold": 0]]
        #expect(Self.diagnostics([zero]) == [
            "s.json: components[1].healthCheck.unhealthyThreshold: found 0; expected an integer from 1 to 10"
        ])
        let slow: JSONValue = ["id": "lb", "kind": "loadBalancer", "backends": ["api"], "healthCheck": ["interval": "5s", "timeout": "5s"]]
        #expect(Self.diagnostics([slow]) == [
            #"s.json: components[1].healthCheck.timeout: found "5s"; expected a duration shorter than interval ("5s")"#
        ])
        let unknown: JSONValue = ["id": "lb", "kind": "loadBalancer", "backends": ["api"], "healthCheck": ["every": "5s"]]
        #expect(Self.diagnostics([unknown]).first?.hasPrefix(#"s.json: components[1].healthCheck: unknown key "every""#) == true)
        let checked: JSONValue = ["id": "lb", "kind": "loadBalancer", "backends": ["api"], "healthCheck": ["interval": "10s"]]
        let again: JSONValue = ["id": "lb2", "kind": "loadBalancer", "backends": ["api"], "healthCheck": ["interval": "10s"]]
        #expect(Self.diagnostics([checked, again]) == [
            #"s.json: components[2].backends[0]: "api" is health-checked by "lb" already; expected each backend health-checked by one balancer"#
        ])
    }

    @Test("rate limiters: a rate of 0, a per-key limiter called by a route without keys")
    func rateLimiterDiagnostics() {
        let zero: JSONValue = ["id": "limit", "kind": "rateLimiter", "rate": 0]
        #expect(Self.diagnostics([zero], steps: [["call": "limit"]]) == [
            "s.json: components[1].rate: found 0; expected a number of calls per second > 0 and at most 1,000,000,000"
        ])
        let perKey: JSONValue = ["id": "limit", "kind": "rateLimiter", "rate": 5, "scope": "key"]
        #expect(Self.diagnostics([perKey], steps: [["call": "limit"]]) == [
            #"s.json: components[1].scope: route "get" calls "limit" without "keys"; expected every route calling a per-key limiter to give its requests keys (or "scope": "global")"#
        ])
        #expect(Self.diagnostics([perKey], keys: ["dist": "uniform", "count": 10], steps: [["call": "limit"]]) == ["OK"])
        let scope: JSONValue = ["id": "limit", "kind": "rateLimiter", "rate": 5, "scope": "user"]
        #expect(Self.diagnostics([scope], steps: [["call": "limit"]]) == [
            #"s.json: components[1].scope: unknown scope "user"; expected one of "global", "key""#
        ])
    }
}

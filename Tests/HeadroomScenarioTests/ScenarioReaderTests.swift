import Foundation
import Testing

@testable import HeadroomScenario

/// A document and the exact diagnostics it must produce.
struct DiagnosticCase: Sendable, CustomTestStringConvertible {
    let name: String
    let document: JSONValue
    let expected: [String]
    init(_ name: String, _ document: JSONValue, _ expected: [String]) {
        self.name = name
        self.document = document
        self.expected = expected
    }
    var testDescription: String { name }
}

@Suite("Scenario reader")
struct ScenarioReaderTests {
    typealias F = Fixtures

    @Test("the rich and the minimal scenarios load, with defaults filled in")
    func validScenarios() throws {
        let rich = try ScenarioLoader.decode(text: Fixtures.richText, file: "rich.json")
        #expect(rich.seed == UInt64.max)
        #expect(rich.warmup == .minutes(1))
        #expect(rich.workload.arrivals == .deterministic)
        #expect(rich.workload.mix.map(\.requestClass) == ["read", "write", "admin"])
        #expect(rich.components.count == 10)
        #expect(rich.workload.bursts == [
            Workload.Burst(start: .minutes(2), duration: .seconds(30), rate: 600, every: .minutes(5)),
            Workload.Burst(start: .minutes(8), duration: .seconds(10), rate: 0),
        ])
        #expect(rich.component("thumbs")?.spec(as: ServerlessFunction.self) == (ServerlessFunction(
            serviceTime: .constant(.milliseconds(40)), concurrencyLimit: 50,
            coldStart: .lognormalPercentiles(median: .milliseconds(250), p99: .seconds(1)), idleTimeout: .minutes(5),
            memoryMB: 512, timeout: .seconds(3))))
        #expect(rich.component("thumbs")?.pricing == Pricing(perMillionRequests: 0.2, gbSecond: 0.0000166667))
        #expect(rich.component("geo")?.spec(as: ExternalAPI.self) == (ExternalAPI(
            latency: .exponential(mean: .milliseconds(80)), rateLimit: 25, burst: 50, timeout: .seconds(1))))
        #expect(rich.component("lb-internal")?.pricing == Pricing(instanceHour: 0.0225, egressGB: 0.008))
        #expect(rich.routes[2].responseKB == 12.5 && rich.routes[0].responseKB == 0)
        #expect(rich.routes.map(\.keys) == [.uniform(count: 1_000), .zipf(exponent: 0.99, count: 100_000), .fixed(7)])
        #expect(rich.timeBucket == .seconds(30))
        #expect(rich.sla?.objectives == [
            Objective(.latency(percentile: 99.9, max: .seconds(2)), requestClass: "read"),
            Objective(.availability(minPercent: 99.9)),
            Objective(.successRate(minPercent: 99.5), requestClass: "write"),
            Objective(.errorRate(maxPercent: 1)),
            Objective(.throughput(minRps: 100)),
            Objective(.monthlyCost(maxDollars: 2_500)),
        ])
        #expect(rich.component("lb")?.spec(as: LoadBalancer.self) == (LoadBalancer(
            strategy: .weightedRoundRobin, backends: [.init("api"), .init("api2", weight: 2)], latency: .constant(.milliseconds(1)))))
        #expect(rich.component("api2")?.pool?.serviceTime == .lognormalPercentiles(median: .milliseconds(15), p99: .milliseconds(120)))
        #expect(rich.component("api2")?.pool?.queueCapacity == 0)
        #expect(rich.routes[0].steps == [
            .call(Call("lb", then: [
                .call(Call("cache.v2")),
                .call(Call("db", probability: 0.3, serviceTime: .constant(.milliseconds(4)))),
                .call(Call("lb-internal", probability: 0.05)),
            ])),
        ])

        let minimal = try ScenarioLoader.decode(text: Fixtures.minimal.rendered(), file: "tiny.json")
        #expect(minimal == Scenario(
            name: "tiny", seed: 1, duration: .minutes(1), warmup: .zero,
            workload: Workload(arrivals: .poisson, rate: 10, mix: [.init("get", weight: 1)]),
            components: [Component(id: "api", ServicePool(serviceTime: .constant(.milliseconds(20))))],
            routes: [Route(requestClass: "get", steps: [.call(Call("api"))])]))
    }

    static let structureCases: [DiagnosticCase] = [
        DiagnosticCase("document not an object", [], [
            #"s.json: found an empty array; expected a scenario object such as {"name": "shop", "duration": "10m", "workload": {...}, ...}"#,
        ]),
        DiagnosticCase("misspelt top-level key, no second report of the missing key", F.minimal([("nmae", "x"), ("name", nil)]), [
            #"s.json: unknown key "nmae"; did you mean "name"?"#,
        ]),
        DiagnosticCase("missing required keys", [:], [
            #"s.json: missing required key "name""#,
            #"s.json: missing required key "duration""#,
            #"s.json: missing required key "workload""#,
            #"s.json: missing required key "components""#,
            #"s.json: missing required key "routes""#,
        ]),
        DiagnosticCase("unknown keys far from any allowed key; near ones already used", F.minimal([("extra", 1), ("routs", [])]), [
            #"s.json: unknown key "extra"; expected one of "name", "description", "seed", "duration", "warmup", "timeBucket", "workload", "components", "routes", "sla""#,
            #"s.json: unknown key "routs"; expected one of "name", "description", "seed", "duration", "warmup", "timeBucket", "workload", "components", "routes", "sla""#,
        ]),
        DiagnosticCase("wrong types at the top level", F.minimal([("name", 3), ("description", .null), ("seed", -1)]), [
            #"s.json: name: found 3 (a number); expected a string"#,
            #"s.json: description: found null; expected a string"#,
            #"s.json: seed: found -1; expected an integer from 0 to 18446744073709551615"#,
        ]),
        DiagnosticCase("seeds", F.minimal("seed", 1.5), [
            #"s.json: seed: found 1.5; expected an integer from 0 to 18446744073709551615"#,
        ]),
        DiagnosticCase("seed too large", F.minimal("seed", .number(JSONNumber(1e30))), [
            #"s.json: seed: found 1e+30; expected an integer from 0 to 18446744073709551615"#,
        ]),
        DiagnosticCase("seed as a string", F.minimal("seed", "1"), [
            #"s.json: seed: found "1" (a string); expected an integer from 0 to 18446744073709551615"#,
        ]),
        DiagnosticCase("durations", F.minimal([("duration", 0.25), ("warmup", "1 minute")]), [
            #"s.json: duration: found 0.25 (a number); expected a duration with a unit, such as "0.25s" or "0.25ms""#,
            #"s.json: warmup: found "1 minute"; expected a duration with a unit; did you mean "1m"?"#,
        ]),
        DiagnosticCase("more durations", F.minimal([("duration", "10min"), ("warmup", "250")]), [
            #"s.json: duration: found "10min"; expected a duration with a unit; did you mean "10m"?"#,
            #"s.json: warmup: found "250"; expected a duration with a unit, such as "250s" or "250ms""#,
        ]),
        DiagnosticCase("durations without a usable unit", F.minimal([("duration", "fast"), ("warmup", "5MS")]), [
            #"s.json: duration: found "fast"; expected a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#,
            #"s.json: warmup: found "5MS"; expected a duration with a unit; did you mean "5ms"?"#,
        ]),
        DiagnosticCase("durations of the wrong type or size", F.minimal([("duration", "1e308h"), ("warmup", [])]), [
            #"s.json: duration: found "1e308h"; expected a finite duration"#,
            #"s.json: warmup: found an empty array; expected a duration with a unit, such as "250ms""#,
        ]),
        DiagnosticCase("workload keys and types", F.minimal("workload", ["arrivals": "poison", "rate": "150", "mix": ["get": "1"], "mixx": 1]), [
            #"s.json: workload: unknown key "mixx"; expected one of "arrivals", "rate", "mix", "bursts", "shape", "users", "thinkTime""#,
            #"s.json: workload.arrivals: unknown arrival process "poison"; did you mean "poisson"?"#,
            #"s.json: workload.rate: found "150" (a string); expected a number of requests per second > 0"#,
            #"s.json: workload.mix.get: found "1" (a string); expected a weight > 0"#,
        ]),
        DiagnosticCase("workload misspelt rate, wrong arrivals and mix types", F.minimal("workload", ["arrivals": 1, "rat": 5, "mix": []]), [
            #"s.json: workload: unknown key "rat"; did you mean "rate"?"#,
            #"s.json: workload.arrivals: found 1 (a number); expected one of "poisson", "deterministic""#,
            #"s.json: workload.mix: found an empty array; expected an object of class weights such as {"read": 9, "write": 1}"#,
        ]),
        DiagnosticCase("workload not an object", F.minimal("workload", []), [
            #"s.json: workload: found an empty array; expected an object such as {"rate": 100, "mix": {"read": 9, "write": 1}}"#,
        ]),
        DiagnosticCase("mix keys that are not identifiers are quoted in paths", F.minimal("workload", ["rate": 1, "mix": ["my class": true]]), [
            #"s.json: workload.mix["my class"]: found true; expected a weight > 0"#,
        ]),
        DiagnosticCase(
            "mix left out with two routes",
            F.minimal([("workload", ["rate": 5]), ("routes", [["class": "a", "steps": [["call": "api"]]], ["class": "b", "steps": [["call": "api"]]]])]),
            [#"s.json: workload: missing required key "mix" (needed when there is more than one route)"#]),
    ]

    static let componentCases: [DiagnosticCase] = [
        DiagnosticCase("components not an array", F.minimal("components", ["api": 1]), [
            #"s.json: components: found an object; expected an array of components"#,
        ]),
        DiagnosticCase("component not an object", F.minimal("components", ["api"]), [
            #"s.json: components[0]: found "api" (a string); expected a component such as {"id": "api", "kind": "service", "serviceTime": "20ms"}"#,
        ]),
        DiagnosticCase("misspelt kind and key", F.withComponent(["id": "api", "kind": "servce", "serviceTime": "20ms", "instnces": 2]), [
            #"s.json: components[0]: unknown key "instnces"; did you mean "instances"?"#,
            #"s.json: components[0].kind: unknown kind "servce"; did you mean "service"?"#,
        ]),
        DiagnosticCase("unknown kind, far from any", F.withComponent(["id": "api", "kind": "mainframe", "serviceTime": "20ms"]), [
            #"s.json: components[0].kind: unknown kind "mainframe"; expected one of "service", "database", "loadBalancer", "function", "externalAPI", "queue", "autoscaler", "circuitBreaker", "degradation", "crash", "cache", "cdn", "shards", "connectionPool", "rateLimiter""#,
        ]),
        DiagnosticCase("kind of the wrong type", F.withComponent(["id": "api", "kind": 3, "serviceTime": "20ms"]), [
            #"s.json: components[0].kind: found 3 (a number); expected one of "service", "database", "loadBalancer", "function", "externalAPI", "queue", "autoscaler", "circuitBreaker", "degradation", "crash", "cache", "cdn", "shards", "connectionPool", "rateLimiter""#,
        ]),
        DiagnosticCase("kind missing", F.withComponent(["id": "api", "serviceTime": "20ms"]), [
            #"s.json: components[0]: missing required key "kind" (one of "service", "database", "loadBalancer", "function", "externalAPI", "queue", "autoscaler", "circuitBreaker", "degradation", "crash", "cache", "cdn", "shards", "connectionPool", "rateLimiter")"#,
        ]),
        DiagnosticCase(
            "pool fields of the wrong types",
            F.withComponent(["id": 1, "kind": "service", "serviceTime": 20, "instances": 1.5, "concurrency": "2", "queueCapacity": -1.5, "timeout": 2]),
            [
                #"s.json: components[0].id: found 1 (a number); expected an id such as "api""#,
                #"s.json: components[0].instances: found 1.5; expected an integer from 1 to 100,000"#,
                #"s.json: components[0].concurrency: found "2" (a string); expected an integer from 1 to 1,000,000"#,
                #"s.json: components[0].queueCapacity: found -1.5; expected an integer from 0 to 100,000,000"#,
                #"s.json: components[0].serviceTime: found 20 (a number); expected a duration with a unit, such as "20s" or "20ms""#,
                #"s.json: components[0].timeout: found 2 (a number); expected a duration with a unit, such as "2s" or "2ms""#,
            ]),
        DiagnosticCase("null queue capacity", F.withComponent(["id": "api", "kind": "service", "serviceTime": "20ms", "queueCapacity": .null]), [
            #"s.json: components[0].queueCapacity: found null; expected an integer from 0 to 100,000,000 (leave the key out for an unbounded queue)"#,
        ]),
        DiagnosticCase("service time missing", F.withComponent(["id": "api", "kind": "database"]), [
            #"s.json: components[0]: missing required key "serviceTime""#,
        ]),
        DiagnosticCase(
            "load-balancer keys on a service",
            F.withComponent(["id": "api", "kind": "service", "serviceTime": "20ms", "strategy": "random", "backends": ["x"]]),
            [
                #"s.json: components[0]: key "strategy" does not apply to kind "service"; expected one of "id", "kind", "pricing", "instances", "concurrency", "queueCapacity", "serviceTime", "timeout", "shedAfter", "zones""#,
                #"s.json: components[0]: key "backends" does not apply to kind "service"; expected one of "id", "kind", "pricing", "instances", "concurrency", "queueCapacity", "serviceTime", "timeout", "shedAfter", "zones""#,
            ]),
        DiagnosticCase(
            "load balancer: service keys, strategy, backends and latency",
            F.withBalancer(["id": "lb", "kind": "loadBalancer", "strategy": "roundrobin", "backends": "api", "latency": [], "instances": 2]),
            [
                #"s.json: components[1]: key "instances" does not apply to kind "loadBalancer"; expected one of "id", "kind", "pricing", "strategy", "backends", "latency", "healthCheck""#,
                #"s.json: components[1].strategy: unknown strategy "roundrobin"; did you mean "roundRobin"?"#,
                #"s.json: components[1].backends: found "api" (a string); expected an array of component ids such as ["api"]"#,
                #"s.json: components[1].latency: found an empty array; expected a duration such as "20ms" or a distribution such as {"dist": "exponential", "mean": "20ms"}"#,
            ]),
        DiagnosticCase(
            "backends of every wrong shape",
            F.withBalancer(["id": "lb", "kind": "loadBalancer", "strategy": "rr", "backends": [1, ["component": "api", "wieght": 2], ["weight": 2], ["component": "api", "weight": "2"]]]),
            [
                #"s.json: components[1].strategy: unknown strategy "rr"; expected one of "roundRobin", "weightedRoundRobin", "random", "leastConnections", "powerOfTwoChoices""#,
                #"s.json: components[1].backends[0]: found 1 (a number); expected a component id such as "api" or {"component": "api", "weight": 2}"#,
                #"s.json: components[1].backends[1]: unknown key "wieght"; did you mean "weight"?"#,
                #"s.json: components[1].backends[2]: missing required key "component""#,
                #"s.json: components[1].backends[3].weight: found "2" (a string); expected a weight > 0"#,
            ]),
        DiagnosticCase("backends missing", F.withComponent(["id": "api", "kind": "loadBalancer"]), [
            #"s.json: components[0]: missing required key "backends""#,
        ]),
    ]

    static let distributionCases: [DiagnosticCase] = [
        DiagnosticCase("dist missing", F.withServiceTime(["mean": "20ms"]), [
            #"s.json: components[0].serviceTime: missing required key "dist" (one of "constant", "exponential", "uniform", "normal", "lognormal", "gamma", "erlang", "weibull", "pareto", "empirical")"#,
        ]),
        DiagnosticCase("dist abbreviated", F.withServiceTime(["dist": "expo", "mean": "20ms"]), [
            #"s.json: components[0].serviceTime.dist: unknown distribution "expo"; did you mean "exponential"?"#,
        ]),
        DiagnosticCase("dist misspelt; parameters still checked", F.withServiceTime(["dist": "exponentail", "mean": 20]), [
            #"s.json: components[0].serviceTime.dist: unknown distribution "exponentail"; did you mean "exponential"?"#,
            #"s.json: components[0].serviceTime.mean: found 20 (a number); expected a duration with a unit, such as "20s" or "20ms""#,
        ]),
        DiagnosticCase("dist of the wrong type", F.withServiceTime(["dist": 5, "mean": 3]), [
            #"s.json: components[0].serviceTime.dist: found 5 (a number); expected one of "constant", "exponential", "uniform", "normal", "lognormal", "gamma", "erlang", "weibull", "pareto", "empirical""#,
            #"s.json: components[0].serviceTime.mean: found 3 (a number); expected a duration with a unit, such as "3s" or "3ms""#,
        ]),
        DiagnosticCase("another distribution's key, and an unknown key", F.withServiceTime(["dist": "exponential", "mean": "20ms", "stddev": "1ms", "meen": 1]), [
            #"s.json: components[0].serviceTime: key "stddev" does not apply to dist "exponential"; expected one of "dist", "mean""#,
            #"s.json: components[0].serviceTime: unknown key "meen"; expected one of "dist", "mean""#,
        ]),
        DiagnosticCase("uniform given a mean", F.withServiceTime(["dist": "uniform", "mean": "20ms"]), [
            #"s.json: components[0].serviceTime: key "mean" does not apply to dist "uniform"; expected one of "dist", "min", "max""#,
            #"s.json: components[0].serviceTime: missing required key "min""#,
            #"s.json: components[0].serviceTime: missing required key "max""#,
        ]),
        DiagnosticCase("constant with a misspelt value", F.withServiceTime(["dist": "constant", "vale": "1ms"]), [
            #"s.json: components[0].serviceTime: unknown key "vale"; did you mean "value"?"#,
        ]),
        DiagnosticCase("lognormal mixing both forms", F.withServiceTime(["dist": "lognormal", "mean": "20ms", "p99": "1s"]), [
            #"s.json: components[0].serviceTime: a lognormal takes either "mean" and "cv" or "median" and "p99", not both"#,
        ]),
        DiagnosticCase("lognormal half a form", F.withServiceTime(["dist": "lognormal", "median": "20ms"]), [
            #"s.json: components[0].serviceTime: missing required key "p99""#,
        ]),
        DiagnosticCase("lognormal mean without cv", F.withServiceTime(["dist": "lognormal", "mean": "20ms"]), [
            #"s.json: components[0].serviceTime: missing required key "cv""#,
        ]),
        DiagnosticCase("lognormal with no parameters", F.withServiceTime(["dist": "lognormal"]), [
            #"s.json: components[0].serviceTime: missing required keys: a lognormal takes either "mean" and "cv" or "median" and "p99""#,
        ]),
        DiagnosticCase("lognormal cv as a string", F.withServiceTime(["dist": "lognormal", "mean": "20ms", "cv": "0.5"]), [
            #"s.json: components[0].serviceTime.cv: found "0.5" (a string); expected a number > 0"#,
        ]),
        DiagnosticCase("erlang k not an integer", F.withServiceTime(["dist": "erlang", "k": 2.5, "mean": "1ms"]), [
            #"s.json: components[0].serviceTime.k: found 2.5; expected an integer >= 1"#,
        ]),
        DiagnosticCase("gamma shape as a string", F.withServiceTime(["dist": "gamma", "shape": "2", "mean": "1ms"]), [
            #"s.json: components[0].serviceTime.shape: found "2" (a string); expected a number > 0"#,
        ]),
        DiagnosticCase("pareto shape of the wrong type", F.withServiceTime(["dist": "pareto", "shape": [], "scale": "1ms"]), [
            #"s.json: components[0].serviceTime.shape: found an empty array; expected a number > 1"#,
        ]),
        DiagnosticCase("empirical with neither form", F.withServiceTime(["dist": "empirical"]), [
            #"s.json: components[0].serviceTime: missing required key "samples" or "histogram""#,
        ]),
        DiagnosticCase("empirical with both forms", F.withServiceTime(["dist": "empirical", "samples": ["1ms", 2], "histogram": []]), [
            #"s.json: components[0].serviceTime: an empirical distribution takes either "samples" or "histogram", not both"#,
            #"s.json: components[0].serviceTime.samples[1]: found 2 (a number); expected a duration with a unit, such as "2s" or "2ms""#,
        ]),
        DiagnosticCase("samples not an array", F.withServiceTime(["dist": "empirical", "samples": "1ms"]), [
            #"s.json: components[0].serviceTime.samples: found "1ms" (a string); expected an array of durations"#,
        ]),
        DiagnosticCase("histogram bins of every wrong shape", F.withServiceTime(["dist": "empirical", "histogram": [["upTo": "1ms"], 3, ["upTo": 5, "weight": "1", "w": 1]]]), [
            #"s.json: components[0].serviceTime.histogram[0]: missing required key "weight""#,
            #"s.json: components[0].serviceTime.histogram[1]: found 3 (a number); expected a bin such as {"upTo": "10ms", "weight": 5}"#,
            #"s.json: components[0].serviceTime.histogram[2]: unknown key "w"; expected one of "upTo", "weight""#,
            #"s.json: components[0].serviceTime.histogram[2].upTo: found 5 (a number); expected a duration with a unit, such as "5s" or "5ms""#,
            #"s.json: components[0].serviceTime.histogram[2].weight: found "1" (a string); expected a weight >= 0"#,
        ]),
        DiagnosticCase("histogram not an array", F.withServiceTime(["dist": "empirical", "histogram": ["upTo": "1ms", "weight": 1]]), [
            #"s.json: components[0].serviceTime.histogram: found an object; expected an array of bins such as {"upTo": "10ms", "weight": 5}"#,
        ]),
        DiagnosticCase("distribution of the wrong type", F.withServiceTime(true), [
            #"s.json: components[0].serviceTime: found true; expected a duration such as "20ms" or a distribution such as {"dist": "exponential", "mean": "20ms"}"#,
        ]),
        DiagnosticCase("distribution null", F.withServiceTime(.null), [
            #"s.json: components[0].serviceTime: found null; expected a duration such as "20ms" or a distribution such as {"dist": "exponential", "mean": "20ms"}"#,
        ]),
    ]

    static let routeCases: [DiagnosticCase] = [
        DiagnosticCase("routes not an array", F.minimal("routes", [:]), [
            #"s.json: routes: found an empty object; expected an array of routes"#,
        ]),
        DiagnosticCase("route not an object", F.minimal("routes", ["x"]), [
            #"s.json: routes[0]: found "x" (a string); expected a route such as {"class": "read", "steps": [{"call": "api"}]}"#,
        ]),
        DiagnosticCase("route with a misspelt class", F.minimal("routes", [["clas": "get", "steps": []]]), [
            #"s.json: routes[0]: unknown key "clas"; did you mean "class"?"#,
        ]),
        DiagnosticCase("route fields of the wrong types", F.minimal("routes", [["class": 1, "steps": ["call": "api"]]]), [
            #"s.json: routes[0].class: found 1 (a number); expected a class name such as "read""#,
            #"s.json: routes[0].steps: found an object; expected an array of steps such as [{"call": "api"}]"#,
        ]),
        DiagnosticCase("route without steps", F.minimal("routes", [["class": "get"]]), [
            #"s.json: routes[0]: missing required key "steps""#,
        ]),
        DiagnosticCase(
            "steps of every wrong shape",
            F.withSteps(["api", ["probability": 0.5], ["cal": "api"], ["call": "api", "probability": "half", "then": ["x"], "serviceTime": 4, "thne": []]]),
            [
                #"s.json: routes[0].steps[0]: found "api" (a string); expected a step such as {"call": "api"}"#,
                #"s.json: routes[0].steps[1]: found an object without "call", "enqueue", "read", "write" or "parallel"; expected a step such as {"call": "api"}"#,
                #"s.json: routes[0].steps[2]: unknown key "cal"; did you mean "call"?"#,
                #"s.json: routes[0].steps[3]: unknown key "thne"; expected one of "call", "probability", "serviceTime", "then", "timeout", "retry", "throttling", "fallback""#,
                #"s.json: routes[0].steps[3].probability: found "half" (a string); expected a probability greater than 0 and at most 1"#,
                #"s.json: routes[0].steps[3].serviceTime: found 4 (a number); expected a duration with a unit, such as "4s" or "4ms""#,
                #"s.json: routes[0].steps[3].then[0]: found "x" (a string); expected a step such as {"call": "x"}"#,
            ]),
        DiagnosticCase("call of the wrong type", F.withSteps([["call": ["api"]]]), [
            #"s.json: routes[0].steps[0].call: found an array; expected a component id such as "api""#,
        ]),
    ]

    @Test("structure diagnostics: exact wording", arguments: structureCases)
    func structure(_ c: DiagnosticCase) { #expect(Fixtures.diagnostics(c.document) == c.expected) }

    @Test("component diagnostics: exact wording", arguments: componentCases)
    func components(_ c: DiagnosticCase) { #expect(Fixtures.diagnostics(c.document) == c.expected) }

    @Test("distribution diagnostics: exact wording", arguments: distributionCases)
    func distributions(_ c: DiagnosticCase) { #expect(Fixtures.diagnostics(c.document) == c.expected) }

    @Test("route diagnostics: exact wording", arguments: routeCases)
    func routes(_ c: DiagnosticCase) { #expect(Fixtures.diagnostics(c.document) == c.expected) }

    @Test("every problem in a file is reported, in document order, one line each")
    func collectsEveryProblem() {
        let text = #"""
            {
              "name": "broken",
              "duration": 600,
              "workload": {"rate": "lots", "mix": {"read": 1}},
              "components": [
                {"id": "api", "kind": "servce", "serviceTime": "20ms"},
                {"id": "db", "kind": "database", "serviceTime": {"dist": "exponential", "mean": "5 ms", "stddev": 1}},
                {"id": "lb", "kind": "loadBalancer", "backends": ["api"], "instances": 3}
              ],
              "routes": [{"class": "read", "steps": [{"cal": "lb"}]}]
            }
            """#
        let lines = Fixtures.diagnostics(text)
        #expect(lines == [
            #"s.json: duration: found 600 (a number); expected a duration with a unit, such as "600s" or "600ms""#,
            #"s.json: workload.rate: found "lots" (a string); expected a number of requests per second > 0"#,
            #"s.json: components[0].kind: unknown kind "servce"; did you mean "service"?"#,
            #"s.json: components[1].serviceTime: key "stddev" does not apply to dist "exponential"; expected one of "dist", "mean""#,
            #"s.json: components[2]: key "instances" does not apply to kind "loadBalancer"; expected one of "id", "kind", "pricing", "strategy", "backends", "latency", "healthCheck""#,
            #"s.json: routes[0].steps[0]: unknown key "cal"; did you mean "call"?"#,
        ])
        do {
            _ = try ScenarioLoader.decode(text: text, file: "s.json")
        } catch {
            #expect(error.description == lines.joined(separator: "\n"))
            #expect(error.file == "s.json")
            #expect(error.diagnostics[0] == ScenarioDiagnostic(path: "duration", message: #"found 600 (a number); expected a duration with a unit, such as "600s" or "600ms""#))
        }
    }

    @Test("suggestions: edit distance, case, prefixes; paths: dots, indices, quoted keys")
    func suggestionsAndPaths() {
        let keys = ComponentKind.service.descriptor.object.keys
        #expect(Wording.nearest(to: "instnces", among: keys) == "instances")
        #expect(Wording.nearest(to: "Concurency", among: keys) == "concurrency")
        #expect(Wording.nearest(to: "ROUNDROBIN", among: ["roundRobin", "random"]) == "roundRobin")
        #expect(Wording.nearest(to: "servicetimes", among: keys) == "serviceTime")
        #expect(Wording.nearest(to: "timeoutSeconds", among: keys) == nil)  // 7 edits > max(2, 14/3)
        #expect(Wording.nearest(to: "x", among: ["id"]) == nil)  // 2 edits, but nothing of "x" is kept
        #expect(Wording.nearest(to: "expo", among: DistributionSpec.names) == "exponential")  // unambiguous prefix
        #expect(Wording.nearest(to: "e", among: DistributionSpec.names) == nil)
        #expect(Wording.nearest(to: "ab", among: ["xb", "ax"]) == "xb")  // ties go to the first
        #expect(Wording.nearest(to: "", among: keys) == nil)
        #expect(Wording.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Wording.editDistance(Array(""), Array("abc")) == 3)
        #expect(Wording.suggestion(for: "zzz", among: ["a", "b"]) == #"; expected one of "a", "b""#)
        #expect(Wording.suggestion(for: "zzz", among: []) == "")

        let path = JSONPath.root.key("workload").key("mix").key("read heavy")
        #expect(path.description == #"workload.mix["read heavy"]"#)
        #expect(JSONPath.root.key("components").index(2).key("serviceTime").key("mean").description == "components[2].serviceTime.mean")
        #expect(JSONPath.root.key("a\"b").index(0).description == #"["a\"b"][0]"#)
        #expect(JSONPath.root.key("_x1").key("1x").key("é").description == #"_x1["1x"]["é"]"#)
        #expect(JSONPath.root.description == "")

        #expect(Wording.found(.string(String(repeating: "a", count: 50))) == "\"" + String(repeating: "a", count: 39) + "…\"")
        #expect(Wording.found(.object(JSONObject())) == "an empty object")
        #expect(Wording.foundWrongType(.bool(false)) == "false")
        #expect(ScenarioDiagnostic(path: "", message: "m").description == "m")
        #expect(ScenarioError(file: "f", diagnostics: [.init(path: "", message: "a"), .init(path: "p", message: "b")]).description == "f: a\nf: p: b")
    }

    @Test("a misread duration string gets a tailored expectation")
    func durationExpectations() {
        let cases: [(String, String)] = [
            ("250", #"a duration with a unit, such as "250s" or "250ms""#),
            ("1.5 secs", #"a duration with a unit; did you mean "1.5s"?"#),
            ("2hours", #"a duration with a unit; did you mean "2h"?"#),
            ("3 days", #"a duration with a unit; did you mean "3d"?"#),
            ("100 μs", #"a duration with a unit; did you mean "100us"?"#),
            ("7 nanos", #"a duration with a unit; did you mean "7ns"?"#),
            ("1e400s", #"a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#),
            ("ms", #"a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#),
            ("", #"a duration with a unit (ns, us, ms, s, m, h or d), such as "250ms""#),
        ]
        for (text, expected) in cases {
            #expect(ScenarioReader.durationExpectation(for: text) == expected, "\(text)")
        }
        #expect(TimeSpan(parsing: "100µs") == .microseconds(100))
        #expect(TimeSpan(parsing: " 1.5 s ") == .milliseconds(1500))
        #expect(TimeSpan(parsing: "100ms") == TimeSpan(parsing: "0.1s"))
    }

    @Test("syntax errors and unreadable files give one diagnostic naming the file")
    func fileProblems() throws {
        #expect(Fixtures.diagnostics("{\n  \"name\": \"x\"\n  \"seed\": 1\n}") == [
            #"s.json: line 3, column 3: expected ',' or '}' after an object member, found '"'"#,
        ])
        #expect(Fixtures.diagnostics(#"{"name": "x", "name": "y"}"#) == [
            #"s.json: line 1, column 15: duplicate key "name" (first at line 1, column 2)"#,
        ])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-scenario-tests-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        func loadError(_ path: String) -> String {
            do {
                _ = try ScenarioLoader.load(path: path)
                return "OK"
            } catch {
                return error.description
            }
        }
        let missing = directory.appendingPathComponent("missing.json").path
        #expect(loadError(missing) == "\(missing): cannot read the file: no such file")
        #expect(loadError(directory.path) == "\(directory.path): cannot read the file: it is a directory")

        let binary = directory.appendingPathComponent("binary.json")
        try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: binary)
        #expect(loadError(binary.path) == "\(binary.path): cannot read the file: it is not UTF-8 text")

        let good = directory.appendingPathComponent("good.json")
        try Data(("\u{FEFF}" + Fixtures.richText).utf8).write(to: good)
        #expect(loadError(good.path) == "OK")

        let bad = directory.appendingPathComponent("bad.json")
        try Data(Fixtures.minimal("seed", "x").rendered().utf8).write(to: bad)
        #expect(loadError(bad.path) == #"\#(bad.path): seed: found "x" (a string); expected an integer from 0 to 18446744073709551615"#)
    }
}

import Testing

@testable import HeadroomScenario

/// The kind and step registries, the defaults kinds declare, and the integer limits every
/// integer key enforces (issue 13: values at or above 2³¹ used to pass and crash the simulator).
@Suite("Kind and step descriptors")
struct DescriptorTests {
    @Test("the registry maps each kind to the type that declares that kind")
    func registry() {
        for kind in ComponentKind.allCases {
            #expect(kind.descriptor.kind == kind, "\(kind)")
        }
        for kind in StepKind.allCases {
            #expect(kind.descriptor.kind == kind, "\(kind)")
        }
        let nouns: [ComponentKind: String] = [
            .service: "service", .database: "database", .loadBalancer: "load balancer", .function: "function", .externalAPI: "external API",
            .queue: "queue", .autoscaler: "autoscaler",
        ]
        for (kind, noun) in nouns { #expect(kind.noun == noun) }
    }

    @Test("every kind's keys are distinct, and a key with a default is not required")
    func keys() throws {
        for kind in ComponentKind.allCases {
            let d = kind.descriptor
            #expect(Set(d.componentKeys).count == d.componentKeys.count, "\(kind)")
            for (key, schema) in d.object.properties where d.object.requiredKeys.contains(key) {
                #expect(schema["default"] == nil, "\(kind).\(key)")
            }
        }
    }

    /// Each kind with only its required keys, and the Swift value with every default of its initializer.
    static let defaults: [(JSONValue, Component)] = [
        (["id": "a", "kind": "service", "serviceTime": "5ms"], Component(id: "a", ServicePool(serviceTime: .constant(.milliseconds(5))))),
        (["id": "a", "kind": "database", "serviceTime": "5ms"], Component(id: "a", DatabasePool(serviceTime: .constant(.milliseconds(5))))),
        (["id": "a", "kind": "loadBalancer", "backends": ["api"]], Component(id: "a", LoadBalancer(backends: [.init("api")]))),
        (["id": "a", "kind": "function", "serviceTime": "5ms"], Component(id: "a", ServerlessFunction(serviceTime: .constant(.milliseconds(5))))),
        (["id": "a", "kind": "externalAPI", "latency": "5ms"], Component(id: "a", ExternalAPI(latency: .constant(.milliseconds(5))))),
        (["id": "a", "kind": "queue", "workers": "w"], Component(id: "a", MessageQueue(workers: "w"))),
        (["id": "a", "kind": "autoscaler", "scales": "w"], Component(id: "a", Autoscaling(scales: "w"))),
        (["id": "a", "kind": "circuitBreaker", "target": "api"], Component(id: "a", CircuitBreaker(target: "api"))),
        // A degradation must change something: its one non-required key here is latencyFactor.
        (["id": "a", "kind": "degradation", "target": "api", "at": "10s", "duration": "5s", "latencyFactor": 2],
         Component(id: "a", Degradation(target: "api", at: .seconds(10), duration: .seconds(5), latencyFactor: 2))),
        (["id": "a", "kind": "crash", "target": "api", "at": "10s"], Component(id: "a", Crash(target: "api", at: .seconds(10)))),
        (["id": "a", "kind": "cache", "latency": "5ms", "capacity": 10],
         Component(id: "a", KeyValueCache(latency: .constant(.milliseconds(5)), capacity: 10))),
        (["id": "a", "kind": "cdn", "latency": "5ms", "hitRatio": 0.5],
         Component(id: "a", ContentDeliveryNetwork(latency: .constant(.milliseconds(5)), hitRatio: 0.5))),
        (["id": "a", "kind": "shards", "shards": 2, "serviceTime": "5ms"],
         Component(id: "a", ShardedDatabase(shards: 2, serviceTime: .constant(.milliseconds(5))))),
        (["id": "a", "kind": "connectionPool", "database": "db"], Component(id: "a", DatabaseConnectionPool(database: "db"))),
        (["id": "a", "kind": "rateLimiter", "rate": 100], Component(id: "a", RateLimiter(rate: 100))),
    ]

    @Test("a kind's JSON defaults are its Swift initializer's defaults", arguments: 0..<15)
    func jsonDefaultsAreSwiftDefaults(_ i: Int) throws {
        let (json, expected) = Self.defaults[i]
        // "w", a pool of 2 no route calls, is what a queue's workers or an autoscaler's pool may be;
        // "db" is there for a connection pool to refer to.
        let w: JSONValue = ["id": "w", "kind": "service", "serviceTime": "1s", "instances": 2]
        let document = Fixtures.minimal(
            "components", [["id": "api", "kind": "service", "serviceTime": "20ms"], w, json, ["id": "db", "kind": "database", "serviceTime": "5ms"]])
        let scenario = try ScenarioLoader.decode(json: document, file: "s.json")
        #expect(scenario.components[2] == expected)
        #expect(Self.defaults.map { $0.1.kind } == ComponentKind.allCases)
    }

    @Test("a balancer declared in Swift refers to the components its descriptor names")
    func balancerReferences() {
        let api = Service("api", serviceTime: .constant(.milliseconds(1)))
        let db = Database("db", serviceTime: .constant(.milliseconds(1)))
        let lb = Balancer("lb") { api; db.weight(2); api }
        #expect(lb.component.descriptor.references(lb.component.spec) == ["api", "db", "api"])
        #expect(lb.references.map(\.id) == ["api", "db", "api"])
        #expect(lb.component.descriptor.callHolds(lb.component.spec)?.components == ["api", "db"])
        #expect(api.component.descriptor.callHolds(api.component.spec) == nil)
    }

    @Test("a step with no discriminator, or several, is one clear diagnostic")
    func stepShapes() {
        let example = #"a step such as {"call": "api"}"#
        #expect(ScenarioReader.stepShapeProblem(present: [], discriminators: ["call"], suggested: [], example: example)
            == #"found an object without "call"; expected a step such as {"call": "api"}"#)
        #expect(ScenarioReader.stepShapeProblem(present: [], discriminators: ["call", "enqueue", "parallel"], suggested: [], example: example)
            == #"found an object without "call", "enqueue" or "parallel"; expected a step such as {"call": "api"}"#)
        #expect(ScenarioReader.stepShapeProblem(present: ["call", "enqueue"], discriminators: ["call", "enqueue"], suggested: [], example: example)
            == #"found "call" and "enqueue" in one step; expected exactly one of them (a step such as {"call": "api"})"#)
        // A misspelt discriminator was already reported with "did you mean".
        #expect(ScenarioReader.stepShapeProblem(present: [], discriminators: ["call", "enqueue"], suggested: ["enqueue"], example: example) == nil)
    }

    @Test("reader: null for an optional key, an unknown kind's other keys, prices a kind is not charged")
    func readerWording() {
        #expect(Fixtures.diagnostics(Fixtures.withComponent(["id": "api", "kind": "service", "serviceTime": "20ms", "timeout": .null])) == [
            #"s.json: components[0].timeout: found null; expected a duration with a unit, such as "250ms" (leave the key out for no timeout)"#,
        ])
        #expect(Fixtures.diagnostics(Fixtures.withComponent(["id": "api", "kind": "servise", "concurrencyLimit": "a", "backends": 3, "burst": 0.5])) == [
            #"s.json: components[0].kind: unknown kind "servise"; did you mean "service"?"#,
            #"s.json: components[0].backends: found 3 (a number); expected an array of component ids such as ["api"]"#,
            #"s.json: components[0].concurrencyLimit: found "a" (a string); expected an integer from 1 to 1,000,000"#,
            "s.json: components[0].burst: found 0.5; expected an integer from 1 to 1,000,000,000",
        ])
    }

    @Test("validator: a price the kind is not charged, named by the kind's noun")
    func pricingWording() {
        var s = ValidationCase.base
        s.components.append(Component(id: "ext", ExternalAPI(latency: .constant(.milliseconds(1))), pricing: Pricing(instanceHour: 1)))
        s.components[0].pricing = Pricing(perCall: 1)
        #expect(ScenarioValidator.validate(s).map(\.description) == [
            #"components[0].pricing.perCall: a load balancer is not charged by "perCall"; expected one of "instanceHour", "egressGB""#,
            #"components[4].pricing.instanceHour: an external API is not charged by "instanceHour"; expected one of "perCall""#,
        ])
    }
}

/// Every integer key states and enforces its real range, from JSON and from Swift.
@Suite("Integer limits")
struct IntegerLimitsTests {
    /// One integer key: the component (JSON) it sits on, and its range as the message states it.
    struct Limit: Sendable, CustomTestStringConvertible {
        let key: String
        let component: JSONValue
        let lowest: Int
        let highest: Int
        let expected: String
        var testDescription: String { key }
    }

    static let limits: [Limit] = [
        Limit(key: "instances", component: ["id": "x", "kind": "service", "serviceTime": "1ms"], lowest: 1, highest: 100_000,
              expected: "an integer from 1 to 100,000"),
        Limit(key: "concurrency", component: ["id": "x", "kind": "database", "serviceTime": "1ms"], lowest: 1, highest: 1_000_000,
              expected: "an integer from 1 to 1,000,000"),
        Limit(key: "queueCapacity", component: ["id": "x", "kind": "service", "serviceTime": "1ms"], lowest: 0, highest: 100_000_000,
              expected: "an integer from 0 to 100,000,000"),
        Limit(key: "concurrencyLimit", component: ["id": "x", "kind": "function", "serviceTime": "1ms"], lowest: 1, highest: 1_000_000,
              expected: "an integer from 1 to 1,000,000"),
        Limit(key: "memoryMB", component: ["id": "x", "kind": "function", "serviceTime": "1ms"], lowest: 1, highest: 65_536,
              expected: "an integer number of MB from 1 to 65,536"),
        Limit(key: "burst", component: ["id": "x", "kind": "externalAPI", "latency": "1ms", "rateLimit": 10], lowest: 1,
              highest: 1_000_000_000, expected: "an integer from 1 to 1,000,000,000"),
    ]

    /// The diagnostics of `minimal` with `limit`'s component holding `value` at its key.
    static func diagnostics(_ limit: Limit, _ value: JSONValue) -> [String] {
        let component = limit.component.setting([.key(limit.key)], to: value)
        return Fixtures.diagnostics(Fixtures.minimal("components", [["id": "api", "kind": "service", "serviceTime": "20ms"], component]))
    }

    @Test("the ends of the range load; one past either end, 2³¹ and 2⁶³−1 are refused with the range", arguments: limits)
    func fromJSON(_ limit: Limit) {
        #expect(Self.diagnostics(limit, .int(limit.lowest)) == ["OK"])
        #expect(Self.diagnostics(limit, .int(limit.highest)) == ["OK"])
        for value in [limit.lowest - 1, limit.highest + 1, 2_147_483_648, Int.max] {
            #expect(Self.diagnostics(limit, .int(value)) == ["s.json: components[1].\(limit.key): found \(value); expected \(limit.expected)"])
        }
        // Beyond 64 bits, and fractions, the reader refuses with the same range.
        #expect(Self.diagnostics(limit, .number(JSONNumber(1e30))) == ["s.json: components[1].\(limit.key): found 1e+30; expected \(limit.expected)"])
        #expect(Self.diagnostics(limit, 2.5) == ["s.json: components[1].\(limit.key): found 2.5; expected \(limit.expected)"])
    }

    @Test("a Swift scenario gets the same limits")
    func fromSwift() {
        #expect {
            _ = try Scenario("big", duration: .minutes(1), traffic: .poisson(rate: 1), file: "Big.swift") {
                RequestClass("get") {
                    Service("api", instances: 2_147_483_648, concurrency: 1_000_001, queueCapacity: -1, serviceTime: .constant(.milliseconds(1))).call()
                    Function("fn", serviceTime: .constant(.milliseconds(1)), concurrencyLimit: 2_147_483_648, memoryMB: 65_537).call()
                    ExternalService("ext", latency: .constant(.milliseconds(1)), rateLimit: 1e12, burst: 2_147_483_648).call()
                }
            }
        } throws: { error in
            (error as? ScenarioError)?.description == """
                Big.swift: components[0].instances: found 2147483648; expected an integer from 1 to 100,000
                Big.swift: components[0].concurrency: found 1000001; expected an integer from 1 to 1,000,000
                Big.swift: components[0].queueCapacity: found -1; expected an integer from 0 to 100,000,000
                Big.swift: components[1].concurrencyLimit: found 2147483648; expected an integer from 1 to 1,000,000
                Big.swift: components[1].memoryMB: found 65537; expected an integer number of MB from 1 to 65,536
                Big.swift: components[2].rateLimit: found 1000000000000; expected a number of calls per second > 0 and at most 1,000,000,000
                Big.swift: components[2].burst: found 2147483648; expected an integer from 1 to 1,000,000,000
                """
        }
    }
}

import Testing

@testable import HeadroomScenario

/// A scenario built in Swift and the exact diagnostics the validator must produce for it.
struct ValidationCase: Sendable, CustomTestStringConvertible {
    let name: String
    let scenario: Scenario
    let expected: [String]
    init(_ name: String, _ expected: [String], _ edit: (inout Scenario) -> Void) {
        self.name = name
        var s = ValidationCase.base
        edit(&s)
        scenario = s
        self.expected = expected
    }
    var testDescription: String { name }

    /// A valid scenario: a load balancer over two services, a database, two routes.
    static let base = Scenario(
        name: "base", duration: .minutes(10), warmup: .minutes(1),
        workload: Workload(rate: 100, mix: [.init("read", weight: 9), .init("write", weight: 1)]),
        components: [
            Component(id: "lb", LoadBalancer(backends: [.init("api"), .init("api2")])),
            Component(id: "api", ServicePool(instances: 2, concurrency: 8, serviceTime: .exponential(mean: .milliseconds(20)))),
            Component(id: "api2", ServicePool(serviceTime: .constant(.milliseconds(5)))),
            Component(id: "db", DatabasePool(concurrency: 10, serviceTime: .exponential(mean: .milliseconds(2)))),
        ],
        routes: [
            Route(requestClass: "read", steps: [.call(Call("lb", then: [.call(Call("db"))]))]),
            Route(requestClass: "write", steps: [.call(Call("api", then: [.call(Call("db", probability: 0.5))]))]),
        ])

    /// Replaces the service time of component `index` (a pool).
    static func setServiceTime(_ s: inout Scenario, _ index: Int, _ spec: DistributionSpec) {
        editPool(&s, index) { $0.serviceTime = spec }
    }

    /// Edits the pool of component `index`.
    static func editPool(_ s: inout Scenario, _ index: Int, _ edit: (inout any PoolSpec) -> Void) {
        guard var pool = s.components[index].pool else { return }
        edit(&pool)
        s.components[index].spec = pool
    }

    /// Sets the backends of the load balancer at index 0.
    static func setBackends(_ s: inout Scenario, _ backends: [LoadBalancer.Backend], latency: DistributionSpec? = nil) {
        s.components[0].spec = LoadBalancer(backends: backends, latency: latency)
    }
}

@Suite("Scenario validator")
struct ScenarioValidatorTests {
    typealias V = ValidationCase

    @Test("the base and rich scenarios are valid")
    func valid() throws {
        #expect(ScenarioValidator.validate(V.base) == [])
        let rich = try ScenarioLoader.decode(text: Fixtures.richText, file: "rich.json")
        #expect(ScenarioValidator.validate(rich) == [])
    }

    static let scenarioCases: [ValidationCase] = [
        V("blank name, zero duration, negative warm-up", [
            #"name: found " "; expected a non-empty name"#,
            #"duration: found "0s"; expected a duration > 0"#,
            #"warmup: found "-1s"; expected a duration >= 0"#,
        ]) { s in
            s.name = " "
            s.duration = .zero
            s.warmup = .seconds(-1)
        },
        V("warm-up as long as the run", [#"warmup: found "10m"; expected a duration shorter than duration ("10m")"#]) { s in
            s.warmup = s.duration
        },
        V("non-finite values from Swift", [
            "duration: found inf seconds; expected a duration > 0",
            "warmup: found nan seconds; expected a duration >= 0",
            "workload.rate: found inf; expected a number of requests per second > 0",
            "workload.mix.read: found nan; expected a weight > 0",
        ]) { s in
            s.duration = TimeSpan(seconds: .infinity)
            s.warmup = TimeSpan(seconds: .nan)
            s.workload.rate = .infinity
            s.workload.mix[0].weight = .nan
        },
        V("zero rate and weight", [
            "workload.rate: found 0; expected a number of requests per second > 0",
            "workload.mix.write: found -1; expected a weight > 0",
        ]) { s in
            s.workload.rate = 0
            s.workload.mix[1].weight = -1
        },
        V("mix names a misspelt class: reported once, with a suggestion", [
            #"workload.mix.wirte: no route has class "wirte"; did you mean "write"?"#,
        ]) { s in
            s.workload.mix[1] = .init("wirte", weight: 1)
        },
        V("mix names an unknown class, and a route has no weight", [
            #"workload.mix.admin: no route has class "admin"; expected one of "read", "write""#,
            #"routes[1].class: class "write" has no weight in workload.mix"#,
        ]) { s in
            s.workload.mix[1] = .init("admin", weight: 1)
        },
        V("a class twice in the mix (only possible from Swift)", [#"workload.mix.read: duplicate class "read" in the mix"#]) { s in
            s.workload.mix.append(.init("read", weight: 1))
        },
        V("empty mix", [
            #"routes[0].class: class "read" has no weight in workload.mix"#,
            #"routes[1].class: class "write" has no weight in workload.mix"#,
        ]) { s in
            s.workload.mix = []
        },
        V("no components and no routes", [
            #"workload.mix.read: no route has class "read""#,
            #"workload.mix.write: no route has class "write""#,
            "components: found an empty array; expected at least one component",
            "routes: found an empty array; expected at least one route",
        ]) { s in
            s.components = []
            s.routes = []
        },
    ]

    static let componentCases: [ValidationCase] = [
        V("bad and duplicate ids", [
            #"components[4].id: found ""; expected an id made of letters, digits, "_", "." and "-""#,
            #"components[5].id: found "my api"; expected an id made of letters, digits, "_", "." and "-""#,
            #"components[6].id: duplicate id "db" (first used at components[3])"#,
        ]) { s in
            let pool = ServicePool(serviceTime: .constant(.milliseconds(1)))
            s.components += [
                Component(id: "", pool), Component(id: "my api", pool),
                Component(id: "db", pool),
            ]
        },
        V("pool numbers out of range", [
            "components[1].instances: found 0; expected an integer from 1 to 100,000",
            "components[1].concurrency: found -1; expected an integer from 1 to 1,000,000",
            "components[1].queueCapacity: found -1; expected an integer from 0 to 100,000,000",
            #"components[1].timeout: found "0s"; expected a duration > 0"#,
        ]) { s in
            V.editPool(&s, 1) {
                $0.instances = 0
                $0.concurrency = -1
                $0.queueCapacity = -1
                $0.timeout = .zero
            }
        },
        V("load balancer with no backends", ["components[0].backends: found an empty array; expected at least one backend"]) { s in
            V.setBackends(&s, [])
            s.routes[0].steps = [.call(Call("api"))]
        },
        V("backends: unknown, a load balancer, itself, duplicate, zero weight, bad latency", [
            #"components[0].backends[0]: unknown component "ap"; did you mean "api"?"#,
            #"components[0].backends[1]: "lb" is a load balancer; expected a service or database"#,
            #"components[0].backends[2].weight: found 0; expected a weight > 0"#,
            #"components[0].backends[3]: duplicate backend "api2" (first at backends[2])"#,
            #"components[0].backends[4]: unknown component "cache"; expected one of "api", "api2", "db""#,
            #"components[0].latency: found "-1ms"; expected a duration >= 0"#,
        ]) { s in
            V.setBackends(
                &s, [.init("ap"), .init("lb"), .init("api2", weight: 0), .init("api2"), .init("cache")],
                latency: .constant(.milliseconds(-1)))
            s.routes[0].steps = [.call(Call("db"))]
        },
    ]

    static let distributionCases: [ValidationCase] = {
        func dist(_ name: String, _ spec: DistributionSpec, _ expected: [String]) -> ValidationCase {
            V(name, expected.map { "components[2].serviceTime\($0)" }) { V.setServiceTime(&$0, 2, spec) }
        }
        let ms = TimeSpan.milliseconds
        return [
            dist("negative constant", .constant(ms(-1)), [#": found "-1ms"; expected a duration >= 0"#]),
            dist("zero exponential mean", .exponential(mean: .zero), [#".mean: found "0s"; expected a duration > 0"#]),
            dist("uniform below zero", .uniform(min: ms(-1), max: ms(1)), [#".min: found "-1ms"; expected a duration >= 0"#]),
            dist("uniform upside down", .uniform(min: ms(5), max: ms(1)), [#".max: found "1ms"; expected a duration >= min ("5ms")"#]),
            dist("uniform to infinity", .uniform(min: ms(5), max: .seconds(.infinity)), [".max: found inf seconds; expected a duration >= 0"]),
            dist("normal", .normal(mean: .zero, stddev: ms(-1)), [
                #".mean: found "0s"; expected a duration > 0"#, #".stddev: found "-1ms"; expected a duration >= 0"#,
            ]),
            dist("lognormal cv", .lognormal(mean: ms(1), cv: 0), [".cv: found 0; expected a number > 0"]),
            dist("lognormal p99 below median", .lognormalPercentiles(median: ms(20), p99: ms(10)), [
                #".p99: found "10ms"; expected a duration > median ("20ms")"#,
            ]),
            dist("lognormal zero median", .lognormalPercentiles(median: .zero, p99: ms(10)), [#".median: found "0s"; expected a duration > 0"#]),
            dist("gamma", .gamma(shape: 0, mean: ms(-1)), [
                ".shape: found 0; expected a number > 0", #".mean: found "-1ms"; expected a duration > 0"#,
            ]),
            dist("erlang", .erlang(k: 0, mean: .seconds(.nan)), [
                ".k: found 0; expected an integer >= 1", ".mean: found nan seconds; expected a duration > 0",
            ]),
            dist("weibull", .weibull(shape: -1, scale: .zero), [
                ".shape: found -1; expected a number > 0", #".scale: found "0s"; expected a duration > 0"#,
            ]),
            dist("pareto with an infinite mean", .pareto(shape: 1, scale: ms(1)), [
                ".shape: found 1; expected a number > 1 (with a shape of 1 or less the mean is infinite)",
            ]),
            dist("no samples", .empiricalSamples([]), [".samples: found an empty array; expected at least one sample"]),
            dist("negative sample", .empiricalSamples([ms(1), ms(-2)]), [#".samples[1]: found "-2ms"; expected a duration >= 0"#]),
            dist("no bins", .empiricalHistogram([]), [".histogram: found an empty array; expected at least one bin"]),
            dist(
                "bad bins",
                .empiricalHistogram([.init(upTo: .zero, weight: 1), .init(upTo: ms(5), weight: -1), .init(upTo: ms(5), weight: 1)]),
                [
                    #".histogram[0].upTo: found "0s"; expected a duration > 0"#,
                    ".histogram[1].weight: found -1; expected a weight >= 0",
                    #".histogram[2].upTo: found "5ms"; expected a duration > the previous bin's upTo ("5ms")"#,
                ]),
            dist("weightless bins", .empiricalHistogram([.init(upTo: ms(1), weight: 0), .init(upTo: ms(5), weight: 0)]), [
                ".histogram: found weights that sum to 0; expected a positive total weight",
            ]),
        ]
    }()

    static let routeCases: [ValidationCase] = [
        V("route classes and steps", [
            #"routes[0].steps: found an empty array; expected at least one step"#,
            #"routes[1].class: found ""; expected a non-empty class name"#,
            #"routes[1].steps[0].call: unknown component "ap"; did you mean "api"?"#,
            #"routes[1].steps[0].probability: found 0; expected a probability greater than 0 and at most 1"#,
            #"routes[1].steps[0].then[0].probability: found 1.5; expected a probability greater than 0 and at most 1"#,
            #"routes[1].steps[0].then[0].serviceTime.mean: found "0s"; expected a duration > 0"#,
            #"routes[2].class: duplicate class "read" (first used at routes[0])"#,
            #"routes[2].steps[0].call: unknown component "search"; expected one of "lb", "api", "api2", "db""#,
        ]) { s in
            s.workload.mix = [.init("read", weight: 1)]
            s.routes[0].steps = []
            s.routes[1] = Route(requestClass: "", steps: [
                .call(Call("ap", probability: 0, then: [.call(Call("db", probability: 1.5, serviceTime: .exponential(mean: .zero)))])),
            ])
            s.routes.append(Route(requestClass: "read", steps: [.call(Call("search", ))]))
        },
        V("probability NaN", ["routes[0].steps[0].probability: found nan; expected a probability greater than 0 and at most 1"]) { s in
            s.routes[0].steps = [.call(Call("db", probability: .nan))]
        },
        V("direct self-call", [
            #"routes[1].steps[0].then[0].call: call cycle api → api: a synchronous call back into "api", which is already on this call path, can deadlock"#,
        ]) { s in
            s.routes[1].steps = [.call(Call("api", then: [.call(Call("api"))]))]
        },
        V("cycle through another component", [
            #"routes[1].steps[0].then[0].then[0].call: call cycle api → db → api: a synchronous call back into "api", which is already on this call path, can deadlock"#,
        ]) { s in
            s.routes[1].steps = [.call(Call("api", then: [.call(Call("db", then: [.call(Call("api"))]))]))]
        },
        V("re-entering a backend the load balancer may have chosen", [
            #"routes[0].steps[0].then[0].then[0].call: call cycle lb → db → api2: a synchronous call back into "api2", which is already on this call path (as a backend of "lb"), can deadlock"#,
        ]) { s in
            s.routes[0].steps = [.call(Call("lb", then: [.call(Call("db", then: [.call(Call("api2"))]))]))]
        },
        V("calling a load balancer that may pick the caller", [
            #"routes[1].steps[0].then[0].call: call cycle api → lb: a synchronous call back into "api" (through "lb"), which is already on this call path, can deadlock"#,
        ]) { s in
            s.routes[1].steps = [.call(Call("api", then: [.call(Call("lb"))]))]
        },
        V("a load balancer calling itself", [
            #"routes[0].steps[0].then[0].call: call cycle lb → lb: a synchronous call back into "api" (through "lb"), which is already on this call path (as a backend of "lb"), can deadlock"#,
        ]) { s in
            s.routes[0].steps = [.call(Call("lb", then: [.call(Call("lb"))]))]
        },
    ]

    @Test("scenario and workload checks: exact wording", arguments: scenarioCases)
    func scenario(_ c: ValidationCase) { #expect(ScenarioValidator.validate(c.scenario).map(\.description) == c.expected) }

    @Test("component checks: exact wording", arguments: componentCases)
    func components(_ c: ValidationCase) { #expect(ScenarioValidator.validate(c.scenario).map(\.description) == c.expected) }

    @Test("distribution checks: exact wording", arguments: distributionCases)
    func distributions(_ c: ValidationCase) { #expect(ScenarioValidator.validate(c.scenario).map(\.description) == c.expected) }

    @Test("route checks: exact wording", arguments: routeCases)
    func routes(_ c: ValidationCase) { #expect(ScenarioValidator.validate(c.scenario).map(\.description) == c.expected) }

    @Test("calling the same component twice in sequence, or from different routes, is not a cycle")
    func sequentialCallsAreFine() {
        var s = V.base
        s.routes[1].steps = [
            .call(Call("api", then: [.call(Call("db")), .call(Call("db"))])),
            .call(Call("api")),
            .call(Call("lb", then: [.call(Call("db"))])),
        ]
        #expect(ScenarioValidator.validate(s) == [])
    }

    @Test("nesting deeper than 32 calls is reported once, at the first step too deep")
    func depth() throws {
        func chain(_ depth: Int) -> Scenario {
            var s = V.base
            s.components = (0..<depth).map { Component(id: "c\($0)", ServicePool(serviceTime: .constant(.milliseconds(1)))) }
            var step = Step.call(Call("c\(depth - 1)"))
            for i in stride(from: depth - 2, through: 0, by: -1) { step = .call(Call("c\(i)", then: [step])) }
            s.routes = [Route(requestClass: "read", steps: [step])]
            s.workload.mix = [.init("read", weight: 1)]
            return s
        }
        #expect(ScenarioValidator.validate(chain(32)) == [])
        let path = "routes[0].steps[0]" + String(repeating: ".then[0]", count: 32)
        #expect(ScenarioValidator.validate(chain(34)).map(\.description) == ["\(path): calls are nested more than 32 levels deep"])

        // From JSON too: the reader stops reading one level past the limit, the validator reports it.
        let json = ScenarioEncoder.encode(chain(40))
        #expect(Fixtures.diagnostics(json) == ["s.json: \(path): calls are nested more than 32 levels deep"])
    }

    @Test("the validator reports problems found by the loader after reading succeeds")
    func loaderRunsValidator() {
        let doc = Fixtures.minimal([("warmup", "2m"), ("workload", ["rate": 0])])
        #expect(Fixtures.diagnostics(doc) == [
            #"s.json: warmup: found "2m"; expected a duration shorter than duration ("1m")"#,
            "s.json: workload.rate: found 0; expected a number of requests per second > 0",
        ])
    }
}

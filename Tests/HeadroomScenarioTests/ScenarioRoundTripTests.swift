import Foundation
import Testing

@testable import HeadroomScenario

@Suite("Scenario encoder and round trip")
struct ScenarioRoundTripTests {
    /// Encodes, renders, parses and decodes `scenario`.
    static func roundTrip(_ scenario: Scenario) throws -> Scenario {
        try ScenarioLoader.decode(text: ScenarioEncoder.encode(scenario).rendered(), file: "round-trip.json")
    }

    @Test("the minimal scenario encodes with its defaults left out")
    func minimalCanonicalForm() throws {
        let scenario = try ScenarioLoader.decode(text: Fixtures.minimal.rendered(), file: "tiny.json")
        let expected = #"""
            {
              "name": "tiny",
              "seed": 1,
              "duration": "1m",
              "workload": {
                "rate": 10
              },
              "components": [
                {
                  "id": "api",
                  "kind": "service",
                  "instances": 1,
                  "concurrency": 1,
                  "serviceTime": "20ms"
                }
              ],
              "routes": [
                {
                  "class": "get",
                  "steps": [
                    {
                      "call": "api"
                    }
                  ]
                }
              ]
            }
            """#
        #expect(ScenarioEncoder.encode(scenario).rendered() == expected)
    }

    @Test("the rich scenario survives encode → render → parse → decode, and its canonical text is stable")
    func richRoundTrip() throws {
        let rich = try ScenarioLoader.decode(text: Fixtures.richText, file: "rich.json")
        let back = try Self.roundTrip(rich)
        #expect(back == rich)
        let text = ScenarioEncoder.encode(rich).rendered()
        #expect(ScenarioEncoder.encode(back).rendered() == text)
        #expect(text.contains(#""seed": 18446744073709551615"#))
        #expect(text.contains(#""backends": [\#n        "api",\#n        {\#n          "component": "api2",\#n          "weight": 2\#n        }\#n      ]"#))
        #expect(text.contains(#""serviceTime": "4ms""#))
        #expect(text.contains(#""arrivals": "deterministic""#))
        #expect(text.contains(#""mix": {\#n      "read": 9,\#n      "write": 1,\#n      "admin": 0.25\#n    }"#))
    }

    @Test("every distribution survives the round trip", arguments: [
        DistributionSpec.constant(.milliseconds(5)), .constant(.zero), .exponential(mean: .seconds(0.1 + 0.2)),
        .uniform(min: .microseconds(100), max: .milliseconds(1.5)), .normal(mean: .milliseconds(30), stddev: .zero),
        .lognormal(mean: .milliseconds(3), cv: 0.5), .lognormalPercentiles(median: .milliseconds(15), p99: .seconds(1.0 / 3)),
        .gamma(shape: 2.5, mean: .milliseconds(4)), .erlang(k: 3, mean: .seconds(9e-7)), .weibull(shape: 1.5, scale: .hours(1.5)),
        .pareto(shape: 1.0001, scale: .seconds(1e-10)), .empiricalSamples([.milliseconds(1), .zero, .seconds(123.456)]),
        .empiricalHistogram([.init(upTo: .milliseconds(1), weight: 0), .init(upTo: .milliseconds(7.25), weight: 1e-3)]),
    ])
    func distributionRoundTrip(_ spec: DistributionSpec) throws {
        var scenario = ValidationCase.base
        ValidationCase.setServiceTime(&scenario, 2, spec)
        scenario.components[0].spec = LoadBalancer(strategy: .powerOfTwoChoices, backends: [.init("api"), .init("api2")], latency: spec)
        scenario.routes[0].steps = [.call(Call("lb", serviceTime: spec))]
        #expect(ScenarioValidator.validate(scenario) == [])
        #expect(try Self.roundTrip(scenario) == scenario)
    }

    @Test("TimeSpan.formatted reads back exactly, for thousands of awkward values")
    func durationsAreExact() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            let magnitude = Double.random(in: -12...7, using: &rng)
            let seconds = (rng.next() % 4 == 0 ? -1 : 1) * Double.random(in: 1...10, using: &rng) * pow(10, magnitude)
            let span = TimeSpan(seconds: seconds)
            #expect(TimeSpan(parsing: span.formatted) == span, "\(seconds) → \(span.formatted)")
        }
        for (span, text) in [
            (TimeSpan.milliseconds(20), "20ms"), (.seconds(1.5), "1500ms"), (.minutes(90), "90m"), (.seconds(0.0205), "20500us"),
            (.zero, "0s"), (.milliseconds(-5), "-5ms"), (.seconds(1e-10), "1e-10s"), (.seconds(0.1 + 0.2), "300.00000000000006ms"),
        ] {
            #expect(span.formatted == text)
        }
    }

    @Test("randomly generated valid scenarios round-trip exactly")
    func randomScenarios() throws {
        var rng = SplitMix64(seed: 2024)
        for seed in 0..<200 {
            let scenario = RandomScenario.make(using: &rng)
            #expect(ScenarioValidator.validate(scenario) == [], "seed \(seed)")
            #expect(try Self.roundTrip(scenario) == scenario, "seed \(seed)")
        }
    }
}

/// Generates valid scenarios with awkward numbers, for round-trip properties.
enum RandomScenario {
    static func make(using rng: inout SplitMix64) -> Scenario {
        func span(_ rng: inout SplitMix64, min: Double = 1e-6) -> TimeSpan {
            TimeSpan(seconds: min + Double.random(in: 0..<1, using: &rng) * Double([1e-3, 1, 60][Int(rng.next() % 3)]))
        }
        func positive(_ rng: inout SplitMix64) -> Double { Double.random(in: 0.001..<100, using: &rng) }
        func distribution(_ rng: inout SplitMix64) -> DistributionSpec {
            let a = span(&rng), b = span(&rng)
            switch rng.next() % 12 {
            case 0: return .constant(a)
            case 1: return .exponential(mean: a)
            case 2: return .uniform(min: Swift.min(a, b), max: Swift.max(a, b))
            case 3: return .normal(mean: a, stddev: b)
            case 4: return .lognormal(mean: a, cv: positive(&rng))
            case 5: return .lognormalPercentiles(median: a, p99: TimeSpan(seconds: a.seconds + b.seconds))
            case 6: return .gamma(shape: positive(&rng), mean: a)
            case 7: return .erlang(k: Int(rng.next() % 9) + 1, mean: a)
            case 8: return .weibull(shape: positive(&rng), scale: a)
            case 9: return .pareto(shape: 1 + positive(&rng), scale: a)
            case 10: return .empiricalSamples((0...(rng.next() % 4)).map { _ in span(&rng) })
            default:
                var upTo = 0.0
                return .empiricalHistogram((0...(rng.next() % 4)).map { _ in
                    upTo += span(&rng).seconds
                    return .init(upTo: TimeSpan(seconds: upTo), weight: positive(&rng))
                })
            }
        }
        let poolCount = Int(rng.next() % 4) + 1
        var components: [Component] = (0..<poolCount).map { i in
            let pool = ServicePool(
                instances: Int(rng.next() % 4) + 1, concurrency: Int(rng.next() % 64) + 1,
                queueCapacity: rng.next() % 2 == 0 ? nil : Int(rng.next() % 10),
                serviceTime: distribution(&rng), timeout: rng.next() % 2 == 0 ? nil : span(&rng))
            return rng.next() % 2 == 0
                ? Component(id: "svc-\(i).v\(i)", pool)
                : Component(id: "svc-\(i).v\(i)", DatabasePool(
                    instances: pool.instances, concurrency: pool.concurrency, queueCapacity: pool.queueCapacity,
                    serviceTime: pool.serviceTime, timeout: pool.timeout))
        }
        let backends = components.map { LoadBalancer.Backend($0.id, weight: rng.next() % 2 == 0 ? 1 : positive(&rng)) }
        let strategy = LoadBalancer.Strategy.allCases[Int(rng.next() % UInt64(LoadBalancer.Strategy.allCases.count))]
        components.append(Component(id: "lb", LoadBalancer(
            strategy: strategy, backends: backends, latency: rng.next() % 2 == 0 ? nil : distribution(&rng))))
        if rng.next() % 2 == 0 {
            components.append(Component(id: "fn", ServerlessFunction(
                serviceTime: distribution(&rng), concurrencyLimit: Int(rng.next() % 1_000_000) + 1,
                coldStart: rng.next() % 2 == 0 ? nil : distribution(&rng), idleTimeout: span(&rng),
                memoryMB: Int(rng.next() % 65_536) + 1, timeout: rng.next() % 2 == 0 ? nil : span(&rng))))
        }
        if rng.next() % 2 == 0 {
            let rateLimit = rng.next() % 2 == 0 ? nil : positive(&rng)
            components.append(Component(id: "ext", ExternalAPI(
                latency: distribution(&rng), rateLimit: rateLimit,
                burst: rateLimit == nil || rng.next() % 2 == 0 ? nil : Int(rng.next() % 1_000_000_000) + 1,
                timeout: rng.next() % 2 == 0 ? nil : span(&rng))))
        }
        // Each component priced by some of the prices its kind accepts (storage by both or neither).
        for i in components.indices where rng.next() % 2 == 0 {
            var pricing = Pricing()
            for key in components[i].descriptor.pricing where key != .storageGB && rng.next() % 2 == 0 {
                pricing[key] = positive(&rng)
                if key == .storageGBMonth { pricing.storageGB = positive(&rng) }
            }
            components[i].pricing = pricing
        }
        let ids = components.map(\.id)
        // Calls never repeat a component on one call path, and never go below a load balancer,
        // so no cycle can form. Functions and external APIs are called, never balanced to.
        func steps(_ rng: inout SplitMix64, available: [String]) -> [Step] {
            guard !available.isEmpty else { return [] }
            return (0..<(Int(rng.next() % 2) + 1)).map { _ in
                let id = available[Int(rng.next() % UInt64(available.count))]
                let rest = id == "lb" ? [] : available.filter { $0 != id && $0 != "lb" }
                return .call(Call(
                    id, probability: rng.next() % 2 == 0 ? 1 : Double.random(in: 0.001...1, using: &rng),
                    serviceTime: rng.next() % 3 == 0 ? distribution(&rng) : nil,
                    then: rng.next() % 2 == 0 ? steps(&rng, available: rest) : []))
            }
        }
        let classes = (0..<(Int(rng.next() % 3) + 1)).map { "class \($0) ✓" }
        func keys(_ rng: inout SplitMix64) -> KeySpace? {
            switch rng.next() % 4 {
            case 0: nil
            case 1: .uniform(count: Int(rng.next() % 1_000_000_000) + 1)
            case 2: .zipf(exponent: Double.random(in: 0..<3, using: &rng), count: Int(rng.next() % 1_000_000_000) + 1)
            default: .fixed(rng.next())
            }
        }
        let routes = classes.map {
            Route(requestClass: $0, steps: steps(&rng, available: ids), responseKB: rng.next() % 2 == 0 ? 0 : positive(&rng), keys: keys(&rng))
        }
        let mix = classes.map { Workload.ClassWeight($0, weight: rng.next() % 2 == 0 ? 1 : positive(&rng)) }
        let duration = TimeSpan(seconds: Double.random(in: 1...10_000, using: &rng))
        return Scenario(
            name: "random \(rng.next())", description: rng.next() % 2 == 0 ? nil : "quotes \" and \\ and \n and é",
            seed: rng.next(), duration: duration,
            warmup: rng.next() % 2 == 0 ? .zero : TimeSpan(seconds: duration.seconds * Double.random(in: 0..<1, using: &rng)),
            workload: Workload(arrivals: rng.next() % 2 == 0 ? .poisson : .deterministic, rate: positive(&rng), mix: mix),
            components: components, routes: routes,
            timeBucket: rng.next() % 2 == 0 ? nil : TimeSpan(seconds: duration.seconds * Double.random(in: 0.001...1, using: &rng)))
    }
}

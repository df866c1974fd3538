import Testing

@testable import HeadroomScenario

/// A route's `keys` and the scenario's `timeBucket`: read, checked, written back, in the schema
/// and in the Swift DSL.
@Suite("Route keys and time buckets")
struct KeysAndTimeBucketTests {
    typealias V = ValidationCase

    /// `Fixtures.minimal` whose route has these `keys`.
    static func withKeys(_ keys: JSONValue) -> JSONValue {
        Fixtures.minimal("routes", [["class": "get", "steps": [["call": "api"]], "keys": keys]])
    }

    @Test("each key space and a time bucket load as written, and survive the round trip")
    func reading() throws {
        let cases: [(JSONValue, KeySpace)] = [
            (["dist": "uniform", "count": 1000], .uniform(count: 1000)),
            (["dist": "zipf", "exponent": 0.99, "count": 100_000], .zipf(exponent: 0.99, count: 100_000)),
            (["dist": "zipf", "exponent": 0, "count": 1_000_000_000], .zipf(exponent: 0, count: 1_000_000_000)),
            (["dist": "fixed", "key": 42], .fixed(42)),
            (["dist": "fixed", "key": .number(JSONNumber(UInt64.max))], .fixed(.max)),
        ]
        for (json, expected) in cases {
            let scenario = try ScenarioLoader.decode(json: Self.withKeys(json), file: "s.json")
            #expect(scenario.routes[0].keys == expected)
            #expect(ScenarioEncoder.encode(scenario)["routes"]?[0]?["keys"] == json)
            #expect(try ScenarioRoundTripTests.roundTrip(scenario) == scenario)
        }
        let plain = try ScenarioLoader.decode(json: Fixtures.minimal, file: "s.json")
        #expect(plain.routes[0].keys == nil && plain.timeBucket == nil)
        #expect(plain.effectiveTimeBucket == .seconds(10))
        #expect(ScenarioEncoder.encode(plain)["timeBucket"] == nil)

        let bucketed = try ScenarioLoader.decode(json: Fixtures.minimal("timeBucket", "2.5s"), file: "s.json")
        #expect(bucketed.timeBucket == .milliseconds(2_500) && bucketed.effectiveTimeBucket == .milliseconds(2_500))
        #expect(ScenarioEncoder.encode(bucketed)["timeBucket"] == "2500ms")
        #expect(try ScenarioRoundTripTests.roundTrip(bucketed) == bucketed)
    }

    static let readerCases: [DiagnosticCase] = [
        DiagnosticCase("unknown key distribution", withKeys(["dist": "zipff", "exponent": 1, "count": 10]), [
            #"s.json: routes[0].keys.dist: unknown key distribution "zipff"; did you mean "zipf"?"#,
        ]),
        DiagnosticCase("a parameter of another distribution", withKeys(["dist": "uniform", "count": 10, "exponent": 1]), [
            #"s.json: routes[0].keys: key "exponent" does not apply to dist "uniform"; expected one of "dist", "count""#,
        ]),
        DiagnosticCase("dist missing", withKeys(["count": 10]), [
            #"s.json: routes[0].keys: missing required key "dist" (one of "uniform", "zipf", "fixed")"#,
        ]),
        DiagnosticCase("zipf without its exponent", withKeys(["dist": "zipf", "count": 10]), [
            #"s.json: routes[0].keys: missing required key "exponent""#,
        ]),
        DiagnosticCase("fractional count, exponent as a string", withKeys(["dist": "zipf", "exponent": "1", "count": 1.5]), [
            #"s.json: routes[0].keys.exponent: found "1" (a string); expected a number >= 0"#,
            "s.json: routes[0].keys.count: found 1.5; expected an integer from 1 to 1,000,000,000",
        ]),
        DiagnosticCase("a negative fixed key", withKeys(["dist": "fixed", "key": -1]), [
            "s.json: routes[0].keys.key: found -1; expected an integer from 0 to 18446744073709551615",
        ]),
        DiagnosticCase("keys of the wrong type", withKeys("zipf"), [
            #"s.json: routes[0].keys: found "zipf" (a string); expected a key space such as {"dist": "zipf", "exponent": 0.99, "count": 100000}"#,
        ]),
        DiagnosticCase("a misspelt key", Fixtures.minimal("routes", [["class": "get", "steps": [["call": "api"]], "kyes": 1]]), [
            #"s.json: routes[0]: unknown key "kyes"; did you mean "keys"?"#,
        ]),
        DiagnosticCase("a time bucket without a unit", Fixtures.minimal("timeBucket", 10), [
            #"s.json: timeBucket: found 10 (a number); expected a duration with a unit, such as "10s" or "10ms""#,
        ]),
    ]

    @Test("reader: exact wording", arguments: readerCases)
    func reader(_ c: DiagnosticCase) { #expect(Fixtures.diagnostics(c.document) == c.expected) }

    static let validatorCases: [ValidationCase] = [
        V("no keys, a billion and one keys", [
            "routes[0].keys.count: found 0; expected an integer from 1 to 1,000,000,000",
            "routes[1].keys.count: found 1000000001; expected an integer from 1 to 1,000,000,000",
        ]) { s in
            s.routes[0].keys = .uniform(count: 0)
            s.routes[1].keys = .zipf(exponent: 1, count: 1_000_000_001)
        },
        V("a negative and an infinite exponent", [
            "routes[0].keys.exponent: found -0.5; expected a number >= 0",
            "routes[1].keys.exponent: found inf; expected a number >= 0",
        ]) { s in
            s.routes[0].keys = .zipf(exponent: -0.5, count: 10)
            s.routes[1].keys = .zipf(exponent: .infinity, count: 10)
        },
        V("the limits themselves are fine", []) { s in
            s.routes[0].keys = .uniform(count: 1_000_000_000)
            s.routes[1].keys = .zipf(exponent: 0, count: 1)
            s.timeBucket = s.duration
        },
        V("a zero time bucket", [#"timeBucket: found "0s"; expected a duration > 0"#]) { s in s.timeBucket = .zero },
        V("a time bucket longer than the run", [#"timeBucket: found "11m"; expected a duration no longer than duration ("10m")"#]) { s in
            s.timeBucket = .minutes(11)
        },
        V("more than 100,000 buckets", [
            #"timeBucket: found "5ms"; expected a duration of at least "6ms": at most 100,000 buckets in duration ("10m")"#,
        ]) { s in
            s.timeBucket = .milliseconds(5)
        },
        V("exactly 100,000 buckets", []) { s in s.timeBucket = .milliseconds(6) },
        V("a bucket is not checked against a broken duration", [#"duration: found "0s"; expected a duration > 0"#]) { s in
            s.duration = .zero
            s.warmup = .zero
            s.timeBucket = .seconds(10)
        },
    ]

    @Test("validator: exact wording", arguments: validatorCases)
    func validator(_ c: ValidationCase) { #expect(ScenarioValidator.validate(c.scenario).map(\.description) == c.expected) }

    @Test("the Swift DSL takes keys on a request class and a time bucket on the scenario, checked the same way")
    func dsl() throws {
        let api = Service("api", serviceTime: .constant(.milliseconds(20)))
        let scenario = try Scenario("tiny", duration: .minutes(1), timeBucket: .seconds(5), traffic: .poisson(rate: 10)) {
            RequestClass("get", keys: .zipf(exponent: 0.99, count: 100_000)) { api.call() }
        }
        let json = try ScenarioLoader.decode(
            json: Fixtures.minimal([
                ("timeBucket", "5s"),
                ("routes", [["class": "get", "steps": [["call": "api"]], "keys": ["dist": "zipf", "exponent": 0.99, "count": 100_000]]]),
            ]), file: "s.json")
        #expect(scenario == json)
        #expect {
            _ = try Scenario("bad", duration: .minutes(1), timeBucket: .minutes(2), traffic: .poisson(rate: 10), file: "Bad.swift") {
                RequestClass("get", keys: .uniform(count: 0)) { api.call() }
            }
        } throws: { error in
            (error as? ScenarioError)?.description == """
                Bad.swift: timeBucket: found "2m"; expected a duration no longer than duration ("1m")
                Bad.swift: routes[0].keys.count: found 0; expected an integer from 1 to 1,000,000,000
                """
        }
    }
}

import Testing

@testable import HeadroomScenario

/// The exact wording of every diagnostic about bursts, functions, external APIs, pricing and
/// SLA objectives — from the validator (Swift values) and from the reader (JSON text).
@Suite("Cost and SLA diagnostics")
struct EconomicsDiagnosticsTests {
    typealias V = ValidationCase

    static let function = Component(id: "fn", ServerlessFunction(serviceTime: .constant(.milliseconds(40))))
    static let api = Component(id: "ext", ExternalAPI(latency: .constant(.milliseconds(80))))

    static let validatorCases: [ValidationCase] = [
        V("bursts: negative start, zero duration, negative rate, period not longer than the burst", [
            #"workload.bursts[0].start: found "-1s"; expected a duration >= 0"#,
            #"workload.bursts[0].duration: found "0s"; expected a duration > 0"#,
            "workload.bursts[0].rate: found -5; expected a number of requests per second >= 0",
            #"workload.bursts[1].every: found "30s"; expected a period longer than the burst's duration ("1m")"#,
        ]) { s in
            s.workload.bursts = [
                Workload.Burst(start: .seconds(-1), duration: .zero, rate: -5),
                Workload.Burst(start: .zero, duration: .minutes(1), rate: 10, every: .seconds(30)),
            ]
        },
        V("function: limit, memory, idle timeout and timeout out of range", [
            "components[4].concurrencyLimit: found 0; expected an integer from 1 to 1,000,000",
            #"components[4].idleTimeout: found "0s"; expected a duration > 0"#,
            "components[4].memoryMB: found 0; expected an integer number of MB from 1 to 65,536",
            #"components[4].timeout: found "-1s"; expected a duration > 0"#,
        ]) { s in
            s.components.append(Component(id: "fn", ServerlessFunction(
                serviceTime: .constant(.milliseconds(40)), concurrencyLimit: 0, idleTimeout: .zero, memoryMB: 0, timeout: .seconds(-1))))
        },
        V("external API: rate limit, burst without a limit", [
            "components[4].burst: found 0; expected an integer from 1 to 1,000,000,000",
            #"components[4].burst: a burst needs a rateLimit; expected "rateLimit" beside it"#,
        ]) { s in
            s.components.append(Component(id: "ext", ExternalAPI(latency: .constant(.milliseconds(80)), burst: 0)))
        },
        V("external API: a zero rate limit", ["components[4].rateLimit: found 0; expected a number of calls per second > 0 and at most 1,000,000,000"]) { s in
            s.components.append(Component(id: "ext", ExternalAPI(latency: .constant(.milliseconds(80)), rateLimit: 0)))
        },
        V("a function is not a load balancer backend", [#"components[0].backends[1]: "fn" is a function; expected a service or database"#]) { s in
            s.components.append(Self.function)
            s.components[0].spec = LoadBalancer(backends: [.init("api"), .init("fn")])
        },
        V("an external API is not a load balancer backend", [#"components[0].backends[1]: "ext" is an external API; expected a service or database"#]) { s in
            s.components.append(Self.api)
            s.components[0].spec = LoadBalancer(backends: [.init("api"), .init("ext")])
        },
        V("pricing: a price the kind is not charged by, a negative price, storage without its price", [
            #"components[1].pricing.perCall: a service is not charged by "perCall"; expected one of "instanceHour""#,
            "components[2].pricing.instanceHour: found -1; expected a price in dollars >= 0",
            #"components[3].pricing: storage is priced by "storageGB" and "storageGBMonth" together; expected "storageGBMonth" too"#,
        ]) { s in
            s.components[1].pricing = Pricing(perCall: 0.01)
            s.components[2].pricing = Pricing(instanceHour: -1)
            s.components[3].pricing = Pricing(storageGB: 100)
        },
        V("responseKB below zero", ["routes[0].responseKB: found -1; expected a response size in kilobytes >= 0"]) { s in
            s.routes[0].responseKB = -1
        },
        V("objectives: every range, an unknown class, a class on cost", [
            "sla.objectives[0].percentile: found 100; expected a percentile between 0 and 100, such as 95 or 99.9",
            #"sla.objectives[0].max: found "0s"; expected a duration > 0"#,
            "sla.objectives[1].min: found 101; expected a percentage from 0 to 100",
            "sla.objectives[2].max: found -1; expected a percentage from 0 to 100",
            "sla.objectives[3].min: found -1; expected a number of requests per second >= 0",
            "sla.objectives[4].max: found -5; expected a number of dollars >= 0",
            #"sla.objectives[5].class: no route has class "wirte"; did you mean "write"?"#,
            #"sla.objectives[6].class: cost is not split by request class; expected no "class" on a monthlyCost objective"#,
        ]) { s in
            s.sla = SLA(objectives: [
                Objective(.latency(percentile: 100, max: .zero)),
                Objective(.availability(minPercent: 101)),
                Objective(.errorRate(maxPercent: -1)),
                Objective(.throughput(minRps: -1)),
                Objective(.monthlyCost(maxDollars: -5)),
                Objective(.successRate(minPercent: 99), requestClass: "wirte"),
                Objective(.monthlyCost(maxDollars: 10), requestClass: "read"),
            ])
        },
    ]

    @Test("validator: exact wording", arguments: validatorCases)
    func validator(_ c: ValidationCase) { #expect(ScenarioValidator.validate(c.scenario).map(\.description) == c.expected) }

    /// A valid scenario text with extra components, another workload body, or an `sla` block.
    static func text(components extra: String = "", workload: String = #""rate": 10"#, sla: String? = nil) -> String {
        #"""
        {"name": "t", "duration": "1m", "workload": {\#(workload)},
         "components": [{"id": "a", "kind": "service", "serviceTime": "5ms"}\#(extra)],
         "routes": [{"class": "r", "steps": [{"call": "a"}]}]\#(sla.map { #", "sla": \#($0)"# } ?? "")}
        """#
    }

    @Test("reader: exact wording", arguments: [
        (text(components: #", {"id": "f", "kind": "function", "serviceTime": "5ms", "instances": 2}"#),
         [#"s.json: components[1]: key "instances" does not apply to kind "function"; expected one of "id", "kind", "pricing", "serviceTime", "concurrencyLimit", "coldStart", "idleTimeout", "memoryMB", "timeout""#]),
        (text(components: #", {"id": "x", "kind": "externalAPI"}"#),
         [#"s.json: components[1]: missing required key "latency""#]),
        (text(components: #", {"id": "x", "kind": "externalAPI", "latency": "5ms", "pricing": {"instanceHour": 1}}"#),
         [#"s.json: components[1].pricing: key "instanceHour" does not apply to kind "externalAPI"; expected one of "perCall""#]),
        (text(components: #", {"id": "x", "kind": "externalAPI", "latency": "5ms", "rateLimit": "fast"}"#),
         [#"s.json: components[1].rateLimit: found "fast" (a string); expected a number of calls per second > 0 and at most 1,000,000,000"#]),
        (text(workload: #""rate": 10, "bursts": [{"start": "1m", "rate": 50}]"#),
         [#"s.json: workload.bursts[0]: missing required key "duration""#]),
        (text(workload: #""rate": 10, "bursts": {"start": "1m"}"#),
         [#"s.json: workload.bursts: found an object; expected an array of bursts such as [{"start": "5m", "duration": "1m", "rate": 500}]"#]),
        (text(sla: #"{"objectives": [{"metric": "latncy", "percentile": 95, "max": "200ms"}]}"#),
         [#"s.json: sla.objectives[0].metric: unknown metric "latncy"; did you mean "latency"?"#]),
        (text(sla: #"{"objectives": [{"metric": "availability", "max": 99}]}"#),
         [#"s.json: sla.objectives[0]: key "max" does not apply to metric "availability"; expected one of "metric", "min", "class""#,
          #"s.json: sla.objectives[0]: missing required key "min""#]),
        (text(sla: #"{"objectives": [{"metric": "latency", "max": "200ms"}]}"#),
         [#"s.json: sla.objectives[0]: missing required key "percentile""#]),
        (text(sla: #"{"objectives": [{"metric": "latency", "percentile": 95, "max": 200}]}"#),
         [#"s.json: sla.objectives[0].max: found 200 (a number); expected a duration with a unit, such as "200s" or "200ms""#]),
        (text(sla: #"{}"#), [#"s.json: sla: missing required key "objectives""#]),
        (text(sla: #"{"objectives": []}"#), ["OK"]),
    ])
    func reader(_ text: String, _ expected: [String]) {
        #expect(Fixtures.diagnostics(text) == expected)
    }
}

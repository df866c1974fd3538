import Foundation
import Testing

@testable import HeadroomScenario

/// Shared scenarios and helpers for the tests.
enum Fixtures {
    /// A valid scenario using every key of the format at least once.
    static let richText = #"""
        {
          "name": "shop",
          "description": "A shop with a cache-less read path — 5 µs here, ünïcödé there",
          "seed": 18446744073709551615,
          "duration": "10m",
          "warmup": "1m",
          "timeBucket": "30s",
          "workload": {
            "arrivals": "deterministic",
            "rate": 150.5,
            "mix": {"read": 9, "write": 1, "admin": 0.25},
            "bursts": [{"start": "2m", "duration": "30s", "rate": 600, "every": "5m"}, {"start": "8m", "duration": "10s", "rate": 0}]
          },
          "components": [
            {"id": "lb", "kind": "loadBalancer", "strategy": "weightedRoundRobin",
             "backends": ["api", {"component": "api2", "weight": 2}], "latency": "1ms"},
            {"id": "api", "kind": "service", "instances": 2, "concurrency": 16, "queueCapacity": 100,
             "serviceTime": {"dist": "exponential", "mean": "20ms"}, "timeout": "2s"},
            {"id": "api2", "kind": "service", "instances": 1, "concurrency": 8, "queueCapacity": 0,
             "serviceTime": {"dist": "lognormal", "median": "15ms", "p99": "120ms"}},
            {"id": "db", "kind": "database", "concurrency": 20,
             "serviceTime": {"dist": "gamma", "shape": 2.5, "mean": "4ms"}},
            {"id": "search", "kind": "service",
             "serviceTime": {"dist": "empirical", "histogram": [{"upTo": "5ms", "weight": 3}, {"upTo": "50ms", "weight": 1}]}},
            {"id": "cache.v2", "kind": "service",
             "serviceTime": {"dist": "uniform", "min": "100us", "max": "1.5ms"}},
            {"id": "audit-log", "kind": "database",
             "serviceTime": {"dist": "empirical", "samples": ["1ms", "2ms", "250us"]}},
            {"id": "lb-internal", "kind": "loadBalancer", "backends": ["search"],
             "pricing": {"instanceHour": 0.0225, "egressGB": 0.008}},
            {"id": "thumbs", "kind": "function", "serviceTime": "40ms", "concurrencyLimit": 50,
             "coldStart": {"dist": "lognormal", "median": "250ms", "p99": "1s"}, "idleTimeout": "5m", "memoryMB": 512,
             "timeout": "3s", "pricing": {"perMillionRequests": 0.2, "gbSecond": 0.0000166667}},
            {"id": "geo", "kind": "externalAPI", "latency": {"dist": "exponential", "mean": "80ms"},
             "rateLimit": 25, "burst": 50, "timeout": "1s", "pricing": {"perCall": 0.005}}
          ],
          "routes": [
            {"class": "read", "keys": {"dist": "uniform", "count": 1000}, "steps": [
              {"call": "lb", "then": [
                {"call": "cache.v2"},
                {"call": "db", "probability": 0.3, "serviceTime": "4ms"},
                {"call": "lb-internal", "probability": 0.05}
              ]}
            ]},
            {"class": "write", "keys": {"dist": "zipf", "exponent": 0.99, "count": 100000}, "steps": [
              {"call": "lb", "serviceTime": {"dist": "normal", "mean": "30ms", "stddev": "5ms"}, "then": [
                {"call": "db", "serviceTime": {"dist": "erlang", "k": 3, "mean": "9ms"}},
                {"call": "audit-log", "serviceTime": {"dist": "weibull", "shape": 1.5, "scale": "2ms"}}
              ]}
            ]},
            {"class": "admin", "responseKB": 12.5, "keys": {"dist": "fixed", "key": 7}, "steps": [
              {"call": "api", "serviceTime": {"dist": "pareto", "shape": 2.5, "scale": "1ms"}, "then": [
                {"call": "db", "serviceTime": {"dist": "lognormal", "mean": "3ms", "cv": 0.5}},
                {"call": "search", "serviceTime": {"dist": "constant", "value": "2ms"}},
                {"call": "thumbs", "probability": 0.5, "then": [{"call": "geo"}]}
              ]}
            ]}
          ],
          "sla": {"objectives": [
            {"metric": "latency", "percentile": 99.9, "max": "2s", "class": "read"},
            {"metric": "availability", "min": 99.9},
            {"metric": "successRate", "min": 99.5, "class": "write"},
            {"metric": "errorRate", "max": 1},
            {"metric": "throughput", "min": 100},
            {"metric": "monthlyCost", "max": 2500}
          ]}
        }
        """#

    /// The smallest valid scenario: one service, one route, defaults everywhere else.
    static let minimal: JSONValue = [
        "name": "tiny",
        "duration": "1m",
        "workload": ["rate": 10],
        "components": [["id": "api", "kind": "service", "serviceTime": "20ms"]],
        "routes": [["class": "get", "steps": [["call": "api"]]]],
    ]

    /// `minimal` with its top-level `key` set to `value` (removed when nil).
    static func minimal(_ key: String, _ value: JSONValue?) -> JSONValue {
        minimal.setting([.key(key)], to: value)
    }

    /// `minimal` with these top-level keys replaced.
    static func minimal(_ edits: [(String, JSONValue?)]) -> JSONValue {
        edits.reduce(minimal) { $0.setting([.key($1.0)], to: $1.1) }
    }

    /// `minimal` with `component` as its only component.
    static func withComponent(_ component: JSONValue) -> JSONValue {
        minimal("components", [component])
    }

    /// `minimal` whose service has this `serviceTime`.
    static func withServiceTime(_ serviceTime: JSONValue) -> JSONValue {
        withComponent(["id": "api", "kind": "service", "serviceTime": serviceTime])
    }

    /// `minimal` with an extra load balancer `lb` (in front of `api`) replaced by `balancer`'s keys.
    static func withBalancer(_ balancer: JSONValue) -> JSONValue {
        minimal("components", [["id": "api", "kind": "service", "serviceTime": "20ms"], balancer])
    }

    /// `minimal` whose only route has these steps.
    static func withSteps(_ steps: JSONValue) -> JSONValue {
        minimal("routes", [["class": "get", "steps": steps]])
    }

    /// The diagnostic lines for `text` (file name "s.json"), or ["OK"] when it loads.
    static func diagnostics(_ text: String) -> [String] {
        do {
            _ = try ScenarioLoader.decode(text: text, file: "s.json")
            return ["OK"]
        } catch {
            return error.diagnostics.map { "s.json: \($0)" }
        }
    }

    /// The diagnostic lines for a document.
    static func diagnostics(_ json: JSONValue) -> [String] {
        diagnostics(json.rendered())
    }
}

extension JSONValue {
    /// This document with the value at `path` (keys and indices) replaced by `value`, or removed when nil.
    func setting(_ path: [PathKey], to value: JSONValue?) -> JSONValue {
        guard let first = path.first else { return value ?? .null }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.object(var object), .key(let key)):
            if rest.isEmpty {
                object[key] = value
            } else {
                object[key] = (object[key] ?? .object([])).setting(rest, to: value)
            }
            return .object(object)
        case (.array(var elements), .index(let i)) where elements.indices.contains(i):
            if rest.isEmpty {
                if let value { elements[i] = value } else { elements.remove(at: i) }
            } else {
                elements[i] = elements[i].setting(rest, to: value)
            }
            return .array(elements)
        default:
            return self
        }
    }
}

/// One step of a path used by `setting(_:to:)`: `"workload"` or `0`.
enum PathKey: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)
    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

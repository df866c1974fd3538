import Foundation
import HeadroomAnalysis
import HeadroomScenario

/// Renders a ``CapacitySearch``: the load an architecture carries before an objective fails.
public enum CapacityReport {
    /// The search as JSON (see docs/cost-and-sla.md).
    public static func value(_ c: CapacitySearch, scenario: String, seed: UInt64) -> JSONValue {
        func n(_ x: Double?, _ places: Int) -> JSONValue { x.map { JSONReport.number($0, places) } ?? .null }
        return .object([
            ("formatVersion", .int(JSONReport.formatVersion)),
            ("scenario", .string(scenario)),
            ("seed", .uint64(seed)),
            ("capacity", .object([
                ("factor", n(c.capacityFactor, 4)),
                ("rateRps", n(c.capacityRps, 4)),
                ("headroomPercent", n(c.headroomPercent, 2)),
                ("failingFactor", n(c.failingFactor, 4)),
                ("brokenBy", .optional(c.brokenBy)),
                ("failedObjectives", .array(c.failedObjectives.map(JSONValue.string))),
                ("besideCapacity", .array(c.besideCapacity.map { v in
                    .object([
                        ("name", .string(v.name)), ("bound", .string(v.bound.rawValue)), ("target", JSONReport.number(v.target, 6)),
                        ("measured", n(v.measured, 6)), ("unit", .string(v.unit)), ("passed", .bool(v.passed)),
                    ])
                })),
                ("stoppedEarly", .optional(c.stoppedEarly?.rawValue)),
                ("scenarioLoadPassed", .bool(c.scenarioLoadPassed)),
            ])),
            ("steps", .array(c.steps.map { s in
                .object([
                    ("factor", JSONReport.number(s.factor, 4)),
                    ("rateRps", JSONReport.number(s.rateRps, 4)),
                    ("offered", .int(s.offered)),
                    ("completed", .int(s.completed)),
                    ("completedRps", JSONReport.number(s.completedRps, 4)),
                    ("p95Ms", n(s.p95Ms, 4)),
                    ("p99Ms", n(s.p99Ms, 4)),
                    ("passed", .bool(s.passed)),
                    ("failedObjectives", .array(s.failedObjectives.map(JSONValue.string))),
                    ("otherFailedObjectives", .array(s.otherFailedObjectives.map(JSONValue.string))),
                    ("bottleneck", .optional(s.bottleneck)),
                    ("bottleneckUtilization", JSONReport.number(s.bottleneckUtilization, 6)),
                ])
            })),
        ])
    }

    /// The search as JSON text ending in a newline.
    public static func renderJSON(_ c: CapacitySearch, scenario: String, seed: UInt64) -> String {
        value(c, scenario: scenario, seed: seed).rendered(pretty: true) + "\n"
    }

    /// The search as a readable table and summary.
    public static func renderText(_ c: CapacitySearch, scenario: String, seed: UInt64) -> String {
        var out = "\(TextReport.printable(scenario)) · seed \(seed) · capacity search (every rate scaled, same seed at each step)\n\n"
        var table = TextTable(["load", "rate/s", "completed/s", "p95 ms", "p99 ms", "most utilized", "SLA (load objectives)"], textColumns: 0, trailingTextColumns: 2)
        for s in c.steps.sorted(by: { $0.factor < $1.factor }) {
            var verdict = s.passed ? "pass" : "FAIL: " + s.failedObjectives.joined(separator: ", ")
            if !s.otherFailedObjectives.isEmpty { verdict += " · also missed: " + s.otherFailedObjectives.joined(separator: ", ") }
            table.add([
                "×" + TextReport.fixed(s.factor, 3), TextReport.rate(s.rateRps), TextReport.rate(s.completedRps),
                TextReport.ms(s.p95Ms), TextReport.ms(s.p99Ms),
                s.bottleneck.map { "\(TextReport.printable($0)) \(TextReport.percent(s.bottleneckUtilization))" } ?? "–",
                verdict,
            ])
        }
        out += table.render() + "\n\n"
        if let factor = c.capacityFactor, let rate = c.capacityRps, let headroom = c.headroomPercent {
            out += "Capacity     \(TextReport.rate(rate)) req/s (×\(TextReport.fixed(factor, 3)) the scenario's load): "
            out += headroom >= 0 ? "\(TextReport.fixed(headroom, 1)) % headroom\n" : "over capacity by \(TextReport.fixed(-headroom, 1)) %\n"
        } else {
            out += "Capacity     none found: the SLA fails even at ×\(TextReport.fixed(c.steps.map(\.factor).min() ?? 1, 3)) the load\n"
        }
        if let failing = c.failingFactor {
            out += "Breaks at    ×\(TextReport.fixed(failing, 3)): \(c.failedObjectives.joined(separator: ", "))"
            out += c.brokenBy.map { "; \(TextReport.printable($0)) is the most utilized component\n" } ?? "\n"
        } else {
            out += "Breaks at    no objective failed up to ×\(TextReport.fixed(c.steps.map(\.factor).max() ?? 1, 3))\n"
        }
        if !c.besideCapacity.isEmpty {
            let at = c.capacityFactor.map { "×" + TextReport.fixed($0, 3) } ?? "×1.000"
            out += "Beside it    at \(at), not bounding the search: " + c.besideCapacity.map { v in
                let relation = v.bound == .max ? "≤" : "≥"
                let measured = v.measured.map { TextReport.value($0, v.unit) } ?? "nothing measured"
                return "\(v.name) \(measured) \(relation) \(TextReport.value(v.target, v.unit)) \(v.passed ? "pass" : "FAIL")"
            }.joined(separator: " · ") + "\n"
        }
        if let stop = c.stoppedEarly { out += "Stopped      \(stopped(stop, c))\n" }
        return out
    }

    /// Why the search ended early, in words.
    static func stopped(_ stop: CapacitySearch.Stop, _ c: CapacitySearch) -> String {
        switch stop {
        case .nothingCompleted:
            let step = c.steps.last
            return "nothing completed at ×\(TextReport.fixed(step?.factor ?? 1, 3)) (0 of \(step?.offered ?? 0) requests): "
                + "requests take longer than the measured window at any load, so no capacity can be found by scaling it; look at the service times and timeouts, or lengthen the run"
        case .runLimits:
            return "the next step was not run: \(c.limitMessage ?? "it exceeds the run limits")"
        case .factorBound:
            return "the load reached its bound (×1000 up, ×0.001 down) without the verdict changing"
        case .stepBound:
            return "after \(c.steps.count) steps, before the boundary was narrowed to 2 %"
        }
    }
}

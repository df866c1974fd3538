import HeadroomAnalysis
import HeadroomScenario

/// Renders a ``ReplicationSummary``: metrics as mean ± confidence half-width, SLA on the means.
public enum ReplicationReport {
    /// The summary as JSON (see docs/json-output.md).
    public static func value(_ s: ReplicationSummary) -> JSONValue {
        func interval(_ i: ConfidenceInterval?) -> [(String, JSONValue)] {
            [("mean", i.map { JSONReport.number($0.mean, 6) } ?? .null), ("halfWidth", i.map { JSONReport.number($0.halfWidth, 6) } ?? .null)]
        }
        func n(_ x: Double?) -> JSONValue { x.map { JSONReport.number($0, 6) } ?? .null }
        return .object([
            ("formatVersion", .int(JSONReport.formatVersion)),
            ("scenario", .string(s.scenario)),
            ("seed", .uint64(s.seed)),
            ("replications", .int(s.replications)),
            ("confidence", .number(s.confidence)),
            ("metrics", .array(s.metrics.map { m in
                .object([("name", .string(m.name)), ("unit", .string(m.unit))] + interval(m.interval)
                    + [("min", n(m.minimum)), ("max", n(m.maximum))])
            })),
            ("sla", .object([
                ("passed", .bool(s.passed)),
                ("objectives", .array(s.verdicts.map { v in
                    .object([("name", .string(v.name)), ("bound", .string(v.bound.rawValue)), ("target", JSONReport.number(v.target, 6)),
                             ("unit", .string(v.unit))] + interval(v.interval)
                        + [("passedInReplications", .int(v.passedCount)), ("passed", .bool(v.passed))])
                })),
            ])),
        ])
    }

    /// The summary as JSON text ending in a newline.
    public static func renderJSON(_ s: ReplicationSummary) -> String { value(s).rendered(pretty: true) + "\n" }

    /// The summary as a readable table.
    public static func renderText(_ s: ReplicationSummary) -> String {
        let level = TextReport.fixed(s.confidence * 100, 0)
        var out = "\(TextReport.printable(s.scenario)) · \(s.replications) replications, seeds \(s.seed)…\(s.seed &+ UInt64(s.replications - 1)) · mean ± \(level) % confidence half-width\n\n"
        var table = TextTable(["metric", "mean", "±", "min", "max"])
        for m in s.metrics {
            table.add([TextReport.printable(m.name) + (m.unit.isEmpty ? "" : " (\(m.unit))"), number(m.interval?.mean, m.unit), number(m.interval?.halfWidth, m.unit),
                       number(m.minimum, m.unit), number(m.maximum, m.unit)])
        }
        out += table.render() + "\n"
        if !s.verdicts.isEmpty {
            out += "\nSLA          \(s.passed ? "PASS" : "FAIL") on the means\n"
            for v in s.verdicts {
                let value = v.interval.map { "\(TextReport.value($0.mean, v.unit)) ± \(number($0.halfWidth, v.unit))" }
                    ?? "not measured in every replication"
                out += "  \(v.passed ? "pass" : "FAIL")  \(TextReport.printable(v.name)): \(value)"
                out += " \(v.bound == .max ? "≤" : "≥") \(TextReport.value(v.target, v.unit)); met in \(v.passedCount) of \(s.replications) replications\n"
            }
        }
        return out
    }

    static func number(_ x: Double?, _ unit: String) -> String {
        guard let x else { return "–" }
        return switch unit {
        case "ms": TextReport.ms(x)
        case "%": TextReport.fixed(x, 3)
        case "USD/month": TextReport.fixed(x, 2)
        case "req/s": TextReport.rate(x)
        default: TextReport.fixed(x, 4)
        }
    }
}

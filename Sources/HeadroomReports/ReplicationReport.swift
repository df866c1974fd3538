import HeadroomAnalysis
import HeadroomScenario

/// Renders a ``ReplicationSummary``: metrics as mean ± confidence half-width, each SLA objective
/// judged on its interval (pass, fail or inconclusive), and every replication's values.
public enum ReplicationReport {
    /// The summary as JSON (see docs/json-output.md).
    public static func value(_ s: ReplicationSummary) -> JSONValue {
        func interval(_ i: ConfidenceInterval?) -> [(String, JSONValue)] {
            [("mean", i.map { JSONReport.number($0.mean, 6) } ?? .null), ("halfWidth", i.map { JSONReport.number($0.halfWidth, 6) } ?? .null)]
        }
        func n(_ x: Double?) -> JSONValue { x.map { JSONReport.number($0, 6) } ?? .null }
        func values(_ v: [Double?]) -> JSONValue { .array(v.map(n)) }
        return .object([
            ("formatVersion", .int(JSONReport.formatVersion)),
            ("scenario", .string(s.scenario)),
            ("seed", .uint64(s.seed)),
            ("replications", .int(s.replications)),
            ("confidence", .number(s.confidence)),
            ("warmupSeconds", JSONReport.number(s.runs.first?.warmupSeconds ?? 0, 6)),
        ] + WarmupReport.members(s.warmupDetection) + precisionMembers(s.precision) + [
            ("metrics", .array(s.metrics.map { m in
                .object([("name", .string(m.name)), ("unit", .string(m.unit))] + interval(m.interval)
                    + [("min", n(m.minimum)), ("max", n(m.maximum)), ("values", values(m.values))])
            })),
            ("sla", .object([
                ("passed", .bool(s.passed)),
                ("verdict", .string(s.outcome.rawValue)),
                ("objectives", .array(s.verdicts.map { v in
                    .object([("name", .string(v.name)), ("bound", .string(v.bound.rawValue)), ("target", JSONReport.number(v.target, 6)),
                             ("unit", .string(v.unit))] + interval(v.interval)
                        + [("passedInReplications", .int(v.passedCount)), ("passed", .bool(v.passed)),
                           ("verdict", .string(v.outcome.rawValue)), ("moreReplications", v.moreReplications.map { .int($0) } ?? .null),
                           ("values", values(v.values))])
                })),
            ])),
            ("runs", .array(s.runs.map { run in
                .object([("seed", .uint64(run.seed)), ("warmupSeconds", JSONReport.number(run.warmupSeconds, 6)), ("slaPassed", .bool(run.slaPassed))])
            })),
        ])
    }

    /// `"precision": {…}` when `--precision` was given.
    static func precisionMembers(_ p: PrecisionOutcome?) -> [(String, JSONValue)] {
        guard let p else { return [] }
        return [("precision", .object([
            ("target", JSONReport.number(p.target, 6)),
            ("maxReplications", .int(p.maxReplications)),
            ("reached", .bool(p.reached)),
            ("wider", .array(p.wider.map { w in
                .object([("name", .string(w.name)), ("relativeHalfWidth", w.relativeHalfWidth.map { JSONReport.number($0, 6) } ?? .null)])
            })),
        ]))]
    }

    /// The summary as JSON text ending in a newline.
    public static func renderJSON(_ s: ReplicationSummary) -> String { value(s).rendered(pretty: true) + "\n" }

    /// The summary as a readable table.
    public static func renderText(_ s: ReplicationSummary) -> String {
        let level = TextReport.fixed(s.confidence * 100, 0)
        var out = "\(TextReport.printable(s.scenario)) · \(s.replications) replications, seeds \(s.seed)…\(s.seed &+ UInt64(s.replications - 1)) · mean ± \(level) % confidence half-width"
        out += WarmupReport.phrase(warmupSeconds: s.runs.first?.warmupSeconds ?? 0, detection: s.warmupDetection) + "\n"
        if let p = s.precision { out += precisionLine(p, replications: s.replications) }
        out += "\n"
        var table = TextTable(["metric", "mean", "±", "min", "max"])
        for m in s.metrics {
            table.add([TextReport.printable(m.name) + (m.unit.isEmpty ? "" : " (\(m.unit))"), number(m.interval?.mean, m.unit), number(m.interval?.halfWidth, m.unit),
                       number(m.minimum, m.unit), number(m.maximum, m.unit)])
        }
        out += table.render() + "\n"
        if !s.verdicts.isEmpty {
            out += "\nSLA          \(outcomeWord(s.outcome)) (judged on the \(level) % intervals)\n"
            for v in s.verdicts { out += "  " + verdictLine(v, replications: s.replications) + "\n" }
        }
        return out
    }

    /// `PASS`, `FAIL` or `INCONCLUSIVE`.
    public static func outcomeWord(_ v: IntervalVerdict) -> String { v == .pass ? "PASS" : v == .fail ? "FAIL" : "INCONCLUSIVE" }

    /// `pass  p95 latency: 43.99 ms ± 0.482 ≤ 200.0 ms; met in 5 of 5 replications`, and for an
    /// inconclusive verdict how many more replications would likely decide it.
    public static func verdictLine(_ v: ReplicationSummary.Verdict, replications: Int) -> String {
        let word = v.outcome == .pass ? "pass" : v.outcome == .fail ? "FAIL" : "inconclusive"
        let value = v.interval.map { "\(TextReport.value($0.mean, v.unit)) ± \(number($0.halfWidth, v.unit))" }
            ?? "not measured in every replication"
        var line = "\(word)  \(TextReport.printable(v.name)): \(value)"
        line += " \(v.bound == .max ? "≤" : "≥") \(TextReport.value(v.target, v.unit)); met in \(v.passedCount) of \(replications) replications"
        if v.untrustedCount > 0 { line += "; not trusted in \(v.untrustedCount) (unstable)" }
        if v.outcome == .inconclusive {
            if let more = v.moreReplications {
                line += "; about \(more) more replication\(more == 1 ? "" : "s") would likely decide it"
            } else {
                line += "; the mean sits on the target, so more replications are unlikely to decide it"
            }
        }
        return line
    }

    /// `Precision    ±2 % reached with 14 replications` or what stayed wider at the cap.
    static func precisionLine(_ p: PrecisionOutcome, replications: Int) -> String {
        let target = Percentage.trimmed(p.target * 100)
        if p.reached { return "Precision    ±\(target) % reached with \(replications) replications\n" }
        let wider = p.wider.map { w in
            "\(w.name) ±" + (w.relativeHalfWidth.map { TextReport.fixed($0 * 100, 1) + " %" } ?? "∞ (mean 0)")
        }.joined(separator: ", ")
        return "Precision    ±\(target) % not reached with \(replications) replications (cap \(p.maxReplications)): \(wider)\n"
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

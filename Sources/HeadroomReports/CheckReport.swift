import HeadroomAnalysis
import HeadroomScenario

/// Renders a ``CheckRun``: per scenario its SLA verdicts and its comparison with the baseline,
/// then a summary table and the overall result (text), or the same as JSON.
public enum CheckReport {
    // MARK: - Text

    /// The report as text ending in a newline.
    public static func renderText(_ run: CheckRun) -> String {
        var out = "headroom check · \(run.scenarios.count) scenario\(run.scenarios.count == 1 ? "" : "s")"
        if let file = run.baselineFile { out += run.baselineUpdated ? " · recording baseline \(file)" : " · baseline \(file)" }
        out += "\n"
        for check in run.scenarios {
            let s = check.summary
            out += "\n\(check.file) · \(s.scenario) · \(s.replications) replications, seeds \(seeds(s))"
            out += WarmupReport.phrase(warmupSeconds: s.runs.first?.warmupSeconds ?? 0, detection: s.warmupDetection) + "\n"
            if let p = s.precision { out += "  " + ReplicationReport.precisionLine(p, replications: s.replications) }
            if s.verdicts.isEmpty {
                out += "  SLA: no objectives\n"
            } else {
                out += "  SLA \(ReplicationReport.outcomeWord(s.outcome))\n"
                for v in s.verdicts { out += "    " + ReplicationReport.verdictLine(v, replications: s.replications) + "\n" }
            }
            if let b = check.baseline {
                out += "  Baseline: \(baselineNote(b))\n"
                var table = TextTable(["finding", "metric", "baseline", "now", "change ± 95 %", "tolerance"], textColumns: 2)
                for c in b.comparisons {
                    table.add([c.status == .regressed ? "REGRESSED" : c.status.rawValue, c.metric.title, TextReport.value(c.baselineMean, c.metric.unit),
                               TextReport.value(c.candidateMean, c.metric.unit), change(c), tolerance(c)])
                }
                out += table.render(indent: "    ") + "\n"
            }
            out += "  Verdict: \(check.verdict.word)\n"
        }
        out += "\nSummary\n"
        var table = TextTable(["scenario", "SLA", "baseline", "verdict"], textColumns: 3)
        for check in run.scenarios { table.add([check.file, slaCell(check.summary), baselineCell(check, run), check.verdict.word]) }
        out += table.render() + "\n"
        out += "Result       \(run.verdict.word)"
        if run.baselineUpdated, let file = run.baselineFile { out += " · baseline recorded in \(file)" }
        return out + "\n"
    }

    /// `42…51`.
    static func seeds(_ s: ReplicationSummary) -> String { "\(s.seed)…\(s.seed &+ UInt64(max(s.replications, 1) - 1))" }

    /// `6 pass`, `1 FAIL, 5 pass`, `1 inconclusive, 2 pass`, `no objectives`.
    static func slaCell(_ s: ReplicationSummary) -> String {
        guard !s.verdicts.isEmpty else { return "no objectives" }
        let counts: [(IntervalVerdict, String)] = [(.fail, "FAIL"), (.inconclusive, "inconclusive"), (.pass, "pass")]
        return counts.compactMap { verdict, word in
            let n = s.verdicts.filter { $0.outcome == verdict }.count
            return n > 0 ? "\(n) \(word)" : nil
        }.joined(separator: ", ")
    }

    /// `2 regressed`, `1 inconclusive`, `no regression`, `recorded`, `–`.
    static func baselineCell(_ check: ScenarioCheck, _ run: CheckRun) -> String {
        if run.baselineUpdated { return "recorded" }
        guard let b = check.baseline else { return "–" }
        var parts: [String] = []
        if !b.regressions.isEmpty { parts.append("\(b.regressions.count) regressed") }
        if !b.inconclusive.isEmpty { parts.append("\(b.inconclusive.count) inconclusive") }
        if parts.isEmpty { parts.append("no regression") }
        if b.stale { parts.append("stale") }
        return parts.joined(separator: ", ")
    }

    /// Whether the baseline is current, and whether the scenario changed since it was recorded.
    static func baselineNote(_ b: BaselineComparison) -> String {
        var note = b.scenarioChanged ? "the scenario changed since it was recorded" : "the scenario is unchanged since it was recorded"
        note += " (\(b.entry.replications) replications from seed \(b.entry.seed))"
        if b.stale { note += "; STALE: \(b.staleReasons.joined(separator: "; ")) — differences may come from Headroom itself; re-record it with --update-baseline" }
        return note
    }

    /// `+35.2 % ± 4.1 %` (or absolute when the baseline mean is 0).
    static func change(_ c: MetricComparison) -> String {
        guard let relative = c.relativeChange, let width = c.relativeHalfWidth else {
            return signed(c.difference.mean, c.metric.unit) + " ± " + ReplicationReport.number(c.difference.halfWidth, c.metric.unit)
        }
        return signedPercent(relative) + " ± " + TextReport.fixed(width * 100, 1) + " %"
    }

    /// `+10 %` or `−5 %`: the tolerance with the sign of a worsening.
    static func tolerance(_ c: MetricComparison) -> String {
        (c.metric.higherIsWorse ? "+" : "−") + Percentage.trimmed(c.tolerance * 100) + " %"
    }

    static func signedPercent(_ fraction: Double) -> String {
        let text = TextReport.fixed(abs(fraction) * 100, 1)
        return (fraction < 0 && text != "0.0" ? "−" : "+") + text + " %"
    }

    static func signed(_ x: Double, _ unit: String) -> String {
        (x < 0 ? "−" : "+") + ReplicationReport.number(abs(x), unit) + (unit.isEmpty ? "" : " \(unit)")
    }

    // MARK: - JSON

    /// The report as JSON (shape in docs/ci.md).
    public static func value(_ run: CheckRun) -> JSONValue {
        .object([
            ("formatVersion", .int(JSONReport.formatVersion)),
            ("headroomVersion", .string(HeadroomVersion.current)),
            ("baseline", .optional(run.baselineFile)),
            ("baselineUpdated", .bool(run.baselineUpdated)),
            ("verdict", .string(run.verdict.rawValue)),
            ("scenarios", .array(run.scenarios.map { check in
                .object([
                    ("file", .string(check.file)),
                    ("scenario", .string(check.summary.scenario)),
                    ("scenarioHash", .string(check.scenarioHash)),
                    ("verdict", .string(check.verdict.rawValue)),
                    ("baseline", check.baseline.map(baselineValue) ?? .null),
                    ("replications", ReplicationReport.value(check.summary)),
                ])
            })),
        ])
    }

    /// The report as JSON text ending in a newline.
    public static func renderJSON(_ run: CheckRun) -> String { value(run).rendered(pretty: true) + "\n" }

    static func baselineValue(_ b: BaselineComparison) -> JSONValue {
        .object([
            ("file", .string(b.entry.file)),
            ("headroomVersion", .string(b.entry.headroomVersion)),
            ("scenarioHash", .string(b.entry.scenarioHash)),
            ("scenarioChanged", .bool(b.scenarioChanged)),
            ("stale", .bool(b.stale)),
            ("staleReasons", .array(b.staleReasons.map { .string($0) })),
            ("comparisons", .array(b.comparisons.map { c in
                .object([
                    ("metric", .string(c.metric.rawValue)),
                    ("unit", .string(c.metric.unit)),
                    ("higherIsWorse", .bool(c.metric.higherIsWorse)),
                    ("tolerancePercent", JSONReport.number(c.tolerance * 100, 6)),
                    ("baselineMean", JSONReport.number(c.baselineMean, 6)),
                    ("candidateMean", JSONReport.number(c.candidateMean, 6)),
                    ("difference", JSONReport.number(c.difference.mean, 6)),
                    ("halfWidth", JSONReport.number(c.difference.halfWidth, 6)),
                    ("pairs", .int(c.difference.count)),
                    ("status", .string(c.status.rawValue)),
                ])
            })),
        ])
    }
}

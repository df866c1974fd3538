import HeadroomAnalysis
import HeadroomScenario

/// Renders ``Advice`` as text for people and as JSON for scripts (documented in docs/advisor.md).
///
/// Both are deterministic: the same answers (and, with a simulation, the same seed) give the
/// same bytes.
public enum AdviceReport {
    /// Version of the JSON shape; bumped only on incompatible changes.
    public static let formatVersion = 1

    /// The text report. `scenarioPath` is where the starter scenario was written, if it was;
    /// `simulation` the results of running it, if asked.
    public static func text(_ advice: Advice, scenarioPath: String?, simulation: Results? = nil) -> String {
        let scores = advice.scores
        let winner = advice.recommended
        var out: [String] = []
        out.append("Recommended architecture: \(winner.title)")
        var line = "  score \(scores.score) of \(scores.total) points · confidence \(Format.percent(scores.confidence))"
        if let second = advice.alternatives.first {
            line += scores.isTie
                ? " · tied with \(second.title): the tie goes to the simpler architecture"
                : " · \(scores.score - scores[second]) ahead of \(second.title)"
        }
        out.append(line)
        out.append("")
        out.append("Why \(winner.title)?")
        out += winner.reasons.map { "  ✓ \($0)" }
        let mine = scores.contributions.filter { $0.points.architecture == winner }
        if !mine.isEmpty {
            out.append("  From your answers:")
            for c in mine {
                out.append("    +\(c.points.points)  \(Questionnaire.question(c.question).title): \(c.choice.label)")
            }
        }
        out.append("")
        out.append("Scores: " + Architecture.allCases.map { "\($0.rawValue) \(scores[$0])" }.joined(separator: " · "))
        out.append("")
        out.append("Consider alternatives if:")
        for alternative in advice.alternatives {
            out.append("  • \(alternative.title) (\(scores[alternative]) points) if: \(alternative.preferIf)")
        }
        out.append("")
        out += capacityLines(advice)
        out.append("")
        out.append("Supporting pieces")
        for p in advice.pieces {
            let status = p.inScenario ? " (in the scenario)" : p.piece.isSimulated ? "" : " (not simulated yet)"
            out.append("  \(p.inScenario ? "✓" : "•") \(p.piece.title)\(status): \(p.trigger)")
            // A piece the platform provides needs no advice on what it is for.
            if p.inScenario || !p.piece.isSimulated { out.append("      \(p.piece.purpose)") }
        }
        out.append("")
        let scenario = advice.starter.scenario
        out.append("Starter scenario \(scenario.name): " + (scenarioPath.map { "written to \($0)" } ?? "not written (use --write-scenario FILE)"))
        out.append("  peak \(Format.number(scenario.workload.rate)) req/s for \(scenario.duration.humanReadable), first \(scenario.warmup.humanReadable) warm-up, seed \(scenario.seed)")
        out += advice.starter.sizing.map { "  \($0)" }
        out += advice.starter.notes.map { "  Note: \($0)" }
        if let simulation {
            out.append("")
            out += simulationLines(simulation, objective: advice.answers.duration(.latencyObjective), cells: advice.starter.cells)
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func capacityLines(_ advice: Advice) -> [String] {
        let a = advice.answers, c = advice.capacity
        // Say which inputs were not answered: the sizing rests on them.
        var assumed: [String] = []
        if !a.isAnswered(.dailyActiveUsers) {
            assumed.append("\(a.display(.dailyActiveUsers)) daily users planned for expected users \"\(a.display(.expectedUsers))\"")
        }
        if !a.isAnswered(.requestsPerUserPerDay) { assumed.append("\(a.display(.requestsPerUserPerDay)) requests per user a day assumed") }
        let keys = [(QuestionKey.dailyActiveUsers, "dailyActiveUsers"), (.requestsPerUserPerDay, "requestsPerUserPerDay")].filter { !a.isAnswered($0.0) }.map(\.1)
        return [
            "Capacity (seed 001 formulas)",
            "  peak \(Format.number(c.peakRps)) req/s = \(a.display(.dailyActiveUsers)) users × \(a.display(.requestsPerUserPerDay)) requests × \(Format.number(a.number(.peakMultiplier))) ÷ 86,400 (daily average \(Format.number(c.averageRps)) req/s)",
        ] + (assumed.isEmpty ? [] : ["  \(assumed.joined(separator: "; ")) (answer \(keys.joined(separator: " and ")) to change)"]) + [
            "  \(Format.number(c.peakReadRps)) reads/s and \(Format.number(c.peakWriteRps)) writes/s at peak; p95 objective \(a.display(.latencyObjective))",
            "  storage \(Format.kilobytes(c.storageKB)) after \(a.display(.retentionYears)) at \(a.display(.dataPerUserPerDayKB)) per user per day and \(a.display(.yearlyGrowthPercent)) yearly growth",
            "  bandwidth \(Format.number(c.peakBandwidthMbps)) Mbps at peak for \(a.display(.responseSizeKB)) responses",
        ]
    }

    static func simulationLines(_ r: Results, objective: TimeSpan, cells: Int) -> [String] {
        let perCell = cells > 1 ? " per cell × \(Format.number(Double(cells))) cells = $\(Format.number(r.cost.perMonthDollars * Double(cells), decimals: 2))/month" : ""
        return [
            "Simulated (seed \(r.seed), \(Format.number(r.simulatedSeconds)) s, first \(Format.number(r.warmupSeconds)) s warm-up)",
            "  throughput \(Format.number(r.throughput.completedRps)) req/s completed of \(Format.number(r.throughput.offeredRps)) req/s offered",
            r.latencyMs.map { l in
                "  latency p50 \(Format.number(l.p50)) ms · p95 \(Format.number(l.p95)) ms · p99 \(Format.number(l.p99)) ms (your p95 objective: \(objective.humanReadable))"
            } ?? "  latency: none, no request completed (your p95 objective: \(objective.humanReadable))",
            "  requests \(r.requests.completed) completed · \(r.requests.rejected) rejected · \(r.requests.failed) failed",
            "  busiest: " + busiest(r),
            "  SLA \(r.sla.passed ? "met" : "MISSED"): " + r.sla.verdicts.map { v in
                let measured = v.measured.map { "\(Format.number($0, decimals: 2)) \(v.unit)" } ?? "nothing measured"
                return "\(v.name) \(measured) \(v.bound == .max ? "≤" : "≥") \(Format.number(v.target, decimals: 2)) \(v.unit)\(v.passed ? "" : " ✗")"
            }.joined(separator: " · "),
            "  cost ≈ $\(Format.number(r.cost.perMonthDollars, decimals: 2))/month\(perCell) at the assumed list prices"
                + (r.cost.perMillionSuccessfulDollars.map { " ($\(Format.number($0, decimals: 2)) per million requests)" } ?? ""),
        ]
    }

    static func busiest(_ r: Results) -> String {
        let stations = r.components.filter { $0.workers > 0 }
        guard let top = stations.max(by: { $0.utilization < $1.utilization }) else { return "–" }
        return "\(top.id) at \(Format.percent(top.utilization)) of its workers held"
    }

    // MARK: JSON

    /// The JSON report as a value.
    public static func json(_ advice: Advice, scenarioPath: String?, simulation: Results? = nil) -> JSONValue {
        let scores = advice.scores, c = advice.capacity
        return .object([
            ("formatVersion", .int(formatVersion)),
            ("answers", .object(QuestionKey.allCases.map { ($0.rawValue, advice.answers.json($0)) })),
            ("recommendation", .object([
                ("architecture", .string(advice.recommended.rawValue)),
                ("score", .int(scores.score)),
                ("totalPoints", .int(scores.total)),
                ("confidence", .number(rounded(scores.confidence, 4))),
                ("tie", .bool(scores.isTie)),
                ("reasons", .array(advice.recommended.reasons.map(JSONValue.string))),
            ])),
            ("scores", .object(Architecture.allCases.map { ($0.rawValue, .int(scores[$0])) })),
            ("points", .array(scores.contributions.map { p in
                .object([("question", .string(p.question.rawValue)), ("answer", .string(p.choice.id)),
                         ("architecture", .string(p.points.architecture.rawValue)), ("points", .int(p.points.points))])
            })),
            ("alternatives", .array(advice.alternatives.map { a in
                .object([("architecture", .string(a.rawValue)), ("score", .int(scores[a])), ("preferIf", .string(a.preferIf))])
            })),
            ("capacity", .object([
                ("peakRps", .number(c.peakRps)),
                ("peakRpsExact", .number(rounded(c.peakRpsExact, 4))),
                ("averageRps", .number(rounded(c.averageRps, 4))),
                ("peakReadRps", .number(rounded(c.peakReadRps, 4))),
                ("peakWriteRps", .number(rounded(c.peakWriteRps, 4))),
                ("storageKB", .number(c.storageKB.rounded(.down))),
                ("peakBandwidthMbps", .number(rounded(c.peakBandwidthMbps, 4))),
            ])),
            ("supportingPieces", .array(advice.pieces.map { p in
                .object([("piece", .string(p.piece.rawValue)), ("simulated", .bool(p.inScenario)), ("trigger", .string(p.trigger))])
            })),
            ("scenario", .object([
                ("name", .string(advice.starter.scenario.name)),
                ("file", .optional(scenarioPath)),
                ("sizing", .array(advice.starter.sizing.map(JSONValue.string))),
                ("notes", .array(advice.starter.notes.map(JSONValue.string))),
            ])),
            ("simulation", simulation.map(simulationJSON) ?? .null),
            ("costAndSla", simulation.map { costAndSLAJSON($0, cells: advice.starter.cells) } ?? .null),
        ])
    }

    /// The JSON report as pretty-printed text ending in a newline.
    public static func renderJSON(_ advice: Advice, scenarioPath: String?, simulation: Results? = nil) -> String {
        json(advice, scenarioPath: scenarioPath, simulation: simulation).rendered(pretty: true) + "\n"
    }

    static func simulationJSON(_ r: Results) -> JSONValue {
        .object([
            ("seed", .uint64(r.seed)),
            ("measuredSeconds", .number(rounded(r.measuredSeconds, 6))),
            ("offeredRps", .number(rounded(r.throughput.offeredRps, 4))),
            ("completedRps", .number(rounded(r.throughput.completedRps, 4))),
            ("p50Ms", r.latencyMs.map { .number(rounded($0.p50, 4)) } ?? .null),
            ("p95Ms", r.latencyMs.map { .number(rounded($0.p95, 4)) } ?? .null),
            ("p99Ms", r.latencyMs.map { .number(rounded($0.p99, 4)) } ?? .null),
            ("completed", .int(r.requests.completed)),
            ("rejected", .int(r.requests.rejected)),
            ("failed", .int(r.requests.failed)),
        ])
    }

    static func costAndSLAJSON(_ r: Results, cells: Int) -> JSONValue {
        .object([
            ("slaPassed", .bool(r.sla.passed)),
            ("objectives", .array(r.sla.verdicts.map { v in
                .object([
                    ("name", .string(v.name)), ("bound", .string(v.bound.rawValue)), ("target", .number(rounded(v.target, 6))),
                    ("measured", v.measured.map { .number(rounded($0, 6)) } ?? .null), ("unit", .string(v.unit)), ("passed", .bool(v.passed)),
                ])
            })),
            ("monthlyCostDollars", .number(rounded(r.cost.perMonthDollars, 4))),
            ("cells", .int(cells)),
            ("allCellsMonthlyCostDollars", .number(rounded(r.cost.perMonthDollars * Double(cells), 4))),
            ("perMillionSuccessfulDollars", r.cost.perMillionSuccessfulDollars.map { .number(rounded($0, 6)) } ?? .null),
        ])
    }

    static func rounded(_ value: Double, _ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}

import HeadroomAnalysis

/// Renders a ``CheckRun`` as GitHub-flavoured Markdown, for a pull-request comment or
/// `$GITHUB_STEP_SUMMARY`: a heading with the result, a summary table, then per scenario a
/// folded section with its objectives and its comparison with the baseline.
public enum MarkdownReport {
    /// The Markdown text, ending in a newline.
    public static func render(_ run: CheckRun) -> String {
        var out = "## Headroom check: \(run.verdict.word)\n\n"
        if let file = run.baselineFile {
            out += run.baselineUpdated ? "Baseline recorded in `\(file)`.\n\n" : "Compared with the baseline `\(file)`.\n\n"
        }
        out += row(["scenario", "SLA objectives", "against the baseline", "verdict"]) + row(["---", "---", "---", "---"])
        for check in run.scenarios {
            out += row(["`\(check.file)`", CheckReport.slaCell(check.summary), CheckReport.baselineCell(check, run), "**\(check.verdict.word)**"])
        }
        for check in run.scenarios {
            let s = check.summary
            out += "\n<details><summary>\(html(check.file)): \(s.replications) replications, seeds \(CheckReport.seeds(s)) · \(check.verdict.word)</summary>\n\n"
            if !s.verdicts.isEmpty {
                out += row(["objective", "mean ± 95 %", "target", "met in", "verdict"]) + row(["---", "---:", "---:", "---:", "---"])
                for v in s.verdicts {
                    var verdict = v.outcome.rawValue
                    if v.outcome == .inconclusive, let more = v.moreReplications { verdict += " (about \(more) more replications)" }
                    out += row([
                        v.name, v.interval.map { "\(TextReport.value($0.mean, v.unit)) ± \(ReplicationReport.number($0.halfWidth, v.unit))" } ?? "not measured",
                        "\(v.bound == .max ? "≤" : "≥") \(TextReport.value(v.target, v.unit))", "\(v.passedCount)/\(s.replications)",
                        v.outcome == .pass ? verdict : "**\(verdict)**",
                    ])
                }
            }
            if let b = check.baseline {
                out += "\nAgainst the baseline: \(CheckReport.baselineNote(b)).\n\n"
                out += row(["metric", "baseline", "now", "change ± 95 %", "tolerance", "finding"]) + row(["---", "---:", "---:", "---:", "---:", "---"])
                for c in b.comparisons {
                    let finding = c.status == .regressed || c.status == .inconclusive ? "**\(c.status.rawValue)**" : c.status.rawValue
                    out += row([c.metric.title, TextReport.value(c.baselineMean, c.metric.unit), TextReport.value(c.candidateMean, c.metric.unit),
                                CheckReport.change(c), CheckReport.tolerance(c), finding])
                }
            }
            out += "\n</details>\n"
        }
        return out
    }

    /// One table row; `|` in a cell is escaped so it stays one cell.
    static func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
    }

    /// `text` safe inside an HTML element (the `<summary>`).
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

import HeadroomAnalysis

/// Renders a ``CheckRun`` as JUnit XML, the test-report format CI systems read (GitHub Actions
/// reporters, GitLab's `artifacts:reports:junit`, Jenkins): one `<testsuite>` per scenario file,
/// one `<testcase>` per SLA objective and per metric compared with the baseline. A failed
/// objective or a regression is a `<failure>`; an inconclusive one is `<skipped>` with the
/// reason (the command's exit code still says it was not decided). No timings are written, so
/// the same check gives the same file.
public enum JUnitReport {
    /// The XML document, ending in a newline.
    public static func render(_ run: CheckRun) -> String {
        var suites: [String] = []
        var total = (tests: 0, failures: 0, skipped: 0)
        for check in run.scenarios {
            let s = check.summary
            var cases: [String] = []
            var counts = (tests: 0, failures: 0, skipped: 0)
            func add(classname: String, name: String, outcome: IntervalVerdict, message: String) {
                counts.tests += 1
                var xml = "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(name))\""
                switch outcome {
                case .pass:
                    xml += "/>"
                case .fail:
                    counts.failures += 1
                    xml += ">\n      <failure type=\"\(classname.hasSuffix(".sla") ? "sla" : "regression")\" message=\"\(escape(message))\">\(escape(message))</failure>\n    </testcase>"
                case .inconclusive:
                    counts.skipped += 1
                    xml += ">\n      <skipped message=\"\(escape("inconclusive: " + message))\"/>\n    </testcase>"
                }
                cases.append(xml)
            }
            for v in s.verdicts {
                let relation = v.bound == .max ? "≤" : "≥"
                add(classname: "\(s.scenario).sla", name: "\(v.name) \(relation) \(TextReport.value(v.target, v.unit))",
                    outcome: v.outcome, message: ReplicationReport.verdictLine(v, replications: s.replications))
            }
            for c in check.baseline?.comparisons ?? [] {
                let outcome: IntervalVerdict = c.status == .regressed ? .fail : c.status == .inconclusive ? .inconclusive : .pass
                let message = "\(c.metric.title): \(CheckReport.change(c)) against the baseline (\(c.status.rawValue); tolerance \(CheckReport.tolerance(c)))"
                add(classname: "\(s.scenario).baseline", name: "\(c.metric.title) within \(CheckReport.tolerance(c)) of the baseline",
                    outcome: outcome, message: message)
            }
            var properties = [
                ("scenario", s.scenario), ("scenarioHash", check.scenarioHash), ("seeds", CheckReport.seeds(s)),
                ("replications", String(s.replications)), ("verdict", check.verdict.rawValue),
            ]
            if let b = check.baseline { properties.append(("baseline", CheckReport.baselineNote(b))) }
            let props = properties.map { "      <property name=\"\(escape($0.0))\" value=\"\(escape($0.1))\"/>" }.joined(separator: "\n")
            suites.append(
                "  <testsuite name=\"\(escape(check.file))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"0\" skipped=\"\(counts.skipped)\">\n"
                    + "    <properties>\n\(props)\n    </properties>\n"
                    + cases.map { $0 + "\n" }.joined() + "  </testsuite>")
            total.tests += counts.tests
            total.failures += counts.failures
            total.skipped += counts.skipped
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"headroom check\" tests=\"\(total.tests)\" failures=\"\(total.failures)\" errors=\"0\" skipped=\"\(total.skipped)\">\n"
            + suites.map { $0 + "\n" }.joined() + "</testsuites>\n"
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, and control characters other than tab and
    /// newline (not allowed in XML 1.0) dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

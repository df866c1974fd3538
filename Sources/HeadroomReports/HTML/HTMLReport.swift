import HeadroomAnalysis
import HeadroomScenario

/// The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) that
/// leads with the verdict and shows latency, time series, components, cost and the scenario as
/// charts. Readable in light and dark mode and printable.
///
/// Every number comes from the same ``Results`` value the JSON report renders (and, for
/// replications, from the ``ReplicationSummary``). The same inputs give byte-identical output:
/// nothing depends on the clock, the locale or hashing order.
public enum HTMLReport {
    /// What produced a report: printed at its foot so a reader can reproduce it.
    public struct Provenance: Sendable, Equatable {
        /// Headroom's version, as `headroom --version` prints it.
        public static let headroomVersion = "0.1.0"

        /// The command line, program name first.
        public var commandLine: [String]
        public var version: String

        /// The provenance of a report made by `commandLine` (the program's path is shortened to its name).
        public init(commandLine: [String], version: String = Self.headroomVersion) {
            var arguments = commandLine
            if let program = arguments.first { arguments[0] = program.split(separator: "/").last.map(String.init) ?? program }
            self.commandLine = arguments
            self.version = version
        }

        /// The command line as a shell would take it back (arguments quoted where needed).
        public var command: String {
            commandLine.map { argument in
                let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./=:,+@%".unicodeScalars.contains($0)
                }
                return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
            }.joined(separator: " ")
        }
    }

    /// The report of one run of `scenario` (the scenario as run: overrides applied).
    public static func render(_ results: Results, scenario: Scenario, provenance: Provenance) -> String {
        Page(results: results, summary: nil, scenario: scenario, provenance: provenance).render()
    }

    /// The report of replications: verdicts, key figures and latency percentiles as means with
    /// confidence intervals from `summary`; components, cost and time series of `detail`, one of
    /// the replications (normally the first, whose seed is the summary's).
    public static func render(_ summary: ReplicationSummary, detail: Results, scenario: Scenario, provenance: Provenance) -> String {
        Page(results: detail, summary: summary, scenario: scenario, provenance: provenance).render()
    }
}

/// Everything one page shows, and the order it shows it in.
struct Page {
    var results: Results
    var summary: ReplicationSummary?
    var scenario: Scenario
    var provenance: HTMLReport.Provenance

    func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta name=\"generator\" content=\"Headroom \(Markup.escape(provenance.version))\"/>\n"
        out += "<title>\(Markup.escape(results.scenario)) · Headroom report</title>\n"
        out += "<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        out += header() + "\n<main>\n"
        out += verdictSection() + "\n"
        out += latencySection() + "\n"
        if summary != nil { out += replicationSection() + "\n" }
        out += timeSeriesSection() + "\n"
        out += componentSection() + "\n"
        out += costSection() + "\n"
        out += scenarioSection() + "\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// "of replication 1 (seed 42)" when the page summarises replications: the detail sections say
    /// which run they show.
    var detailNote: String? {
        guard let summary else { return nil }
        let offset = results.seed &- summary.seed
        guard offset < UInt64(summary.replications) else { return "From one run (seed \(results.seed))." }
        return "From replication \(offset + 1) of \(summary.replications) (seed \(results.seed))."
    }

    private func header() -> String {
        var meta: [String] = []
        if let summary {
            meta.append("\(summary.replications) replications, seeds \(summary.seed)…\(summary.seed &+ UInt64(summary.replications - 1))")
        } else {
            meta.append("seed \(results.seed)")
        }
        var simulated = "\(TimeSpan(seconds: results.simulatedSeconds).humanReadable) simulated"
        if results.warmupSeconds > 0 { simulated += ", first \(TimeSpan(seconds: results.warmupSeconds).humanReadable) excluded as warm-up" }
        meta.append(simulated)
        meta.append("\(Markup.count(results.requests.offered)) requests measured" + (summary != nil ? " per replication" : ""))
        var out = "<header class=\"page-head\">\n<p class=\"eyebrow\">Headroom report</p>\n"
        out += "<h1>\(Markup.escape(results.scenario))</h1>\n"
        if let description = scenario.description { out += "<p class=\"lede\">\(Markup.escape(description))</p>\n" }
        out += "<p class=\"meta\">\(meta.map(Markup.escape).joined(separator: " · "))</p>\n"
        out += "<nav><a href=\"#verdict\">Verdict</a><a href=\"#latency\">Latency</a>"
        if summary != nil { out += "<a href=\"#replications\">Replications</a>" }
        out += "<a href=\"#over-time\">Over time</a><a href=\"#components\">Components</a><a href=\"#cost\">Cost</a><a href=\"#scenario\">Scenario</a></nav>\n"
        return out + "</header>"
    }
}

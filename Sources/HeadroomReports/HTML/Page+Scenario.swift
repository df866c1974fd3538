import HeadroomAnalysis
import HeadroomScenario

extension Page {
    /// The scenario as run — overrides applied, the run's seed in place of the file's — so that
    /// saving its JSON and running it reproduces this report's numbers.
    var scenarioAsRun: Scenario {
        var s = scenario
        s.seed = summary?.seed ?? results.seed
        return s
    }

    /// The scenario in words and (collapsed) as canonical JSON, and what produced the report.
    func scenarioSection() -> String {
        let s = scenarioAsRun
        var out = "<section id=\"scenario\">\n<h2>Scenario</h2>\n"
        out += "<p>\(Markup.escape(s.name)): \(Markup.escape(s.summary)).</p>\n<ul class=\"components\">\n"
        for component in s.components {
            out += "<li><strong>\(Markup.escape(component.id))</strong>: \(Markup.escape(component.summary))</li>\n"
        }
        out += "</ul>\n<details>\n<summary>The scenario as run, in JSON</summary>\n"
        out += "<p class=\"note\">Command-line overrides applied and the seed of the run written in: save it as a file and run it to get these numbers again.</p>\n"
        out += "<pre class=\"json\">\(Markup.escape(ScenarioEncoder.encode(s).rendered()))</pre>\n</details>\n"
        out += "<dl class=\"provenance\">\n"
        out += "<dt>command</dt><dd><code>\(Markup.escape(provenance.command))</code></dd>\n"
        if let summary {
            out += "<dt>seeds</dt><dd>\(summary.seed) … \(summary.seed &+ UInt64(summary.replications - 1)) (replication k uses seed \(summary.seed) + k − 1)</dd>\n"
        } else {
            out += "<dt>seed</dt><dd>\(results.seed)</dd>\n"
        }
        out += "<dt>events</dt><dd>\(Markup.count(results.events))</dd>\n"
        out += "<dt>Headroom</dt><dd>\(Markup.escape(provenance.version))</dd>\n</dl>\n"
        return out + "</section>"
    }

    /// Replications: every metric as mean ± half-width, with the spread between replications.
    func replicationSection() -> String {
        guard let summary else { return "" }
        var out = "<section id=\"replications\">\n<h2>Replications</h2>\n"
        out += "<p class=\"note\">\(summary.replications) independent replications; each figure is the mean with the half-width of its "
        out += "\(Markup.fixed(summary.confidence * 100, 0)) % Student-t confidence interval, and the smallest and largest replication.</p>\n"
        out += "<table class=\"data\">\n<thead><tr><th>metric</th><th class=\"num\">mean</th><th class=\"num\">±</th><th class=\"num\">min</th><th class=\"num\">max</th></tr></thead>\n<tbody>\n"
        for m in summary.metrics {
            let values = [m.interval?.mean, m.interval?.halfWidth, m.minimum, m.maximum].map { ReplicationReport.number($0, m.unit) }
            out += "<tr><td>\(Markup.escape(m.name + (m.unit.isEmpty ? "" : " (\(m.unit))")))</td>"
            out += values.map { "<td class=\"num\">\(Markup.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>"
    }
}

import HeadroomAnalysis

extension Page {
    /// Components: utilization and share of time as bars, the bottleneck named, and the table.
    func componentSection() -> String {
        let r = results
        var out = "<section id=\"components\">\n<h2>Components</h2>\n"
        if let first = r.bottlenecks.byUtilization.first, let c = r.components.first(where: { $0.id == first.id }) {
            out += "<p class=\"callout\"><strong>\(Markup.escape(c.id))</strong> saturates first: "
            if c.workers > 0 {
                out += "\(Markup.percent(c.utilization)) of its \(Markup.count(c.workers)) workers are held (\(Markup.percent(c.serviceUtilization)) on its own work)"
            } else {
                out += "it runs at \(Markup.percent(c.utilization)) of its rate limit"
            }
            out += ", and requests spend \(Markup.percent(c.latencyShare)) of their time there."
            if let top = r.bottlenecks.byLatencyShare.first, top.id != c.id, top.value > 0 {
                out += " Most time is spent at <strong>\(Markup.escape(top.id))</strong> (\(Markup.percent(top.value)))."
            }
            out += "</p>\n"
        }
        out += "<div class=\"charts\">\n" + utilizationChart().render() + "\n" + latencyShareChart().render() + "\n</div>\n"
        out += componentTable()
        out += kindTables()
        if let detailNote { out += "<p class=\"note\">\(Markup.escape(detailNote))</p>\n" }
        return out + "</section>"
    }

    /// Workers held (own work inside), per component that can saturate; with replications, an
    /// error bar for the confidence interval of the mean.
    func utilizationChart() -> BarChart {
        let bottleneck = results.bottlenecks.firstToSaturate
        let rows = results.components.enumerated().filter { $0.element.saturable }.map { index, c -> BarChart.Row in
            var segments = [BarChart.Segment(series: "held", color: index % 8, value: c.utilization)]
            if c.workers > 0 { segments.append(BarChart.Segment(series: "own work", color: index % 8, value: c.serviceUtilization)) }
            let interval = summary?.metrics.first { $0.name == "\(c.id) utilization" }?.interval
            return BarChart.Row(
                label: c.id, segments: segments, valueLabel: Markup.percent(c.utilization),
                whisker: interval.map { ($0.mean - $0.halfWidth, $0.mean + $0.halfWidth) }, emphasized: c.id == bottleneck)
        }
        var note = "The outer bar is the share of workers held, including time blocked on downstream calls; the inner bar the share spent on the component's own work."
        if summary != nil { note += " Whiskers: the confidence interval of the mean over the replications." }
        return BarChart(
            id: "utilization-by-component", title: "Utilization", unit: "share of workers", rows: rows, layout: .overlaid, axisTop: 1,
            tickLabel: { Markup.fixed($0 * 100, 0) + " %" }, note: rows.isEmpty ? "No component has workers or a rate limit." : note)
    }

    /// Each component's share of the time requests spent waiting and being served.
    func latencyShareChart() -> BarChart {
        let rows = results.components.enumerated().map { index, c in
            BarChart.Row(
                label: c.id, segments: [BarChart.Segment(series: "share of time", color: index % 8, value: c.latencyShare)],
                valueLabel: Markup.percent(c.latencyShare), emphasized: c.id == results.bottlenecks.byLatencyShare.first?.id)
        }
        return BarChart(
            id: "latency-share", title: "Where the time goes", unit: "share of time in components", rows: rows, axisTop: 1,
            tickLabel: { Markup.fixed($0 * 100, 0) + " %" },
            note: "Waiting for a worker plus own service time at each component; a balancer's added latency.")
    }

    private func componentTable() -> String {
        var out = "<table class=\"data\">\n<thead><tr><th>component</th><th>kind</th><th class=\"num\">size</th><th class=\"num\">util</th>"
        out += "<th class=\"num\">own work</th><th class=\"num\">queue</th><th class=\"num\">wait ms</th><th class=\"num\">time ms</th>"
        out += "<th class=\"num\">thru/s</th><th class=\"num\">rejected</th><th class=\"num\">timeouts</th></tr></thead>\n<tbody>\n"
        for c in results.components {
            let station = c.workers > 0
            let cells = [
                station ? "\(c.instances)×\(c.workers / max(c.instances, 1))" : "–",
                station || c.saturable ? Markup.percent(c.utilization) : "–", station ? Markup.percent(c.serviceUtilization) : "–",
                station ? Markup.fixed(c.meanQueueLength, 2) : "–", station ? Markup.ms(c.meanWaitMs) : "–",
                Markup.ms(c.meanResidenceMs), Markup.rate(c.throughputRps), Markup.count(c.rejected), Markup.count(c.timedOut),
            ]
            out += "<tr><td>\(Markup.escape(c.id))</td><td>\(Markup.escape(c.kind.rawValue))</td>"
            out += cells.map { "<td class=\"num\">\(Markup.escape($0))</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        for c in results.components {
            guard case .count(let coldStarts)? = c.figures?["coldStarts"], coldStarts > 0 else { continue }
            out += "<p class=\"note\">\(Markup.escape(c.id)): \(Markup.count(coldStarts)) cold starts; mean execution \(Markup.ms(c.meanServiceMs)) ms including them.</p>\n"
        }
        return out
    }

    /// Rows of a figure (a timeline, shards) shown in a page before the rest is summarised.
    static let kindRowLimit = 100

    /// The kinds' own figures, as the text report gives them: one table per kind whose
    /// components report some (a column per figure), then each figure that has rows (shards,
    /// replicas, a breaker's or a health checker's timeline) as a table of its own.
    func kindTables() -> String {
        let components = results.components
        var names: [String] = []
        for c in components { for set in c.allFigures where !names.contains(set.name) { names.append(set.name) } }
        guard !names.isEmpty else { return "" }
        var out = "<h3 id=\"kind-figures\">What each kind reports</h3>\n"
        for name in names {
            let owners = components.filter { $0.allFigures.contains { $0.name == name } }
            func set(_ c: Results.ComponentResults) -> KindFigures? { c.allFigures.first { $0.name == name } }
            var columns: [String] = []
            for c in owners {
                for f in set(c)?.figures ?? [] where !columns.contains(f.name) {
                    if case .rows = f.value {} else { columns.append(f.name) }
                }
            }
            let title = owners.first.flatMap { $0.kind.rawValue == name ? $0.kind.noun : nil } ?? name
            out += "<table class=\"data\">\n<caption>\(Markup.escape(title.prefix(1).uppercased() + title.dropFirst()))</caption>\n"
            out += "<thead><tr><th>component</th>" + columns.map { "<th class=\"num\">\(Markup.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for c in owners {
                out += "<tr><td>\(Markup.escape(c.id))</td>"
                out += columns.map { "<td class=\"num\">\(Markup.escape(set(c)?[$0].map(TextReport.figure) ?? "–"))</td>" }.joined() + "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
            for c in owners {
                for f in set(c)?.figures ?? [] {
                    guard case .rows(let parts) = f.value, let first = parts.first else { continue }
                    out += "<table class=\"data\">\n<caption>\(Markup.escape(c.id)) · \(Markup.escape(f.name))</caption>\n<thead><tr>"
                    out += first.map { "<th>\(Markup.escape($0.name))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                    for part in parts.prefix(Self.kindRowLimit) {
                        out += "<tr>" + part.map { "<td>\(Markup.escape(TextReport.figure($0.value)))</td>" }.joined() + "</tr>\n"
                    }
                    out += "</tbody>\n</table>\n"
                    if parts.count > Self.kindRowLimit {
                        out += "<p class=\"note\">The first \(Self.kindRowLimit) of \(Markup.count(parts.count)) rows; the JSON report has them all.</p>\n"
                    }
                }
            }
        }
        return out
    }
}

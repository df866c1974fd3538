import HeadroomAnalysis

extension Page {
    /// Latency: the percentile distribution of all requests and of each class (with confidence
    /// bands over replications), and a table of the usual percentiles.
    func latencySection() -> String {
        var out = "<section id=\"latency\">\n<h2>Latency</h2>\n"
        guard results.requests.completed > 0 || summary?.latencyBands.isEmpty == false else {
            return out + "<p class=\"empty\">No request completed in the measured window, so there is no latency to show.</p>\n</section>"
        }
        out += percentileChart().render() + "\n"
        out += latencyTable()
        return out + "</section>"
    }

    /// The percentile distribution chart: x is the percentile on a log scale of 1 / (1 − p).
    func percentileChart() -> LineChart {
        let xs = LatencyDistribution.percentiles
        var series: [LineChart.Series] = []
        var note: String
        if let summary {
            for (k, band) in summary.latencyBands.enumerated() where band.requestClass == nil || results.classes.count > 1 {
                series.append(LineChart.Series(
                    name: band.requestClass ?? "all requests", color: k % 8,
                    values: Self.aligned(band.points.map { ($0.percentile, $0.milliseconds.mean) }, to: xs),
                    band: Self.aligned(band.points.map { ($0.percentile, $0.milliseconds) }, to: xs).map { i in i.map { ($0.mean - $0.halfWidth, $0.mean + $0.halfWidth) } }))
            }
            note = "Mean over \(summary.replications) replications; the shaded band is the \(Markup.fixed(summary.confidence * 100, 0)) % confidence interval at each percentile."
        } else {
            let distributions = [("all requests", results.latencyDistribution)]
                + (results.classes.count > 1 ? results.classes.map { ($0.name, $0.latencyDistribution) } : [])
            for (k, (name, d)) in distributions.enumerated() where !d.points.isEmpty {
                series.append(LineChart.Series(name: name, color: k % 8, values: Self.aligned(d.points.map { ($0.percentile, $0.milliseconds) }, to: xs)))
            }
            note = "From the HdrHistogram of \(Markup.count(results.latencyDistribution.count)) completed requests (3 significant digits)."
        }
        note += " The tail is on a log scale: p90, p99, p99.9 and p99.99 are equally spaced, each ten times rarer than the last."
        return LineChart(
            id: "latency-percentiles", title: "Latency by percentile", unit: "ms", xKind: .percentile, xs: xs,
            xDomain: (0, xs.last ?? 99.99), series: series, yLabel: Markup.tick, note: note,
            markers: [(50, "p50"), (90, "p90"), (99, "p99"), (99.9, "p99.9"), (99.99, "p99.99")], markerValue: { Markup.ms($0) + " ms" },
            width: 1000, height: 300)
    }

    /// `points` placed on `xs` by percentile, nil where a point is missing.
    static func aligned<T>(_ points: [(Double, T)], to xs: [Double]) -> [T?] {
        xs.map { x in points.first { $0.0 == x }?.1 }
    }

    private func latencyTable() -> String {
        var out = "<table class=\"data\">\n<thead><tr><th>requests</th><th class=\"num\">completed/s</th><th class=\"num\">mean</th>"
        out += "<th class=\"num\">p50</th><th class=\"num\">p90</th><th class=\"num\">p95</th><th class=\"num\">p99</th><th class=\"num\">p99.9</th><th class=\"num\">max</th></tr></thead>\n<tbody>\n"
        var rows = [("all", results.throughput.completedRps, results.latencyMs, results.requests.completed)]
        if results.classes.count > 1 { rows += results.classes.map { ($0.name, $0.completedRps, $0.latencyMs, $0.requests.completed) } }
        for (name, rate, l, completed) in rows {
            out += "<tr><td>\(Markup.escape(name))</td><td class=\"num\">\(Markup.rate(rate))</td>"
            let values = l.map { [$0.mean, $0.p50, $0.p90, $0.p95, $0.p99, $0.p999, $0.max] } ?? Array(repeating: nil, count: 7)
            out += values.map { v in "<td class=\"num\">\(completed > 0 ? v.map(Markup.ms) ?? "–" : "–")</td>" }.joined()
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n<p class=\"note\">Milliseconds, measured window only."
        if let detailNote { out += " " + detailNote }
        return out + "</p>\n"
    }
}

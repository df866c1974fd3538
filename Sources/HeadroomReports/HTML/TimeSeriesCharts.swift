import HeadroomAnalysis
import HeadroomScenario

/// The charts of the report's "over time" section, declared as data. To chart a new series —
/// a cache's hit ratio, a queue's backlog — add one entry to ``all``; the section, the warm-up
/// shading, the thinning of long runs and the tests' list of charts follow from it.
struct TimeSeriesChart {
    /// Where a chart's lines come from.
    enum Source {
        /// End-to-end lines, one per (name, palette slot, value per bucket; nil is a gap).
        case run([(name: String, color: Int, dashed: Bool, value: (TimeSeries.Bucket) -> Double?)])
        /// Stacked areas, one per (name, palette slot, value per bucket); all-zero ones are left out.
        case stacked([(name: String, color: Int, value: (TimeSeries.Bucket) -> Double)])
        /// One line per component, coloured as everywhere in the report; nil leaves a component
        /// out (a series only some kinds have). `stationsOnly` keeps components with workers.
        case perComponent(stationsOnly: Bool, value: (TimeSeries.ComponentSeries) -> [Double]?)
    }

    var id: String
    var title: String
    var unit: String
    var source: Source
    /// Multiplies every value (100 turns a fraction into a percentage).
    var scale = 1.0
    /// A fixed top for the y axis; nil to fit the data.
    var yTop: Double? = nil
    /// Said instead of drawing when no series has anything to show.
    var whenEmpty = "Nothing to show."

    /// The palette slot of each error cause, the same in every chart.
    static func color(of cause: ErrorCause) -> Int { [1, 4, 6, 3, 7, 5, 0][Int(cause.rawValue) % 7] }

    /// The charts, in the order the section shows them.
    static var all: [TimeSeriesChart] { [
        TimeSeriesChart(
            id: "throughput", title: "Throughput", unit: "req/s",
            source: .run([
                ("offered", 0, true, { $0.offeredRps }),
                ("completed", 2, false, { $0.completedRps }),
            ])),
        TimeSeriesChart(
            id: "latency", title: "Latency of requests completed in each bucket", unit: "ms",
            source: .run([
                ("p50", 0, false, { $0.latencyMs?.p50 }),
                ("p99", 1, false, { $0.latencyMs?.p99 }),
                ("max", 4, true, { $0.latencyMs?.max }),
            ])),
        TimeSeriesChart(
            id: "errors", title: "Errors by cause", unit: "errors/s",
            source: .stacked(ErrorCause.allCases.map { cause in
                (cause.name, color(of: cause), { b in Double(b.errors[cause]) / max(b.endSeconds - b.startSeconds, 1e-9) })
            }),
            whenEmpty: "No request ended in an error."),
        TimeSeriesChart(
            id: "in-system", title: "Requests in the system", unit: "mean number",
            source: .run([("in system", 3, false, { $0.meanInSystem })])),
        TimeSeriesChart(
            id: "utilization", title: "Utilization (workers held)", unit: "%",
            source: .perComponent(stationsOnly: true, value: { $0.utilization }), scale: 100, yTop: 100,
            whenEmpty: "No component has workers."),
        TimeSeriesChart(
            id: "queue", title: "Queue length", unit: "mean number waiting",
            source: .perComponent(stationsOnly: true, value: { $0.meanQueueLength }),
            whenEmpty: "No component has a queue."),
        TimeSeriesChart(
            id: "instances", title: "Live instances", unit: "instances",
            source: .perComponent(stationsOnly: true, value: { $0.liveInstances }),
            whenEmpty: "No component has instances."),
    ] }

    /// This chart of `series` (already thinned), or nil when it has nothing to show.
    func chart(_ series: TimeSeries, components: [Results.ComponentResults], warmupSeconds: Double, note: String?) -> LineChart? {
        let buckets = series.buckets
        guard let first = buckets.first, let last = buckets.last else { return nil }
        let xs = buckets.map { ($0.startSeconds + $0.endSeconds) / 2 }
        var lines: [LineChart.Series] = []
        var stacked = false
        switch source {
        case .run(let entries):
            lines = entries.map { e in
                LineChart.Series(name: e.name, color: e.color, values: buckets.map { e.value($0).map { $0 * scale } }, dashed: e.dashed)
            }.filter { $0.values.contains { $0 != nil } }
        case .stacked(let entries):
            stacked = true
            lines = entries.map { e in LineChart.Series(name: e.name, color: e.color, values: buckets.map { e.value($0) * scale }) }
                .filter { $0.values.contains { ($0 ?? 0) != 0 } }
        case .perComponent(let stationsOnly, let value):
            for (index, component) in series.components.enumerated() {
                let result = components.first { $0.id == component.id }
                if stationsOnly && (result?.workers ?? 0) == 0 { continue }
                guard let values = value(component), values.count == buckets.count else { continue }
                let slot = components.firstIndex { $0.id == component.id } ?? index
                lines.append(LineChart.Series(name: component.id, color: slot % 8, values: values.map { $0 * scale }))
            }
        }
        guard !lines.isEmpty else { return nil }
        let shades = warmupSeconds > 0 ? [LineChart.Shade(from: first.startSeconds, to: min(warmupSeconds, last.endSeconds), label: "warm-up")] : []
        return LineChart(
            id: id, title: title, unit: unit, xKind: .linear, xs: xs, xDomain: (first.startSeconds, last.endSeconds), series: lines,
            stacked: stacked, shades: shades, yTop: yTop, note: note)
    }
}

extension TimeSeries {
    /// At most `limit` buckets: runs of consecutive buckets merged, so a long run's charts stay
    /// small (a chart is ~500 pixels wide). Rates, utilizations, queue lengths and instance counts
    /// become time-weighted means over the merged span (exact, as each is a time average or a
    /// count over its bucket); errors add up; a merged bucket's latency percentiles are the
    /// largest of its buckets' (percentiles of merged buckets cannot be recovered from theirs).
    /// A merged bucket counts as warm-up if any of its buckets does. O(buckets × components).
    func thinned(toAtMost limit: Int) -> (series: TimeSeries, bucketsPerPoint: Int) {
        guard limit > 0, buckets.count > limit else { return (self, 1) }
        let k = (buckets.count + limit - 1) / limit
        let groups = stride(from: 0, to: buckets.count, by: k).map { $0..<Swift.min($0 + k, buckets.count) }
        func weights(_ group: Range<Int>) -> [Double] { group.map { buckets[$0].endSeconds - buckets[$0].startSeconds } }
        func mean(_ values: [Double], _ group: Range<Int>) -> Double {
            let w = weights(group)
            let total = w.reduce(0, +)
            guard total > 0 else { return group.map { values[$0] }.reduce(0, +) / Double(group.count) }
            return zip(group, w).reduce(0) { $0 + values[$1.0] * $1.1 } / total
        }
        let offered = buckets.map(\.offeredRps), completed = buckets.map(\.completedRps), inSystem = buckets.map(\.meanInSystem)
        let merged = groups.map { g -> Bucket in
            let latencies = g.compactMap { buckets[$0].latencyMs }
            let latency = latencies.isEmpty ? nil : Percentiles(
                p50: latencies.map(\.p50).max() ?? 0, p95: latencies.map(\.p95).max() ?? 0,
                p99: latencies.map(\.p99).max() ?? 0, max: latencies.map(\.max).max() ?? 0)
            return Bucket(
                startSeconds: buckets[g.lowerBound].startSeconds, endSeconds: buckets[g.upperBound - 1].endSeconds,
                warmup: g.contains { buckets[$0].warmup }, offeredRps: mean(offered, g), completedRps: mean(completed, g),
                errors: g.reduce(ErrorCounts()) { $0 + buckets[$1].errors }, latencyMs: latency, meanInSystem: mean(inSystem, g))
        }
        let mergedComponents = components.map { c in
            ComponentSeries(
                id: c.id, utilization: groups.map { mean(c.utilization, $0) }, meanQueueLength: groups.map { mean(c.meanQueueLength, $0) },
                liveInstances: groups.map { mean(c.liveInstances, $0) }, throughputRps: groups.map { mean(c.throughputRps, $0) },
                errors: groups.map { g in g.reduce(ErrorCounts()) { $0 + c.errors[$1] } })
        }
        return (TimeSeries(bucketSeconds: bucketSeconds * Double(k), buckets: merged, components: mergedComponents), k)
    }
}

extension Page {
    /// Points per chart line at most; longer runs are thinned.
    static let maximumPoints = 600

    /// The run over time: one chart per entry of ``TimeSeriesChart/all`` that has something to show.
    func timeSeriesSection() -> String {
        var out = "<section id=\"over-time\">\n<h2>Over time</h2>\n"
        let recorded = results.timeseries
        guard !recorded.buckets.isEmpty else {
            return out + "<p class=\"empty\">This run recorded no time buckets, so there is nothing to plot over time.</p>\n</section>"
        }
        let (series, k) = recorded.thinned(toAtMost: Self.maximumPoints)
        var intro = "\(Markup.count(recorded.buckets.count)) buckets of \(TimeSpan(seconds: recorded.bucketSeconds).humanReadable)"
        if k > 1 { intro += ", shown \(k) to a point (rates and levels averaged; latency: the highest of the \(k))" }
        if results.warmupSeconds > 0 { intro += "; the shaded start is the warm-up, excluded from every other statistic" }
        out += "<p class=\"note\">\(Markup.escape(intro + "."))"
        if let detailNote { out += " " + Markup.escape(detailNote) }
        out += "</p>\n<div class=\"charts\">\n"
        for entry in TimeSeriesChart.all {
            if let chart = entry.chart(series, components: results.components, warmupSeconds: results.warmupSeconds, note: nil) {
                out += chart.render() + "\n"
            } else {
                out += Figure.render(id: entry.id, title: entry.title, body: "<p class=\"empty\">\(Markup.escape(entry.whenEmpty))</p>") + "\n"
            }
        }
        return out + "</div>\n</section>"
    }
}

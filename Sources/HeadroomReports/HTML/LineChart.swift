/// A line chart drawn as inline SVG: series over shared x positions, with optional confidence
/// bands, stacking (areas) and shaded spans such as the warm-up.
///
/// The SVG carries no colours: each series has a palette slot (`c0` … `c7`) that the page's
/// style sheet colours for light and dark mode. Each line or area is one `path` whose
/// `data-series` attribute names the series, so a test can check what a chart shows.
struct LineChart {
    /// One series: a value (or a gap) per x position.
    struct Series {
        var name: String
        /// Palette slot, 0…7.
        var color: Int
        var values: [Double?]
        /// A confidence band around each value (low, high), or nil for none.
        var band: [(low: Double, high: Double)?]? = nil
        /// Drawn dashed and thinner (a secondary series such as the maximum).
        var dashed = false
    }

    /// A shaded span of x with a label (the warm-up).
    struct Shade {
        var from: Double
        var to: Double
        var label: String
    }

    /// Names the figure (`chart-<id>`).
    var id: String
    var title: String
    /// The y axis unit, shown beside the title.
    var unit: String
    /// How x values map onto the axis: `.linear` (simulated seconds) or `.percentile`.
    var xKind: ChartScale.Kind
    /// The shared x positions, ascending.
    var xs: [Double]
    var xDomain: (low: Double, high: Double)
    var series: [Series]
    /// Stack the series as areas, in order (the top edge is their sum).
    var stacked = false
    var shades: [Shade] = []
    /// A fixed top for the y axis (100 for percentages); nil to fit the data.
    var yTop: Double? = nil
    /// Tick label of a y value.
    var yLabel: (Double) -> String = Markup.tick
    /// A sentence under the chart.
    var note: String? = nil
    /// x positions (members of `xs`) to mark with a dot on every line, each dot titled with its
    /// value (a browser shows it on hover), with the first line's values printed beside them.
    var markers: [(x: Double, label: String)] = []
    /// Formats a marked value.
    var markerValue: (Double) -> String = Markup.tick

    /// The size of the drawing in SVG units (it scales to the page's width).
    var width = 560.0
    var height = 220.0
    private static let left = 52.0, right = 12.0, top = 10.0, bottom = 24.0

    /// The figure: caption, legend, SVG and note.
    func render() -> String {
        Figure.render(id: id, title: title, unit: unit, legend: series.map { ($0.name, $0.color, $0.dashed) }, body: svg(), note: note)
    }

    /// The y value at the top of each x position: the sum when stacked, the band's top otherwise.
    private var dataMaximum: Double {
        var maximum = 0.0
        for i in xs.indices {
            var sum = 0.0
            for s in series {
                let v = s.values[i] ?? 0
                if stacked { sum += v } else { maximum = max(maximum, v) }
                if let high = s.band?[i]?.high { maximum = max(maximum, high) }
            }
            maximum = max(maximum, sum)
        }
        return maximum
    }

    private func svg() -> String {
        let w = width, h = height
        let plotLeft = Self.left, plotRight = w - Self.right, plotTop = Self.top, plotBottom = h - Self.bottom
        let yTicks = ChartScale.niceTicks(upTo: yTop ?? dataMaximum)
        let y = ChartScale(kind: .linear, domain: (0, yTicks.last ?? 1), range: (plotBottom, plotTop))
        let x = ChartScale(kind: xKind, domain: xDomain, range: (plotLeft, plotRight))
        let c = Markup.coordinate
        var out = "<svg class=\"plot\" viewBox=\"0 0 \(c(w)) \(c(h))\" role=\"img\" aria-label=\"\(Markup.escape(title))\">"

        for shade in shades where shade.to > shade.from {
            let x0 = x(shade.from), x1 = x(shade.to)
            out += "<rect class=\"shade\" x=\"\(c(x0))\" y=\"\(c(plotTop))\" width=\"\(c(x1 - x0))\" height=\"\(c(plotBottom - plotTop))\"/>"
            out += "<text class=\"shade-label\" x=\"\(c(x0 + 4))\" y=\"\(c(plotTop + 12))\">\(Markup.escape(shade.label))</text>"
        }

        var gridLine = ""
        for tick in yTicks {
            gridLine += "M\(c(plotLeft)) \(c(y(tick)))H\(c(plotRight))"
            out += "<text class=\"tick\" x=\"\(c(plotLeft - 6))\" y=\"\(c(y(tick) + 4))\" text-anchor=\"end\">\(Markup.escape(yLabel(tick)))</text>"
        }
        let xTicks: [(Double, String)]
        switch xKind {
        case .linear: xTicks = ChartScale.timeTicks(from: xDomain.low, to: xDomain.high).map { ($0, Markup.clock($0)) }
        case .percentile: xTicks = ChartScale.percentileTicks.map { ($0.percentile, $0.percentile == 0 ? "min" : "p" + $0.label) }
        }
        for (value, label) in xTicks {
            gridLine += "M\(c(x(value))) \(c(plotTop))V\(c(plotBottom))"
            out += "<text class=\"tick\" x=\"\(c(x(value)))\" y=\"\(c(plotBottom + 16))\" text-anchor=\"middle\">\(label)</text>"
        }
        out += "<path class=\"gridline\" d=\"\(gridLine)\"/>"
        out += "<path class=\"axis\" d=\"M\(c(plotLeft)) \(c(plotBottom))H\(c(plotRight))\"/>"

        if stacked {
            var base = [Double](repeating: 0, count: xs.count)
            for s in series {
                let topEdge = xs.indices.map { base[$0] + (s.values[$0] ?? 0) }
                var d = "M"
                for i in xs.indices { d += (i == 0 ? "" : "L") + c(x(xs[i])) + " " + c(y(topEdge[i])) }
                for i in xs.indices.reversed() { d += "L" + c(x(xs[i])) + " " + c(y(base[i])) }
                out += "<path class=\"area c\(s.color)\" data-series=\"\(Markup.escape(s.name))\" d=\"\(d)Z\"><title>\(Markup.escape(s.name))</title></path>"
                base = topEdge
            }
        } else {
            for s in series {
                if let band = s.band {
                    for run in Self.runs(band.map { $0 != nil }) {
                        var d = ""
                        for i in run { d += (d.isEmpty ? "M" : "L") + c(x(xs[i])) + " " + c(y(band[i]!.high)) }
                        for i in run.reversed() { d += "L" + c(x(xs[i])) + " " + c(y(band[i]!.low)) }
                        out += "<path class=\"band c\(s.color)\" data-band=\"\(Markup.escape(s.name))\" d=\"\(d)Z\"/>"
                    }
                }
            }
            // Dashed lines last, so a secondary line stays visible where it meets a solid one.
            for s in series.filter({ !$0.dashed }) + series.filter(\.dashed) {
                var d = ""
                for run in Self.runs(s.values.map { $0 != nil }) {
                    for (k, i) in run.enumerated() { d += (k == 0 ? "M" : "L") + c(x(xs[i])) + " " + c(y(s.values[i]!)) }
                    if run.count == 1 { d += "h0.1" }
                }
                let style = s.dashed ? "line dashed c\(s.color)" : "line c\(s.color)"
                out += "<path class=\"\(style)\" data-series=\"\(Markup.escape(s.name))\" d=\"\(d)\"><title>\(Markup.escape(s.name))</title></path>"
            }
        }
        if !stacked { out += markerDots(x: x, y: y) }
        return out + "</svg>"
    }

    /// The dots of ``markers``, and the first line's values printed beside its dots.
    private func markerDots(x: ChartScale, y: ChartScale) -> String {
        let c = Markup.coordinate
        var out = ""
        for (k, s) in series.enumerated() {
            for marker in markers {
                guard let i = xs.firstIndex(of: marker.x), let value = s.values[i] else { continue }
                let text = markerValue(value)
                out += "<circle class=\"marker c\(s.color)\" cx=\"\(c(x(marker.x)))\" cy=\"\(c(y(value)))\" r=\"3.2\">"
                out += "<title>\(Markup.escape(s.name)) \(Markup.escape(marker.label)): \(Markup.escape(text))</title></circle>"
                if k == 0 {
                    out += "<text class=\"point-label\" x=\"\(c(x(marker.x) - 5))\" y=\"\(c(y(value) - 7))\" text-anchor=\"end\">\(Markup.escape(text))</text>"
                }
            }
        }
        return out
    }

    /// The maximal runs of consecutive true flags, as index ranges.
    static func runs(_ present: [Bool]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (i, p) in present.enumerated() {
            if p, start == nil { start = i }
            if !p, let s = start { runs.append(s..<i); start = nil }
        }
        if let s = start { runs.append(s..<present.count) }
        return runs
    }
}

/// A chart's frame: the `figure` named `chart-<id>` (with `data-chart`), its caption and unit,
/// the key when there is more than one series, the drawing, and a note.
enum Figure {
    static func render(
        id: String, title: String, unit: String = "", legend: [(name: String, color: Int, dashed: Bool)] = [], body: String, note: String? = nil
    ) -> String {
        var out = "<figure class=\"chart\" id=\"chart-\(id)\" data-chart=\"\(id)\"><figcaption>\(Markup.escape(title))"
        if !unit.isEmpty { out += " <span class=\"unit\">\(Markup.escape(unit))</span>" }
        out += "</figcaption>"
        if legend.count > 1 {
            out += "<ul class=\"legend\">"
            for e in legend {
                out += "<li><span class=\"key c\(e.color)\(e.dashed ? " dashed" : "")\"></span>\(Markup.escape(e.name))</li>"
            }
            out += "</ul>"
        }
        out += body
        if let note { out += "<p class=\"note\">\(Markup.escape(note))</p>" }
        return out + "</figure>"
    }
}

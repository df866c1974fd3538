/// A horizontal bar chart drawn as inline SVG: one row per item (a component, a pricing
/// dimension), each bar made of segments that are stacked end to end or overlaid from zero.
///
/// Like ``LineChart``, it carries palette slots rather than colours, and each segment's `rect`
/// names its series in `data-series`.
struct BarChart {
    /// A piece of a bar.
    struct Segment {
        var series: String
        /// Palette slot, 0…7.
        var color: Int
        var value: Double
    }

    /// One bar.
    struct Row {
        var label: String
        var segments: [Segment]
        /// Printed after the bar ("31.7 %", "$119.81").
        var valueLabel: String
        /// An error bar (low, high) drawn over the bar, or nil.
        var whisker: (low: Double, high: Double)? = nil
        /// Drawn bold (the bottleneck).
        var emphasized = false
    }

    /// How a row's segments combine.
    enum Layout {
        /// End to end: the bar's length is their sum (cost by pricing dimension).
        case stacked
        /// Each from zero, later ones drawn thinner on top (own work inside workers held).
        case overlaid
    }

    var id: String
    var title: String
    var unit: String
    var rows: [Row]
    var layout: Layout = .stacked
    /// A fixed end of the axis (1 for a fraction); nil to fit the data.
    var axisTop: Double? = nil
    /// A vertical reference line and its label (e.g. 80 % utilization), or nil.
    var reference: (value: Double, label: String)? = nil
    var tickLabel: (Double) -> String = Markup.tick
    /// The legend's entries; none when a single series needs no key.
    var legend: [(name: String, color: Int, dashed: Bool)] = []
    var note: String? = nil

    static let width = 560.0
    private static let rowHeight = 26.0, barHeight = 16.0, labelWidth = 118.0, valueWidth = 92.0, axisHeight = 22.0

    /// The figure: caption, legend, SVG and note.
    func render() -> String { Figure.render(id: id, title: title, unit: unit, legend: legend, body: svg(), note: note) }

    private func length(_ row: Row) -> Double {
        let bar = layout == .stacked ? row.segments.reduce(0) { $0 + $1.value } : row.segments.map(\.value).max() ?? 0
        return max(bar, row.whisker?.high ?? 0)
    }

    private func svg() -> String {
        let c = Markup.coordinate
        let top = 4.0
        let height = top + Double(rows.count) * Self.rowHeight + Self.axisHeight
        let plotLeft = Self.labelWidth, plotRight = Self.width - Self.valueWidth
        let ticks = ChartScale.niceTicks(upTo: axisTop ?? rows.map(length).max() ?? 1, intervals: 4)
        let x = ChartScale(kind: .linear, domain: (0, ticks.last ?? 1), range: (plotLeft, plotRight))
        let axisY = top + Double(rows.count) * Self.rowHeight
        var out = "<svg class=\"plot bars\" viewBox=\"0 0 \(c(Self.width)) \(c(height))\" role=\"img\" aria-label=\"\(Markup.escape(title))\">"
        var gridLine = ""
        for tick in ticks {
            gridLine += "M\(c(x(tick))) \(c(top))V\(c(axisY))"
            out += "<text class=\"tick\" x=\"\(c(x(tick)))\" y=\"\(c(axisY + 15))\" text-anchor=\"middle\">\(Markup.escape(tickLabel(tick)))</text>"
        }
        out += "<path class=\"gridline\" d=\"\(gridLine)\"/>"
        for (r, row) in rows.enumerated() {
            let rowTop = top + Double(r) * Self.rowHeight
            let barTop = rowTop + (Self.rowHeight - Self.barHeight) / 2
            let mid = rowTop + Self.rowHeight / 2 + 4
            out += "<text class=\"label\(row.emphasized ? " strong" : "")\" x=\"\(c(plotLeft - 8))\" y=\"\(c(mid))\" text-anchor=\"end\">\(Markup.escape(row.label))</text>"
            var start = 0.0
            for (k, s) in row.segments.enumerated() {
                let from = layout == .stacked ? start : 0
                let to = from + s.value
                start = to
                let inset = layout == .overlaid && k > 0 ? Self.barHeight / 4 : 0
                let width = max(x(to) - x(from), s.value > 0 ? 1 : 0)
                let outer = layout == .overlaid && k == 0 && row.segments.count > 1 ? " outer" : ""
                out += "<rect class=\"bar c\(s.color)\(outer)\" data-series=\"\(Markup.escape(s.series))\" x=\"\(c(x(from)))\" y=\"\(c(barTop + inset))\""
                out += " width=\"\(c(width))\" height=\"\(c(Self.barHeight - 2 * inset))\" rx=\"2\">"
                out += "<title>\(Markup.escape(row.label)) · \(Markup.escape(s.series)): \(Markup.escape(tickLabel(s.value)))</title></rect>"
            }
            if let w = row.whisker {
                let y0 = c(barTop - 2), y1 = c(barTop + Self.barHeight + 2), ym = c(barTop + Self.barHeight / 2)
                out += "<path class=\"whisker\" data-band=\"\(Markup.escape(row.label))\" d=\"M\(c(x(w.low))) \(y0)V\(y1)M\(c(x(w.high))) \(y0)V\(y1)M\(c(x(w.low))) \(ym)H\(c(x(w.high)))\"/>"
            }
            out += "<text class=\"value\" x=\"\(c(plotRight + 8))\" y=\"\(c(mid))\">\(Markup.escape(row.valueLabel))</text>"
        }
        if let reference {
            let rx = x(reference.value)
            out += "<path class=\"reference\" d=\"M\(c(rx)) \(c(top))V\(c(axisY))\"/>"
            out += "<text class=\"tick\" x=\"\(c(rx + 3))\" y=\"\(c(top + 9))\">\(Markup.escape(reference.label))</text>"
        }
        out += "<path class=\"axis\" d=\"M\(c(plotLeft)) \(c(axisY))H\(c(plotRight))\"/>"
        return out + "</svg>"
    }
}

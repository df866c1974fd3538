import HeadroomAnalysis

extension Page {
    /// The pricing dimensions in the order the report lists them, with their names.
    static let pricingDimensions: [(price: String, name: String)] = [
        ("instanceHour", "instance-hours"), ("perMillionRequests", "requests"), ("gbSecond", "GB-seconds"),
        ("perCall", "calls"), ("egressGB", "egress"), ("storageGBMonth", "storage"),
    ]

    /// Cost: monthly cost by component (split by pricing dimension) and by dimension.
    func costSection() -> String {
        let cost = results.cost
        var out = "<section id=\"cost\">\n<h2>Cost</h2>\n"
        guard !cost.components.isEmpty else { return out + "<p class=\"empty\">No component has a price.</p>\n</section>" }
        out += "<p class=\"callout\"><strong>\(Markup.dollars(cost.perMonthDollars))</strong> per month · \(Markup.dollars(cost.perHourDollars)) per hour"
        if let perMillion = cost.perMillionSuccessfulDollars { out += " · \(Markup.dollars(perMillion)) per million successful requests" }
        out += "</p>\n<div class=\"charts\">\n" + costByComponentChart().render() + "\n" + costByDimensionChart().render() + "\n</div>\n"
        out += "<table class=\"data\">\n<thead><tr><th>component</th><th>price</th><th class=\"num\">quantity in window</th>"
        out += "<th class=\"num\">unit price</th><th class=\"num\">per month</th></tr></thead>\n<tbody>\n"
        for component in cost.components {
            for item in component.items {
                out += "<tr><td>\(Markup.escape(component.id))</td><td>\(Markup.escape(Self.dimensionName(item.price)))</td>"
                out += "<td class=\"num\">\(Markup.escape(TextReport.trimmed(item.quantity) + " " + item.unit))</td>"
                out += "<td class=\"num\">$\(Markup.escape(TextReport.trimmed(item.unitPrice)))</td>"
                out += "<td class=\"num\">\(Markup.dollars(monthly(item.windowDollars)))</td></tr>\n"
            }
        }
        out += "</tbody>\n</table>\n<p class=\"note\">Usage over the measured window, extrapolated to a 30-day month at the same rate; storage is priced per month."
        if let detailNote { out += " " + Markup.escape(detailNote) }
        return out + "</p>\n</section>"
    }

    /// Dollars over the window as dollars per month, as ``CostReport`` extrapolates them.
    func monthly(_ windowDollars: Double) -> Double {
        results.measuredSeconds > 0 ? windowDollars * CostReport.hoursPerMonth * 3_600 / results.measuredSeconds : 0
    }

    static func dimensionName(_ price: String) -> String { pricingDimensions.first { $0.price == price }?.name ?? price }

    /// The dimensions that occur, in the report's order (unknown ones last, by first appearance),
    /// each with its palette slot.
    var dimensionsPresent: [(price: String, color: Int)] {
        var prices: [String] = []
        for component in results.cost.components { for item in component.items where !prices.contains(item.price) { prices.append(item.price) } }
        let known = Self.pricingDimensions.map(\.price)
        let ordered = known.filter(prices.contains) + prices.filter { !known.contains($0) }
        return ordered.map { price in (price, (known.firstIndex(of: price) ?? known.count + (ordered.firstIndex(of: price) ?? 0)) % 8) }
    }

    func costByComponentChart() -> BarChart {
        let dimensions = dimensionsPresent
        let rows = results.cost.components.map { component in
            BarChart.Row(
                label: component.id,
                segments: dimensions.compactMap { d in
                    let dollars = component.items.filter { $0.price == d.price }.reduce(0) { $0 + $1.windowDollars }
                    return component.items.contains { $0.price == d.price }
                        ? BarChart.Segment(series: Self.dimensionName(d.price), color: d.color, value: monthly(dollars)) : nil
                },
                valueLabel: Markup.dollars(component.perMonthDollars))
        }
        return BarChart(
            id: "cost-by-component", title: "Monthly cost by component", unit: "USD per month", rows: rows,
            tickLabel: { "$" + Markup.tick($0) }, legend: dimensions.map { (Self.dimensionName($0.price), $0.color, false) })
    }

    func costByDimensionChart() -> BarChart {
        let rows = dimensionsPresent.map { d in
            let dollars = monthly(results.cost.components.flatMap(\.items).filter { $0.price == d.price }.reduce(0) { $0 + $1.windowDollars })
            return BarChart.Row(
                label: Self.dimensionName(d.price), segments: [BarChart.Segment(series: Self.dimensionName(d.price), color: d.color, value: dollars)],
                valueLabel: Markup.dollars(dollars))
        }
        return BarChart(id: "cost-by-dimension", title: "Monthly cost by pricing dimension", unit: "USD per month", rows: rows, tickLabel: { "$" + Markup.tick($0) })
    }
}

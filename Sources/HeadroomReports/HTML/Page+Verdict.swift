import HeadroomAnalysis
import HeadroomScenario

/// The verdict on one objective, from a single run or from replications.
struct ObjectiveVerdict {
    /// Pass, fail, or — when replications' confidence interval straddles the target — neither.
    enum Status: String {
        case pass, fail, inconclusive

        var label: String {
            switch self {
            case .pass: "PASS"
            case .fail: "FAIL"
            case .inconclusive: "INCONCLUSIVE"
            }
        }
    }

    var name: String
    var unit: String
    var bound: SLAReport.Bound
    var target: Double
    /// The measured value, or the mean over replications; nil when nothing was measured.
    var measured: Double?
    /// The confidence interval's half-width over replications; nil for one run.
    var halfWidth: Double?
    var status: Status
    /// "met in 4 of 5 replications".
    var note: String?

    /// How far inside the target (negative: by how much it misses).
    var margin: Double? { measured.map { bound == .max ? target - $0 : $0 - target } }

    /// The verdict of one run.
    init(_ v: SLAReport.Verdict) {
        self.init(
            name: v.name, unit: v.unit, bound: v.bound, target: v.target, measured: v.measured, halfWidth: nil,
            status: v.passed ? .pass : .fail, note: v.untrusted.map { "not trusted: " + $0 })
    }

    /// The verdict of replications, judged as ``ReplicationSummary`` judges it.
    init(_ v: ReplicationSummary.Verdict, replications: Int) {
        let status: Status = switch v.outcome {
        case .pass: .pass
        case .fail: .fail
        case .inconclusive: .inconclusive
        }
        var note = "met in \(v.passedCount) of \(replications) replications"
        if v.untrustedCount > 0 { note += "; not trusted in \(v.untrustedCount) (unstable)" }
        self.init(
            name: v.name, unit: v.unit, bound: v.bound, target: v.target, measured: v.interval?.mean, halfWidth: v.interval?.halfWidth,
            status: status, note: note)
    }

    init(name: String, unit: String, bound: SLAReport.Bound, target: Double, measured: Double?, halfWidth: Double?, status: Status, note: String?) {
        self.name = name
        self.unit = unit
        self.bound = bound
        self.target = target
        self.measured = measured
        self.halfWidth = halfWidth
        self.status = status
        self.note = note
    }

    /// The verdict on a set of objectives: any failure fails it; else any inconclusive one makes
    /// it inconclusive; else it passes (also when there are none).
    static func overall(_ objectives: [ObjectiveVerdict]) -> Status {
        if objectives.contains(where: { $0.status == .fail }) { return .fail }
        if objectives.contains(where: { $0.status == .inconclusive }) { return .inconclusive }
        return .pass
    }
}

extension Page {
    /// The objectives this page judges.
    var objectives: [ObjectiveVerdict] {
        if let summary { return summary.verdicts.map { ObjectiveVerdict($0, replications: summary.replications) } }
        return results.sla.verdicts.map(ObjectiveVerdict.init)
    }

    func verdictSection() -> String {
        Self.verdictSection(objectives, source: results.sla.source, figures: keyFigures())
    }

    /// The verdict: one badge, a sentence, the key figures and a row per objective.
    static func verdictSection(_ objectives: [ObjectiveVerdict], source: SLAReport.Source, figures: String) -> String {
        let status = ObjectiveVerdict.overall(objectives)
        var out = "<section id=\"verdict\" class=\"verdict \(status.rawValue)\">\n<h2>Verdict</h2>\n"
        let failed = objectives.filter { $0.status == .fail }.count
        let open = objectives.filter { $0.status == .inconclusive }.count
        let sentence: String
        if objectives.isEmpty {
            sentence = "No service-level objectives to judge."
        } else {
            switch status {
            case .pass: sentence = objectives.count == 1 ? "The objective is met." : "All \(objectives.count) objectives are met."
            case .fail: sentence = "\(failed) of \(objectives.count) objectives missed" + (open > 0 ? ", \(open) inconclusive." : ".")
            case .inconclusive: sentence = "\(open) of \(objectives.count) objectives inconclusive: the confidence interval straddles the target; run more replications."
            }
        }
        let sourceNote = source == .defaults ? " The scenario has no <code>sla</code> block: these are the default objectives." : ""
        out += "<div class=\"verdict-head\"><span class=\"badge big \(status.rawValue)\">\(status.label)</span>"
        out += "<p>\(Markup.escape(sentence))\(sourceNote)</p></div>\n"
        out += figures
        guard !objectives.isEmpty else { return out + "</section>" }
        out += "<table class=\"objectives\">\n<thead><tr><th>objective</th><th class=\"num\">measured</th><th class=\"num\">target</th>"
        out += "<th class=\"num\">margin</th><th>where it lies</th><th>verdict</th></tr></thead>\n<tbody>\n"
        for o in objectives {
            var measured = o.measured.map { Markup.value($0, unit: o.unit) } ?? "not measured"
            if o.measured != nil, let hw = o.halfWidth { measured += " ± " + Markup.value(hw, unit: o.unit == "USD/month" ? "USD" : o.unit) }
            let relation = o.bound == .max ? "≤ " : "≥ "
            out += "<tr class=\"\(o.status.rawValue)\"><td>\(Markup.escape(o.name))"
            if let note = o.note { out += "<span class=\"sub\">\(Markup.escape(note))</span>" }
            out += "</td><td class=\"num\">\(Markup.escape(measured))</td>"
            out += "<td class=\"num\">\(Markup.escape(relation + Markup.value(o.target, unit: o.unit)))</td>"
            out += "<td class=\"num\">\(Markup.escape(o.margin.map { Markup.value($0, unit: o.unit) } ?? "–"))</td>"
            out += "<td>\(gauge(o))</td><td><span class=\"badge \(o.status.rawValue)\">\(o.status.label)</span></td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>"
    }

    /// Where the measurement lies against the target: the target in the middle, its good side
    /// tinted, the measurement a dot (with its confidence interval as a whisker). The scale is
    /// centred on the target so that the side, not the unit, is what the eye reads.
    static func gauge(_ o: ObjectiveVerdict) -> String {
        let w = 150.0, h = 18.0, mid = w / 2
        let hw = o.halfWidth ?? 0
        var reach = max(((o.measured ?? o.target) - o.target).magnitude + hw, o.target.magnitude * 0.05, 1e-9) * 1.35
        if !reach.isFinite { reach = 1 }
        func x(_ v: Double) -> Double { min(max(mid + (v - o.target) / reach * (mid - 6), 3), w - 3) }
        let c = Markup.coordinate
        let goodFrom = o.bound == .max ? 0 : mid
        var out = "<svg class=\"gauge\" viewBox=\"0 0 \(c(w)) \(c(h))\" width=\"\(c(w))\" height=\"\(c(h))\" role=\"img\" aria-label=\"measured against target\">"
        out += "<rect class=\"bad-side\" x=\"0\" y=\"6\" width=\"\(c(w))\" height=\"6\" rx=\"3\"/>"
        out += "<rect class=\"good-side\" x=\"\(c(goodFrom))\" y=\"6\" width=\"\(c(mid))\" height=\"6\" rx=\"3\"/>"
        out += "<path class=\"target\" d=\"M\(c(mid)) 1V17\"/>"
        guard let measured = o.measured else { return out + "</svg>" }
        if hw > 0 { out += "<path class=\"whisker\" d=\"M\(c(x(measured - hw))) 9H\(c(x(measured + hw)))M\(c(x(measured - hw))) 5V13M\(c(x(measured + hw))) 5V13\"/>" }
        out += "<circle class=\"dot \(o.status.rawValue)\" cx=\"\(c(x(measured)))\" cy=\"9\" r=\"4.5\"/>"
        return out + "</svg>"
    }

    /// The figures a reader wants before anything else: throughput, latency, success, cost and
    /// the bottleneck. With replications, a figure the summary has is its mean ± half-width.
    func keyFigures() -> String {
        let r = results
        var cards: [(label: String, value: String, detail: String)] = []
        /// The card of `metric`: from the summary when it has the metric, else `value` and `detail`.
        func card(_ label: String, _ metric: String, _ value: Double, _ format: (Double) -> String, _ unit: String, _ detail: String) {
            if let summary, let m = summary.metrics.first(where: { $0.name == metric }) {
                let level = Markup.fixed(summary.confidence * 100, 0)
                if let interval = m.interval {
                    cards.append((label, format(interval.mean) + unit, "± \(format(interval.halfWidth)) (\(level) % CI of \(summary.replications) replications)"))
                } else {
                    cards.append((label, "–", "not measured in every replication"))
                }
            } else {
                cards.append((label, format(value) + unit, detail))
            }
        }
        card("throughput", "completed throughput", r.throughput.completedRps, Markup.rate, " req/s",
             "completed, of \(Markup.rate(r.throughput.offeredRps)) req/s offered")
        if r.requests.completed > 0 {
            if let l = r.latencyMs {
                card("p50 latency", "p50 latency", l.p50, Markup.ms, " ms", "median of completed requests")
                card("p99 latency", "p99 latency", l.p99, Markup.ms, " ms", "max \(Markup.ms(l.max)) ms")
            } else {
                cards.append(("latency", "–", "no request completed"))
            }
        }
        // As the SLA counts it: over every request that arrived, those still in flight at the end
        // not served (see SLAReport).
        let arrived = r.requests.completed + r.requests.rejected + r.requests.failed + r.requests.inSystemAtEnd
        let success = arrived > 0 ? Double(r.requests.completed) / Double(arrived) * 100 : 0
        card("success rate", "success rate", success, { Markup.fixed($0, 3) }, " %",
             "\(Markup.count(r.requests.rejected)) rejected · \(Markup.count(r.requests.failed)) failed · \(Markup.count(r.requests.inSystemAtEnd)) in flight at the end")
        if !r.cost.components.isEmpty {
            card("monthly cost", "monthly cost", r.cost.perMonthDollars, Markup.dollars, "", "\(Markup.dollars(r.cost.perHourDollars)) per hour")
        }
        if let first = r.bottlenecks.byUtilization.first {
            cards.append(("bottleneck", first.id, "\(Markup.percent(first.value)) utilized; saturates first"))
        }
        var out = "<div class=\"figures\">"
        for card in cards {
            out += "<div class=\"figure\"><span class=\"label\">\(Markup.escape(card.label))</span>"
            out += "<span class=\"value\">\(Markup.escape(card.value))</span><span class=\"detail\">\(Markup.escape(card.detail))</span></div>"
        }
        return out + "</div>\n"
    }
}

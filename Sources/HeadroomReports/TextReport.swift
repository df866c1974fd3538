import Foundation
import HeadroomAnalysis
import HeadroomScenario

/// The human-readable report `headroom run` prints by default.
public enum TextReport {
    /// The report as text ending in a newline.
    public static func render(_ r: Results) -> String {
        var out = ""
        let warm = WarmupReport.phrase(warmupSeconds: r.warmupSeconds, detection: r.warmupDetection)
        out += "\(printable(r.scenario)) · seed \(r.seed) · \(TimeSpan(seconds: r.simulatedSeconds).humanReadable) simulated\(warm)\n\n"
        let q = r.requests
        let workload = r.throughput.users.map { "\($0) closed-loop \($0 == 1 ? "user" : "users")" } ?? "workload \(rate(r.throughput.workloadRps)) req/s"
        out += "Throughput   \(rate(r.throughput.completedRps)) req/s completed of \(rate(r.throughput.offeredRps)) req/s offered (\(workload))\n"
        out += "Requests     \(q.offered) offered · \(q.completed) completed · \(q.rejected) rejected · \(q.failed) failed · \(q.inSystemAtEnd) in flight at the end\n"
        if q.errors.total > 0 {
            let causes = q.errors.entries.filter { $0.count > 0 }.map { "\($0.count) \($0.cause.name)" }
            out += "Errors       \(causes.joined(separator: " · "))\n"
        }
        if let l = r.latencyMs {
            out += "Latency ms   mean \(ms(l.mean)) · p50 \(ms(l.p50)) · p90 \(ms(l.p90)) · p95 \(ms(l.p95)) · p99 \(ms(l.p99)) · p99.9 \(ms(l.p999)) · max \(ms(l.max))\n"
        } else {
            out += "Latency ms   none: no request completed in the measured window\n"
        }
        if let unstable = r.stability.summary { out += "Stability    UNSTABLE: \(unstable)\n" }
        out += jobs(r.jobs)
        out += sla(r.sla)
        out += cost(r.cost)
        out += bottlenecks(r)

        if r.classes.count > 1 {
            var table = TextTable(["class", "completed/s", "rejected", "failed", "mean ms", "p50", "p95", "p99"])
            for c in r.classes {
                let l = c.latencyMs
                table.add([printable(c.name), rate(c.completedRps), "\(c.requests.rejected)", "\(c.requests.failed)",
                           ms(l?.mean), ms(l?.p50), ms(l?.p95), ms(l?.p99)])
            }
            out += "\nRequest classes\n" + table.render() + "\n"
        }

        var table = TextTable(["component", "kind", "size", "util", "own work", "queue", "wait ms", "time ms", "thru/s", "rejected", "timeouts"], textColumns: 2)
        for c in r.components {
            let pool = c.hasWorkers
            table.add([
                printable(c.id), c.kind.rawValue, pool ? "\(c.instances)×\(c.workers / max(c.instances, 1))" : "–",
                c.saturable ? percent(c.utilization) : "–", pool ? percent(c.serviceUtilization) : "–",
                pool ? fixed(c.meanQueueLength, 2) : "–", pool ? ms(c.meanWaitMs) : "–",
                ms(c.meanResidenceMs), rate(c.throughputRps), "\(c.rejected)", "\(c.timedOut)",
            ])
        }
        out += "\nComponents (util = workers held, incl. waiting on downstream calls; own work = serving only)\n"
        out += table.render() + "\n"
        out += kindTables(r.components)
        out += scalingTimeline(r)
        return out
    }

    /// The jobs lines, when the scenario has a queue.
    static func jobs(_ j: Results.JobResults?) -> String {
        guard let j else { return "" }
        var out = "Jobs         \(j.enqueued) enqueued · \(j.completed) completed · \(j.deadLettered) dead letters · \(j.retries) retries"
        out += " · \(j.rejected) rejected · \(j.dropped) dropped · \(j.inSystemAtEnd) in the system at the end\n"
        if let l = j.latencyMs {
            out += "Job latency  ms mean \(ms(l.mean)) · p50 \(ms(l.p50)) · p95 \(ms(l.p95)) · p99 \(ms(l.p99)) · max \(ms(l.max)) (enqueued to completed)\n"
        } else {
            out += "Job latency  none: no job completed in the measured window\n"
        }
        if let w = j.waitMs {
            out += "Job wait     ms mean \(ms(w.mean)) · p50 \(ms(w.p50)) · p95 \(ms(w.p95)) · p99 \(ms(w.p99)) · max \(ms(w.max)) (for a worker, per attempt)\n"
        } else {
            out += "Job wait     none: no job reached a worker in the measured window\n"
        }
        return out
    }

    /// Each autoscaler's decisions, consecutive ones in the same direction on one line: when,
    /// from and to, how many steps, and the first step's reason.
    static func scalingTimeline(_ r: Results) -> String {
        let scalers = r.components.filter { $0.kind == .autoscaler }
        guard !scalers.isEmpty else { return "" }
        var out = "\nScaling timeline (h:mm:ss from the start, warm-up included)\n"
        for scaler in scalers {
            let decisions = r.scaling.filter { $0.autoscaler == scaler.id }
            guard let first = decisions.first else {
                out += "  \(scaler.id): no changes\n"
                continue
            }
            let sizes = decisions.flatMap { [$0.from, $0.to] }
            out += "  \(scaler.id) on \(first.component): \(decisions.count) \(decisions.count == 1 ? "change" : "changes"), "
            out += "\(sizes.min() ?? 0)–\(sizes.max() ?? 0) instances, \(decisions.last?.to ?? 0) at the end\n"
            var table = TextTable(["when", "instances", "steps", "first reason"], textColumns: 1, trailingTextColumns: 1)
            var start = 0
            while start < decisions.count {
                let up = decisions[start].to > decisions[start].from
                var end = start
                while end + 1 < decisions.count, (decisions[end + 1].to > decisions[end + 1].from) == up { end += 1 }
                let span = end == start ? clock(decisions[start].atSeconds) : "\(clock(decisions[start].atSeconds))–\(clock(decisions[end].atSeconds))"
                let steps = end - start + 1
                table.add([span, "\(decisions[start].from) → \(decisions[end].to)", "\(steps) \(up ? "up" : "down")", decisions[start].reason])
                start = end + 1
            }
            out += table.render(indent: "    ") + "\n"
        }
        return out
    }

    /// Simulated seconds as h:mm:ss.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let fraction = seconds - Double(whole)
        let text = String(format: "%d:%02d:%02d", whole / 3_600, whole / 60 % 60, whole % 60)
        return fraction > 0.0005 ? text + String(format: ".%03d", Int((fraction * 1_000).rounded(.down))) : text
    }

    /// One table per kind whose components report figures of their own, in component order,
    /// and one more per component for each of its figures that has rows (a shard per row).
    static func kindTables(_ components: [Results.ComponentResults]) -> String {
        var out = ""
        var seen: [String] = []
        for c in components { for set in c.allFigures where !seen.contains(set.name) { seen.append(set.name) } }
        for name in seen {
            let rows = components.filter { $0.allFigures.contains { $0.name == name } }
            func set(_ c: Results.ComponentResults) -> KindFigures? { c.allFigures.first { $0.name == name } }
            var columns: [String] = []
            for c in rows { for f in set(c)?.figures ?? [] where !columns.contains(f.name) { if case .rows = f.value {} else { columns.append(f.name) } } }
            var table = TextTable(["component"] + columns, textColumns: 1)
            for c in rows { table.add([printable(c.id)] + columns.map { column in set(c)?[column].map(figure) ?? "–" }) }
            // Figures named after their kind are titled by its noun ("CDN"); others by their name ("Replicas").
            let title = rows.first.flatMap { $0.kind.rawValue == name ? $0.kind.noun : nil } ?? name
            out += "\n\(title.prefix(1).uppercased() + title.dropFirst()) figures\n" + table.render() + "\n"
            for c in rows {
                for f in set(c)?.figures ?? [] {
                    guard case .rows(let parts) = f.value, let first = parts.first else { continue }
                    let labels = first.prefix { if case .label = $0.value { true } else { false } }.count
                    var sub = TextTable(first.map(\.name), textColumns: labels)
                    for part in parts { sub.add(part.map { figure($0.value) }) }
                    out += "\n\(printable(c.id)) \(f.name)\n" + sub.render() + "\n"
                }
            }
        }
        return out
    }

    /// A kind figure as text.
    static func figure(_ value: KindFigures.Value) -> String {
        switch value {
        case .count(let n): "\(n)"
        case .number(let x, let places): fixed(x, places)
        case .ratio(let x): percent(x)
        case .milliseconds(let x): ms(x)
        case .rows(let rows): "\(rows.count) rows"
        case .text(let text): text
        case .label(let text): text
        }
    }

    static func sla(_ s: SLAReport) -> String {
        guard !s.verdicts.isEmpty else { return "SLA          no objectives\n" }
        let failed = s.failed.count
        var out = "SLA          " + (s.passed ? "PASS" : "FAIL (\(failed) of \(s.verdicts.count) objectives missed)")
        out += s.source == .defaults ? " · default objectives (the scenario has no sla block)\n" : "\n"
        for v in s.verdicts {
            let relation = v.bound == .max ? "≤" : "≥"
            out += "  \(v.passed ? "pass" : "FAIL")  \(printable(v.name)): "
            if let measured = v.measured, let margin = v.margin {
                out += "\(value(measured, v.unit)) \(relation) \(value(v.target, v.unit))"
                out += v.untrusted.map { " (not trusted: \($0.prefix { $0 != ":" }))\n" } ?? " (margin \(value(margin, v.unit)))\n"
            } else {
                out += "\(nothingMeasured(v)); expected \(relation) \(value(v.target, v.unit))\n"
            }
        }
        return out
    }

    /// What a verdict with no measurement says instead of a value.
    static func nothingMeasured(_ v: SLAReport.Verdict) -> String {
        v.metric == "latency" ? "no request completed" : "no request arrived"
    }

    static func value(_ x: Double, _ unit: String) -> String {
        switch unit {
        case "ms": "\(ms(x)) ms"
        case "%": "\(fixed(x, 3)) %"
        case "req/s": "\(rate(x)) req/s"
        case "USD/month": "$\(fixed(x, 2))/month"
        default: "\(x) \(unit)"
        }
    }

    static func cost(_ c: CostReport) -> String {
        guard !c.components.isEmpty else { return "Cost         no prices given\n" }
        var out = "Cost         $\(fixed(c.perMonthDollars, 2))/month · $\(fixed(c.perHourDollars, 4))/hour"
        if let perMillion = c.perMillionSuccessfulDollars { out += " · $\(fixed(perMillion, 4)) per million successful requests" }
        out += "\n"
        for component in c.components {
            let items = component.items.map { "\(trimmed($0.quantity)) \($0.unit) × $\(trimmed($0.unitPrice))" }.joined(separator: " + ")
            out += "  \(printable(component.id)): $\(fixed(component.perMonthDollars, 2))/month (window: \(items))\n"
        }
        return out
    }

    static func bottlenecks(_ r: Results) -> String {
        let b = r.bottlenecks
        guard let first = b.firstToSaturate, let top = b.byUtilization.first else { return "" }
        let shares = b.byLatencyShare.prefix(4).filter { $0.value > 0 }.map { "\(printable($0.id)) \(percent($0.value))" }.joined(separator: ", ")
        let spent = shares.isEmpty ? "" : "; time is spent at \(shares)"
        return "Bottleneck   \(printable(first)) saturates first (\(percent(top.value)) utilized)\(spent)\n"
    }

    /// User text — a scenario's name, an id, a class — as a report prints it: control characters
    /// escaped (a name cannot clear the screen or forge a line) and at most 64 characters.
    public static func printable(_ text: String) -> String { DiagnosticWording.printable(text, limit: 64) }

    static func trimmed(_ x: Double) -> String {
        let s = String(format: "%.6g", x)
        return s
    }

    static func fixed(_ x: Double, _ places: Int) -> String { String(format: "%.\(places)f", x) }
    static func ms(_ x: Double) -> String { x >= 100 ? fixed(x, 1) : x >= 10 ? fixed(x, 2) : fixed(x, 3) }
    /// A latency, or "–" when there is none.
    static func ms(_ x: Double?) -> String { x.map { ms($0) } ?? "–" }
    static func rate(_ x: Double) -> String { x >= 1000 ? fixed(x, 0) : fixed(x, 1) }
    static func percent(_ x: Double) -> String { fixed(x * 100, 1) + "%" }
}

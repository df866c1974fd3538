import Foundation
import HeadroomAnalysis
import HeadroomScenario

/// The human-readable report `headroom run` prints by default.
public enum TextReport {
    /// The report as text ending in a newline.
    public static func render(_ r: Results) -> String {
        var out = ""
        let warm = r.warmupSeconds > 0 ? ", first \(TimeSpan(seconds: r.warmupSeconds).humanReadable) excluded as warm-up" : ""
        out += "\(printable(r.scenario)) · seed \(r.seed) · \(TimeSpan(seconds: r.simulatedSeconds).humanReadable) simulated\(warm)\n\n"
        let q = r.requests
        out += "Throughput   \(rate(r.throughput.completedRps)) req/s completed of \(rate(r.throughput.offeredRps)) req/s offered (workload \(rate(r.throughput.workloadRps)) req/s)\n"
        out += "Requests     \(q.offered) offered · \(q.completed) completed · \(q.rejected) rejected · \(q.failed) failed · \(q.inSystemAtEnd) in flight at the end\n"
        if let l = r.latencyMs {
            out += "Latency ms   mean \(ms(l.mean)) · p50 \(ms(l.p50)) · p90 \(ms(l.p90)) · p95 \(ms(l.p95)) · p99 \(ms(l.p99)) · p99.9 \(ms(l.p999)) · max \(ms(l.max))\n"
        } else {
            out += "Latency ms   none: no request completed in the measured window\n"
        }
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
            let isStation = c.workers > 0
            table.add([
                printable(c.id), c.kind, isStation ? "\(c.instances)×\(c.workers / max(c.instances, 1))" : "–",
                isStation ? percent(c.utilization) : "–", isStation ? percent(c.serviceUtilization) : "–",
                isStation ? fixed(c.meanQueueLength, 2) : "–", isStation ? ms(c.meanWaitMs) : "–",
                ms(c.meanResidenceMs), rate(c.throughputRps), "\(c.rejected)", "\(c.timedOut)",
            ])
        }
        out += "\nComponents (util = workers held, incl. waiting on downstream calls; own work = serving only)\n"
        out += table.render() + "\n"
        for c in r.components where c.kind == "function" {
            out += "  \(printable(c.id)): \(c.coldStarts) cold starts, mean execution \(ms(c.meanServiceMs)) ms including them\n"
        }
        return out
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
                out += "\(value(measured, v.unit)) \(relation) \(value(v.target, v.unit)) (margin \(value(margin, v.unit)))\n"
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

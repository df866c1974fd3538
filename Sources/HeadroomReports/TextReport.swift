import Foundation
import HeadroomAnalysis
import HeadroomScenario

/// The human-readable report `headroom run` prints by default.
public enum TextReport {
    /// The report as text ending in a newline.
    public static func render(_ r: Results) -> String {
        var out = ""
        let warm = r.warmupSeconds > 0 ? ", first \(TimeSpan(seconds: r.warmupSeconds).humanReadable) excluded as warm-up" : ""
        out += "\(r.scenario) · seed \(r.seed) · \(TimeSpan(seconds: r.simulatedSeconds).humanReadable) simulated\(warm)\n\n"
        let q = r.requests
        out += "Throughput   \(rate(r.throughput.completedRps)) req/s completed of \(rate(r.throughput.offeredRps)) req/s offered (workload \(rate(r.throughput.workloadRps)) req/s)\n"
        out += "Requests     \(q.offered) offered · \(q.completed) completed · \(q.rejected) rejected · \(q.failed) failed · \(q.inSystemAtEnd) in flight at the end\n"
        let l = r.latencyMs
        out += "Latency ms   mean \(ms(l.mean)) · p50 \(ms(l.p50)) · p90 \(ms(l.p90)) · p95 \(ms(l.p95)) · p99 \(ms(l.p99)) · p99.9 \(ms(l.p999)) · max \(ms(l.max))\n"

        if r.classes.count > 1 {
            var table = TextTable(["class", "completed/s", "rejected", "failed", "mean ms", "p50", "p95", "p99"])
            for c in r.classes {
                table.add([c.name, rate(c.completedRps), "\(c.requests.rejected)", "\(c.requests.failed)",
                           ms(c.latencyMs.mean), ms(c.latencyMs.p50), ms(c.latencyMs.p95), ms(c.latencyMs.p99)])
            }
            out += "\nRequest classes\n" + table.render() + "\n"
        }

        var table = TextTable(["component", "kind", "size", "util", "own work", "queue", "wait ms", "time ms", "thru/s", "rejected", "timeouts"], textColumns: 2)
        for c in r.components {
            let isStation = c.workers > 0
            table.add([
                c.id, c.kind, isStation ? "\(c.instances)×\(c.workers / max(c.instances, 1))" : "–",
                isStation ? percent(c.utilization) : "–", isStation ? percent(c.serviceUtilization) : "–",
                isStation ? fixed(c.meanQueueLength, 2) : "–", isStation ? ms(c.meanWaitMs) : "–",
                ms(c.meanResidenceMs), rate(c.throughputRps), "\(c.rejected)", "\(c.timedOut)",
            ])
        }
        out += "\nComponents (util = workers held, incl. waiting on downstream calls; own work = serving only)\n"
        out += table.render() + "\n"
        return out
    }

    static func fixed(_ x: Double, _ places: Int) -> String { String(format: "%.\(places)f", x) }
    static func ms(_ x: Double) -> String { x >= 100 ? fixed(x, 1) : x >= 10 ? fixed(x, 2) : fixed(x, 3) }
    static func rate(_ x: Double) -> String { x >= 1000 ? fixed(x, 0) : fixed(x, 1) }
    static func percent(_ x: Double) -> String { fixed(x * 100, 1) + "%" }
}

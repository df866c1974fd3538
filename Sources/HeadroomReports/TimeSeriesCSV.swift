import Foundation
import HeadroomAnalysis
import HeadroomScenario

/// The time series as CSV, written by `headroom run --timeseries FILE.csv`: one row per bucket,
/// warm-up included (flagged), one column per figure; documented in docs/json-output.md.
public enum TimeSeriesCSV {
    /// The CSV text, with a header row, ending in a newline. Empty cells mean "no value" (no
    /// latency in a bucket where nothing completed).
    public static func render(_ t: TimeSeries) -> String {
        var header = ["start", "end", "warmup", "offeredRps", "completedRps"]
        header += ErrorCause.allCases.map { "errors.\($0.name)" }
        header += ["p50Ms", "p95Ms", "p99Ms", "maxMs", "meanInSystem"]
        for c in t.components {
            header += ["utilization", "meanQueueLength", "liveInstances", "throughputRps", "errors"].map { "\(c.id).\($0)" }
            header += c.figures.map { "\(c.id).\($0.name)" }
        }
        var lines = [header.joined(separator: ",")]
        for (k, b) in t.buckets.enumerated() {
            var row = [number(b.startSeconds), number(b.endSeconds), b.warmup ? "1" : "0", number(b.offeredRps), number(b.completedRps)]
            row += ErrorCause.allCases.map { "\(b.errors[$0])" }
            if let l = b.latencyMs {
                row += [number(l.p50), number(l.p95), number(l.p99), number(l.max)]
            } else {
                row += ["", "", "", ""]
            }
            row.append(number(b.meanInSystem))
            for c in t.components {
                row += [number(c.utilization[k]), number(c.meanQueueLength[k]), number(c.liveInstances[k]), number(c.throughputRps[k])]
                row.append("\(c.errors[k].total)")
                row += c.figures.map { $0.values[k].isFinite ? number($0.values[k]) : "" }
            }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Up to 6 decimals, no trailing zeros: exact enough for a chart, byte-deterministic.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        var s = String(format: "%.6f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}

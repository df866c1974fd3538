import HeadroomAnalysis
import HeadroomScenario

/// The machine-readable report: the documented JSON shape of `docs/json-output.md`.
///
/// Keys come in a fixed order and numbers are rounded to fixed decimal places, so the same
/// scenario and seed always give byte-identical output.
public enum JSONReport {
    /// Version of the output shape; bumped only on incompatible changes.
    public static let formatVersion = 1

    /// The report as a JSON value.
    public static func value(_ r: Results) -> JSONValue {
        .object([
            ("formatVersion", .int(formatVersion)),
            ("scenario", .string(r.scenario)),
            ("seed", .uint64(r.seed)),
            ("simulatedSeconds", number(r.simulatedSeconds, 6)),
            ("warmupSeconds", number(r.warmupSeconds, 6)),
            ("measuredSeconds", number(r.measuredSeconds, 6)),
            ("events", .int(r.events)),
            ("requests", counts(r.requests)),
            ("throughput", .object([
                ("workloadRps", number(r.throughput.workloadRps, 4)),
                ("offeredRps", number(r.throughput.offeredRps, 4)),
                ("completedRps", number(r.throughput.completedRps, 4)),
            ])),
            ("latencyMs", latency(r.latencyMs)),
            ("meanInSystem", number(r.meanInSystem, 4)),
            ("classes", .array(r.classes.map { c in
                .object([
                    ("name", .string(c.name)),
                    ("requests", counts(c.requests)),
                    ("completedRps", number(c.completedRps, 4)),
                    ("latencyMs", latency(c.latencyMs)),
                ])
            })),
            ("components", .array(r.components.map { c in
                .object([
                    ("id", .string(c.id)),
                    ("kind", .string(c.kind)),
                    ("instances", .int(c.instances)),
                    ("workers", .int(c.workers)),
                    ("utilization", number(c.utilization, 6)),
                    ("serviceUtilization", number(c.serviceUtilization, 6)),
                    ("meanQueueLength", number(c.meanQueueLength, 4)),
                    ("meanWaitMs", number(c.meanWaitMs, 4)),
                    ("meanResidenceMs", number(c.meanResidenceMs, 4)),
                    ("throughputRps", number(c.throughputRps, 4)),
                    ("arrivals", .int(c.arrivals)),
                    ("rejected", .int(c.rejected)),
                    ("timedOut", .int(c.timedOut)),
                ])
            })),
        ])
    }

    /// The report as pretty-printed JSON text ending in a newline.
    public static func render(_ r: Results) -> String { value(r).rendered(pretty: true) + "\n" }

    static func counts(_ c: Results.RequestCounts) -> JSONValue {
        .object([
            ("offered", .int(c.offered)),
            ("completed", .int(c.completed)),
            ("rejected", .int(c.rejected)),
            ("failed", .int(c.failed)),
            ("inSystemAtEnd", .int(c.inSystemAtEnd)),
        ])
    }

    static func latency(_ l: Results.LatencySummary) -> JSONValue {
        .object([
            ("mean", number(l.mean, 4)), ("p50", number(l.p50, 4)), ("p90", number(l.p90, 4)),
            ("p95", number(l.p95, 4)), ("p99", number(l.p99, 4)), ("p999", number(l.p999, 4)),
            ("max", number(l.max, 4)),
        ])
    }

    /// `x` rounded to `places` decimals (half away from zero), so output does not carry noise digits.
    static func number(_ x: Double, _ places: Int) -> JSONValue {
        guard x.isFinite else { return .null }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        return .number(rounded == 0 ? 0 : rounded)
    }
}

import HeadroomAnalysis
import HeadroomScenario

/// The machine-readable report: the documented JSON shape of `docs/json-output.md`.
///
/// Keys come in a fixed order and numbers are rounded to fixed decimal places, so the same
/// scenario and seed always give byte-identical output.
public enum JSONReport {
    /// Version of the output shape; bumped only on incompatible changes.
    public static let formatVersion = 2

    /// The report as a JSON value.
    public static func value(_ r: Results) -> JSONValue {
        .object([
            ("formatVersion", .int(formatVersion)),
            ("scenario", .string(r.scenario)),
            ("seed", .uint64(r.seed)),
            ("simulatedSeconds", number(r.simulatedSeconds, 6)),
            ("warmupSeconds", number(r.warmupSeconds, 6)),
            ("measuredSeconds", number(r.measuredSeconds, 6)),
        ] + WarmupReport.members(r.warmupDetection) + [
            ("events", .int(r.events)),
            ("requests", counts(r.requests)),
            ("throughput", .object([
                ("workloadRps", number(r.throughput.workloadRps, 4)),
                ("offeredRps", number(r.throughput.offeredRps, 4)),
                ("completedRps", number(r.throughput.completedRps, 4)),
            ])),
            ("latencyMs", latency(r.latencyMs)),
            ("meanInSystem", number(r.meanInSystem, 4)),
            ("stability", stability(r.stability)),
            ("sla", sla(r.sla)),
            ("cost", cost(r.cost)),
            ("bottlenecks", bottlenecks(r.bottlenecks)),
            ("classes", .array(r.classes.map { c in
                .object([
                    ("name", .string(c.name)),
                    ("requests", counts(c.requests)),
                    ("completedRps", number(c.completedRps, 4)),
                    ("latencyMs", latency(c.latencyMs)),
                ])
            })),
        ] + jobs(r.jobs) + scaling(r) + [
            ("components", .array(r.components.map { c in
                .object([
                    ("id", .string(c.id)),
                    ("kind", .string(c.kind.rawValue)),
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
                    ("meanServiceMs", number(c.meanServiceMs, 4)),
                    ("latencyShare", number(c.latencyShare, 6)),
                    ("instanceHours", number(c.instanceHours, 6)),
                    ("meanInstances", number(c.meanInstances, 4)),
                    ("inFlightAtEnd", .int(c.inFlightAtEnd)),
                    ("errors", errors(c.errors)),
                ] + c.allFigures.map { ($0.name, figures($0.figures)) })
            })),
            ("timeseries", timeseries(r.timeseries)),
        ])
    }

    /// `jobs`, when the scenario has a queue.
    static func jobs(_ j: Results.JobResults?) -> [(String, JSONValue)] {
        guard let j else { return [] }
        return [("jobs", .object([
            ("enqueued", .int(j.enqueued)),
            ("rejected", .int(j.rejected)),
            ("dropped", .int(j.dropped)),
            ("completed", .int(j.completed)),
            ("deadLettered", .int(j.deadLettered)),
            ("inSystemAtEnd", .int(j.inSystemAtEnd)),
            ("retries", .int(j.retries)),
            ("throughputRps", number(j.throughputRps, 4)),
            ("latencyMs", latency(j.latencyMs)),
            ("waitMs", latency(j.waitMs)),
            ("errors", errors(j.errors)),
        ]))]
    }

    /// `scaling`, when the scenario has an autoscaler: every decision in time order.
    static func scaling(_ r: Results) -> [(String, JSONValue)] {
        guard r.components.contains(where: { $0.kind == .autoscaler }) else { return [] }
        return [("scaling", .object([
            ("decisions", .array(r.scaling.map { d in
                .object([
                    ("atSeconds", number(d.atSeconds, 6)),
                    ("autoscaler", .string(d.autoscaler)),
                    ("component", .string(d.component)),
                    ("metric", .string(d.metric)),
                    ("value", number(d.value, 4)),
                    ("from", .int(d.from)),
                    ("to", .int(d.to)),
                    ("reason", .string(d.reason)),
                ])
            })),
        ]))]
    }

    /// Errors by cause, every cause present (0 when none), in the causes' order.
    static func errors(_ e: ErrorCounts) -> JSONValue {
        .object(e.entries.map { ($0.cause.name, .int($0.count)) })
    }

    /// A kind's own figures as an object, in the kind's order.
    static func figures(_ list: [KindFigures.Figure]) -> JSONValue {
        .object(list.map { figure in
            let value: JSONValue
            switch figure.value {
            case .count(let n): value = .int(n)
            case .number(let x, let places): value = number(x, places)
            case .ratio(let x): value = number(x, 6)
            case .milliseconds(let x): value = number(x, 4)
            case .rows(let rows): value = .array(rows.map { figures($0) })
            case .text(let text): value = .string(text)
            case .label(let text): value = .string(text)
            }
            return (figure.name, value)
        })
    }

    static func stability(_ s: Stability) -> JSONValue {
        .object([
            ("stable", .bool(s.isStable)),
            ("judged", .bool(s.judged)),
            ("summary", .optional(s.summary)),
            ("stoppedAtSeconds", s.stopped.map { number($0.atSeconds, 6) } ?? .null),
            ("growing", .array(s.growing.map { g in
                .object([
                    ("id", .string(g.id)),
                    ("queueFrom", number(g.queueFrom, 4)),
                    ("queueTo", number(g.queueTo, 4)),
                    ("growthPerSecond", number(g.growthPerSecond, 4)),
                    ("utilization", number(g.utilization, 6)),
                ])
            })),
        ])
    }

    /// The time series as columns: one array per figure, one value per bucket (null where a
    /// bucket has no value, such as latency when nothing completed).
    static func timeseries(_ t: TimeSeries) -> JSONValue {
        func column(_ values: [Double], _ places: Int) -> JSONValue { .array(values.map { number($0, places) }) }
        let b = t.buckets
        func latency(_ pick: (TimeSeries.Percentiles) -> Double) -> JSONValue {
            .array(b.map { $0.latencyMs.map { number(pick($0), 4) } ?? .null })
        }
        func errorColumns(_ counts: [ErrorCounts]) -> JSONValue {
            .object(ErrorCause.allCases.map { cause in (cause.name, .array(counts.map { .int($0[cause]) })) })
        }
        return .object([
            ("bucketSeconds", number(t.bucketSeconds, 6)),
            ("start", column(b.map(\.startSeconds), 6)),
            ("end", column(b.map(\.endSeconds), 6)),
            ("warmup", .array(b.map { .bool($0.warmup) })),
            ("offeredRps", column(b.map(\.offeredRps), 4)),
            ("completedRps", column(b.map(\.completedRps), 4)),
            ("errors", errorColumns(b.map(\.errors))),
            ("latencyMs", .object([
                ("p50", latency(\.p50)), ("p95", latency(\.p95)), ("p99", latency(\.p99)), ("max", latency(\.max)),
            ])),
            ("meanInSystem", column(b.map(\.meanInSystem), 4)),
            ("components", .array(t.components.map { c in
                .object([
                    ("id", .string(c.id)),
                    ("utilization", column(c.utilization, 6)),
                    ("meanQueueLength", column(c.meanQueueLength, 4)),
                    ("liveInstances", column(c.liveInstances, 4)),
                    ("throughputRps", column(c.throughputRps, 4)),
                    ("errors", errorColumns(c.errors)),
                ] + c.figures.map { ($0.name, column($0.values, 6)) })
            })),
        ])
    }

    /// The report as pretty-printed JSON text ending in a newline.
    public static func render(_ r: Results) -> String { value(r).rendered(pretty: true) + "\n" }

    static func sla(_ s: SLAReport) -> JSONValue {
        .object([
            ("passed", .bool(s.passed)),
            ("source", .string(s.source.rawValue)),
            ("objectives", .array(s.verdicts.map { v in
                .object([
                    ("name", .string(v.name)),
                    ("metric", .string(v.metric)),
                    ("class", .optional(v.requestClass)),
                    ("bound", .string(v.bound.rawValue)),
                    ("target", number(v.target, 6)),
                    ("measured", v.measured.map { number($0, 6) } ?? .null),
                    ("unit", .string(v.unit)),
                    ("margin", v.margin.map { number($0, 6) } ?? .null),
                    ("untrusted", .optional(v.untrusted)),
                    ("passed", .bool(v.passed)),
                ])
            })),
        ])
    }

    static func cost(_ c: CostReport) -> JSONValue {
        .object([
            ("currency", .string("USD")),
            ("windowDollars", number(c.windowDollars, 6)),
            ("perHourDollars", number(c.perHourDollars, 6)),
            ("perMonthDollars", number(c.perMonthDollars, 4)),
            ("perMillionSuccessfulDollars", c.perMillionSuccessfulDollars.map { number($0, 6) } ?? .null),
            ("components", .array(c.components.map { component in
                .object([
                    ("id", .string(component.id)),
                    ("windowDollars", number(component.windowDollars, 6)),
                    ("perMonthDollars", number(component.perMonthDollars, 4)),
                    ("items", .array(component.items.map { item in
                        .object([
                            ("price", .string(item.price)),
                            ("quantity", number(item.quantity, 6)),
                            ("unit", .string(item.unit)),
                            ("unitPrice", .number(item.unitPrice)),
                            ("windowDollars", number(item.windowDollars, 6)),
                        ])
                    })),
                ])
            })),
        ])
    }

    static func bottlenecks(_ b: Bottlenecks) -> JSONValue {
        .object([
            ("firstToSaturate", .optional(b.firstToSaturate)),
            ("byUtilization", .array(b.byUtilization.map { .object([("id", .string($0.id)), ("utilization", number($0.value, 6))]) })),
            ("byLatencyShare", .array(b.byLatencyShare.map { .object([("id", .string($0.id)), ("share", number($0.value, 6))]) })),
        ])
    }

    static func counts(_ c: Results.RequestCounts) -> JSONValue {
        .object([
            ("offered", .int(c.offered)),
            ("completed", .int(c.completed)),
            ("rejected", .int(c.rejected)),
            ("failed", .int(c.failed)),
            ("inSystemAtEnd", .int(c.inSystemAtEnd)),
            ("errors", errors(c.errors)),
        ])
    }

    /// The latency figures; each null when no request completed (the object keeps its keys).
    static func latency(_ l: Results.LatencySummary?) -> JSONValue {
        func ms(_ value: (Results.LatencySummary) -> Double) -> JSONValue { l.map { number(value($0), 4) } ?? .null }
        return .object([
            ("mean", ms(\.mean)), ("p50", ms(\.p50)), ("p90", ms(\.p90)), ("p95", ms(\.p95)), ("p99", ms(\.p99)),
            ("p999", ms(\.p999)), ("max", ms(\.max)),
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

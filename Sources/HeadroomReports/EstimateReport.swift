import Foundation
import HeadroomAnalysis
import HeadroomScenario

/// The output of `headroom estimate`: traffic, storage, bandwidth and server sizing.
public struct EstimateReport: Sendable {
    /// Version of the estimate's JSON shape (independent of the run report's).
    public static let formatVersion = 1

    public var traffic: CapacityEstimate?
    public var storageKB: Double?
    public var years: Double
    public var growth: Double
    public var dataPerUserKB: Double?
    public var bandwidthMbps: Double?
    public var responseKB: Double?
    public var sizing: ServerSizing?

    public init(
        traffic: CapacityEstimate?, storageKB: Double?, years: Double, growth: Double, dataPerUserKB: Double?,
        bandwidthMbps: Double?, responseKB: Double?, sizing: ServerSizing?
    ) {
        self.traffic = traffic
        self.storageKB = storageKB
        self.years = years
        self.growth = growth
        self.dataPerUserKB = dataPerUserKB
        self.bandwidthMbps = bandwidthMbps
        self.responseKB = responseKB
        self.sizing = sizing
    }

    /// JSON with units in every key (docs/cost-and-sla.md).
    public func json() -> String {
        var members: [(String, JSONValue)] = [("formatVersion", .int(Self.formatVersion))]
        if let t = traffic {
            members.append(("traffic", .object([
                ("dailyActiveUsers", .number(t.dailyActiveUsers)),
                ("requestsPerUserPerDay", .number(t.requestsPerUserPerDay)),
                ("peakMultiplier", .number(t.peakMultiplier)),
                ("averageRps", JSONReport.number(t.averageRps, 4)),
                ("peakRps", JSONReport.number(t.peakRps, 4)),
            ])))
        }
        if let kb = storageKB, let perUser = dataPerUserKB {
            members.append(("storage", .object([
                ("dataPerUserPerDayKB", .number(perUser)), ("years", .number(years)), ("yearlyGrowth", .number(growth)),
                ("totalKB", JSONReport.number(kb, 0)), ("totalTB", JSONReport.number(kb / 1e9, 4)),
            ])))
        }
        if let mbps = bandwidthMbps, let kb = responseKB {
            members.append(("bandwidth", .object([
                ("responseKB", .number(kb)), ("peakMbps", JSONReport.number(mbps, 4)), ("peakGbps", JSONReport.number(mbps / 1_000, 4)),
            ])))
        }
        if let s = sizing {
            var sizing: [(String, JSONValue)] = []
            sizing.append(("rps", JSONReport.number(s.arrivalRate, 4)))
            sizing.append(("serviceTimeMs", JSONReport.number(s.serviceTime * 1_000, 4)))
            sizing.append(("percentile", .number(s.percentile)))
            sizing.append(("latencyObjectiveMs", JSONReport.number(s.target * 1_000, 4)))
            sizing.append(("servers", s.servers.map(JSONValue.int) ?? .null))
            sizing.append(("workersPerInstance", .int(s.workersPerInstance)))
            sizing.append(("instances", s.instances.map(JSONValue.int) ?? .null))
            let utilization: JSONValue = s.utilization.map { JSONReport.number($0, 6) } ?? .null
            let wait: JSONValue = s.waitProbability.map { JSONReport.number($0, 6) } ?? .null
            let achieved: JSONValue = s.achieved.map { JSONReport.number($0 * 1_000, 4) } ?? .null
            sizing.append(("utilization", utilization))
            sizing.append(("waitProbability", wait))
            sizing.append(("achievedLatencyMs", achieved))
            let unsized: JSONValue = s.servers != nil ? .null : .string(s.tooLarge ? "tooLarge" : "serviceTimeExceedsObjective")
            sizing.append(("notSizedBecause", unsized))
            members.append(("sizing", .object(sizing)))
        }
        return JSONValue.object(members).rendered(pretty: true) + "\n"
    }

    /// A readable summary with units.
    public func text() -> String {
        var out = ""
        if let t = traffic {
            out += "Traffic      \(Self.grouped(t.dailyActiveUsers)) daily users × \(Self.short(t.requestsPerUserPerDay)) requests/day, peak ×\(Self.short(t.peakMultiplier))\n"
            out += "             average \(Self.grouped(t.averageRps)) req/s · peak \(Self.grouped(t.peakRps)) req/s\n"
        }
        if let kb = storageKB, let perUser = dataPerUserKB {
            out += "Storage      \(Self.short(perUser)) KB per user per day for \(Self.short(years)) years, \(Self.short(growth * 100)) % yearly growth: "
            out += "\(Self.grouped(kb)) KB ≈ \(Self.scaled(kb * 1_000, units: ["B", "KB", "MB", "GB", "TB", "PB", "EB"]))\n"
        }
        if let mbps = bandwidthMbps, let kb = responseKB {
            out += "Bandwidth    \(Self.short(kb)) KB responses at peak: \(Self.grouped(mbps)) Mbps ≈ \(Self.scaled(mbps * 1e6, units: ["bps", "kbps", "Mbps", "Gbps", "Tbps"]))\n"
        }
        if let s = sizing {
            out += "Sizing       \(Self.grouped(s.arrivalRate)) req/s × \(TimeSpan(seconds: s.serviceTime).humanReadable) mean service, p\(Self.short(s.percentile)) ≤ \(TimeSpan(seconds: s.target).humanReadable) (M/M/c, Erlang C)\n"
            if let servers = s.servers, let instances = s.instances, let u = s.utilization, let w = s.waitProbability, let a = s.achieved {
                out += "             \(Self.grouped(Double(servers))) workers = \(Self.grouped(Double(instances))) instances × \(s.workersPerInstance)"
                out += " · utilization \(String(format: "%.2f", u * 100)) % · P(wait) \(String(format: "%.3f", w)) · p\(Self.short(s.percentile)) \(TimeSpan(seconds: a).humanReadable)\n"
            } else if s.tooLarge {
                out += "             not sized: it needs \(Self.grouped(Double(ServerSizing.maximumServers))) workers or more (\(Self.grouped(s.arrivalRate * s.serviceTime)) busy on average); split the load into cells or shorten the service time\n"
            } else {
                out += "             impossible: the service time alone exceeds the objective at that percentile\n"
            }
        }
        return out
    }

    /// 1234567.8 → "1,234,568"; from 10¹⁸ on (where whole numbers stop fitting an Int64 and
    /// nobody reads the digits) "1.5e+20".
    static func grouped(_ x: Double) -> String {
        guard x.magnitude < 1e18 else { return String(format: "%.4g", x) }
        let digits = String(Int64(x.rounded()))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 && ch != "-" { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func short(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)" }

    /// A value in base units shown with the largest decimal unit below it: 2.27e17 B → "227.06 PB".
    static func scaled(_ x: Double, units: [String]) -> String {
        var value = x, unit = 0
        while value >= 1_000 && unit < units.count - 1 { value /= 1_000; unit += 1 }
        return String(format: "%.2f %@", value, units[unit])
    }
}

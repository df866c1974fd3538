import ArgumentParser
import Foundation
import Headroom
import HeadroomRunner

/// `headroom estimate`: the capacity formulas architects use before simulating.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Back-of-the-envelope capacity: peak RPS, storage, bandwidth, and servers by Erlang C.",
        discussion: """
            Traffic: peak RPS = daily users × requests per user × peak multiplier / 86,400. Storage: \
            users × KB per user per day × 365 × years × (1 + growth)^years. Bandwidth (Mbps): peak \
            RPS × response KB × 8 / 1024. Sizing: the fewest servers for which an M/M/c queue \
            (Poisson arrivals, exponential service) meets the latency objective at the percentile.

            Examples:
              headroom estimate --dau 500000000 --requests-per-user 50 --peak-multiplier 3 --data-per-user-kb 100 --years 5 --response-kb 50
              headroom estimate --rps 1200 --service-time 40ms --latency-objective 200ms --percentile 95 --workers-per-instance 8
            """
    )

    @Option(help: "Daily active users.") var dau: Double?
    @Option(help: "Requests per user per day.") var requestsPerUser: Double?
    @Option(help: "Peak traffic over the daily average.") var peakMultiplier: Double = 1
    @Option(help: "Data stored per user per day, in KB.") var dataPerUserKb: Double?
    @Option(help: "Years of retention for the storage estimate.") var years: Double = 1
    @Option(help: "Yearly data growth, as a fraction (0.2 = 20 %).") var growth: Double = 0.2
    @Option(help: "Response size in KB, for the bandwidth estimate.") var responseKb: Double?
    @Option(help: "Requests per second to size for (default: the peak RPS).") var rps: Double?
    @Option(help: "Mean service time per request (e.g. 40ms), to size servers.") var serviceTime: String?
    @Option(help: "Latency objective at --percentile (e.g. 200ms).") var latencyObjective: String?
    @Option(help: "Percentile of the latency objective.") var percentile: Double = 95
    @Option(help: "Workers (threads) per instance, to turn servers into instances.") var workersPerInstance: Int = 1
    @Option(help: "Output format: text or json.") var format: RunOptions.Format = .text

    func validate() throws {
        if (dau == nil) != (requestsPerUser == nil) {
            throw ValidationError("--dau and --requests-per-user go together")
        }
        if dau == nil && rps == nil { throw ValidationError("give --dau and --requests-per-user, or --rps") }
        if (serviceTime == nil) != (latencyObjective == nil) {
            throw ValidationError("--service-time and --latency-objective go together")
        }
        if let s = serviceTime, TimeSpan(parsing: s).map({ $0.seconds > 0 }) != true {
            throw ValidationError("--service-time: found \"\(s)\"; expected a duration with a unit, such as \"40ms\"")
        }
        if let l = latencyObjective, TimeSpan(parsing: l).map({ $0.seconds > 0 }) != true {
            throw ValidationError("--latency-objective: found \"\(l)\"; expected a duration with a unit, such as \"200ms\"")
        }
        if !(percentile > 0 && percentile < 100) { throw ValidationError("--percentile must be between 0 and 100") }
        for (name, value) in [("--dau", dau), ("--requests-per-user", requestsPerUser), ("--rps", rps), ("--data-per-user-kb", dataPerUserKb), ("--response-kb", responseKb)] {
            if let value, !(value.isFinite && value > 0) { throw ValidationError("\(name) must be a number > 0") }
        }
        if !(peakMultiplier.isFinite && peakMultiplier > 0) || !(years.isFinite && years > 0) || !(growth.isFinite && growth >= 0) {
            throw ValidationError("--peak-multiplier and --years must be finite numbers > 0, --growth a finite number >= 0")
        }
        if workersPerInstance < 1 { throw ValidationError("--workers-per-instance must be at least 1") }
        // Options that would be ignored: say so rather than print nothing (or less than asked).
        if rps != nil && serviceTime == nil {
            throw ValidationError("--rps is the load to size servers for: add --service-time and --latency-objective (or give --dau and --requests-per-user for traffic)")
        }
        if dau == nil, let needsTraffic = [("--data-per-user-kb", dataPerUserKb), ("--response-kb", responseKb)].first(where: { $0.1 != nil }) {
            throw ValidationError("\(needsTraffic.0) needs --dau and --requests-per-user (storage and bandwidth grow with the users)")
        }
    }

    /// The first estimate that overflows a Double, named by the options that make it, if any.
    static func overflow(in report: EstimateReport) -> String? {
        let figures: [(String, Double?)] = [
            ("--dau × --requests-per-user × --peak-multiplier (the peak RPS)", report.traffic?.peakRps),
            ("--dau × --data-per-user-kb × 365 × --years × (1 + --growth)^--years (the storage)", report.storageKB),
            ("the peak RPS × --response-kb (the bandwidth)", report.bandwidthMbps),
            ("--rps × --service-time (the offered load)", report.sizing.map { $0.arrivalRate * $0.serviceTime }),
        ]
        return figures.first { $0.1.map { !$0.isFinite } ?? false }?.0
    }

    func run() throws {
        let traffic = dau.flatMap { d in requestsPerUser.map { CapacityEstimate(dailyActiveUsers: d, requestsPerUserPerDay: $0, peakMultiplier: peakMultiplier) } }
        let sizingRate = rps ?? traffic?.peakRps
        let sizing: ServerSizing? = {
            guard let rate = sizingRate, let s = serviceTime.flatMap(TimeSpan.init(parsing:)),
                let l = latencyObjective.flatMap(TimeSpan.init(parsing:)) else { return nil }
            return ServerSizing(arrivalRate: rate, serviceTime: s.seconds, target: l.seconds, percentile: percentile, workersPerInstance: workersPerInstance)
        }()
        let report = EstimateReport(
            traffic: traffic, storageKB: traffic.flatMap { t in dataPerUserKb.map { t.storageKB(dataPerUserPerDayKB: $0, years: years, yearlyGrowth: growth) } },
            years: years, growth: growth, dataPerUserKB: dataPerUserKb,
            bandwidthMbps: traffic.flatMap { t in responseKb.map { t.bandwidthMbps(responseKB: $0) } }, responseKB: responseKb,
            sizing: sizing)
        if let figure = Self.overflow(in: report) {
            throw ValidationError("\(figure) is too large to compute (it overflows a 64-bit float); expected smaller values")
        }
        try ScenarioRunner.write(format == .json ? report.json() : report.text(), to: nil)
    }
}

import Foundation
import Testing

/// The instance-count and queue columns of `--timeseries`, end to end on the new examples.
@Suite("headroom run: instance counts and backlog in the time series")
struct ElasticityTimeSeriesTests {
    /// The CSV of `scenario` as columns by header name, and the JSON report.
    static func run(_ scenario: String) throws -> (columns: [String: [Double]], report: [String: Any]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-elastic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("series.csv")
        let result = try CLI.run(["run", scenario, "--timeseries", file.path, "--format", "json"])
        // 3: the examples miss the default p95 objective on purpose (30 s reports, 1 s requests).
        #expect(result.status == 0 || result.status == 3, "\(result.stderr)")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        var table: [String: [Double]] = [:]
        for (k, name) in lines[0].enumerated() { table[String(name)] = lines.dropFirst().map { Double($0[k]) ?? .nan } }
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (table, report)
    }

    @Test("seed-cost-comparison: the autoscaled pool runs 10 instances at the midday peak and 1 at night; the fixed one 10 throughout")
    func instanceCounts() throws {
        // Hourly buckets. At 12:00–13:00 each pool takes 26 req/s of 1 s work: on 10 instances of
        // 4 workers that is 65 % (neither above 70 % nor below 30 %), so the fleet holds at 10,
        // its max. At 3:00–4:00, 0.8 req/s on 1 instance is 20 %: it stays at its min, 1.
        let (t, report) = try Self.run("Scenarios/seed-cost-comparison.json")
        let live = try #require(t["api-autoscaled.liveInstances"]), fixed = try #require(t["api-fixed.liveInstances"])
        #expect(live.count == 24)
        #expect(live[12] == 10 && live[3] == 1, "\(live)")
        #expect(fixed.allSatisfy { $0 == 10 })
        // The bill integrates the same fleet: 1 h buckets, so the window's instance-hours are the
        // column's sum (both rounded to 6 decimals per bucket or in all).
        let components = try #require(report["components"] as? [[String: Any]])
        let billed = try #require(components[0]["instanceHours"] as? Double)
        #expect(abs(live.reduce(0, +) - billed) < 1e-4, "\(live.reduce(0, +)) vs \(billed)")
        // Steps up come every 5 minutes, steps down every 10: the fleet trails the traffic longer
        // on the way down, so it runs more than the seed's 10 × 8 + 1 × 16 = 96 instance-hours.
        #expect(billed > 96)
        #expect(t["scaler.metric"]?.count == 24)
    }

    @Test("background-jobs: the queue's backlog columns are present and its peak bounds its mean, in the bucket the warm-up ends too")
    func backlog() throws {
        // The warm-up ends at 30 min, the end of the bucket [20 min, 30 min): its peak once read 0
        // there, below the backlog it averaged, because the window's start restarted the peak.
        let t = try Self.run("Scenarios/background-jobs.json").columns
        let mean = try #require(t["reports.backlog"]), peak = try #require(t["reports.backlogPeak"])
        #expect(mean.count == 36 && peak.count == 36)
        #expect(zip(mean, peak).allSatisfy { $0 <= $1 + 1e-9 })
        #expect(peak.contains { $0 > 0 })
        #expect(try #require(t["reports.enqueued"]).reduce(0, +) > 0)
    }
}

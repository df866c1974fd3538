import Foundation
import Testing

@Suite("headroom run: time series and unstable systems, end to end", .serialized)
struct TimeSeriesCommandTests {
    @Test("--timeseries writes the CSV atomically beside the report; --bucket sets its width")
    func csv() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-ts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("series.csv")
        let result = try CLI.run(["run", "Scenarios/startup-mvp.json", "--timeseries", file.path, "--bucket", "30s", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["series.csv"])
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        // 10 minutes in 30 s buckets: 20 rows and a header.
        #expect(lines.count == 21)
        #expect(lines[0].hasPrefix("start,end,warmup,offeredRps,completedRps,errors.timeout,"))
        #expect(lines[1].hasPrefix("0,30,1,") && lines[3].hasPrefix("60,90,0,"))
        #expect(result.stdout.contains("\"bucketSeconds\": 30,"))
        let bad = try CLI.run(["run", "Scenarios/startup-mvp.json", "--bucket", "soon"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(#"--bucket: found "soon"; expected a duration with a unit, such as "5s""#))
    }

    @Test("an overloaded worker with an unbounded queue is named unstable and fails its latency objective, exit 3")
    func unstable() throws {
        let text = try CLI.run(["run", "Tests/HeadroomCLITests/Fixtures/overloaded.json"])
        #expect(text.status == 3, "\(text.stderr)")
        #expect(text.stdout.contains("Stability    UNSTABLE: worker's queue grew from"))
        #expect(text.stdout.contains("FAIL  p99 latency: "))
        #expect(text.stdout.contains("(not trusted: unstable)"))
        let json = try CLI.run(["run", "Tests/HeadroomCLITests/Fixtures/overloaded.json", "--format", "json"])
        #expect(json.status == 3)
        #expect(json.stdout.contains("\"stable\": false,"))
    }
}

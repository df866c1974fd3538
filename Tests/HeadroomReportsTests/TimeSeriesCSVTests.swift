import Testing
import HeadroomAnalysis
import HeadroomReports
import HeadroomScenario

@Suite("Time series CSV")
struct TimeSeriesCSVTests {
    @Test("one header row, one row per bucket, every figure in its column, the same bytes every time")
    func shape() throws {
        let results = ReportTests.results()
        let csv = TimeSeriesCSV.render(results.timeseries)
        #expect(csv == TimeSeriesCSV.render(ReportTests.results().timeseries))
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.prefix(5) == ["start", "end", "warmup", "offeredRps", "completedRps"])
        #expect(header.contains("errors.timeout") && header.contains("app.utilization") && header.contains("db.liveInstances"))
        #expect(lines.count == 1 + results.timeseries.buckets.count)
        for line in lines { #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == header.count) }
        // The demo: 10 req/s evenly spaced, so each whole bucket offers exactly 10 req/s; the first is the warm-up.
        let second = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(second[0] == "10" && second[1] == "20" && second[2] == "0" && second[3] == "10")
        #expect(lines[1].split(separator: ",")[2] == "1")
        // app: 10/s × 25 ms held (20 ms + 5 ms at db) over 16 workers.
        let column = try #require(header.firstIndex(of: "app.utilization"))
        #expect(second[column] == "0.015625")
    }
}

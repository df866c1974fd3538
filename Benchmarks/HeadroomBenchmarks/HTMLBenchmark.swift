// The HTML report benchmark: a 10 M-request run's page must render in well under a second and 2 MB.
import Foundation
import HeadroomAnalysis
import HeadroomModel
import HeadroomReports
import HeadroomScenario

/// The HTML report of a large run: Scenarios/startup-mvp.json at 3,000 req/s for as long as
/// `requests` take after the warm-up. Times rendering and writing the page (not the simulation), and prints its
/// size: with the run's own (empty) time series, and with synthetic ones as large as its 10 s
/// buckets would be and as a day of them over 12 components would be.
func htmlReport(requests: Int) {
    guard var scenario = try? ScenarioLoader.load(path: "Scenarios/startup-mvp.json") else { fatalError("run from the package root") }
    scenario.workload.rate = 3_000
    scenario.duration = .seconds(Double(requests) / 3_000 + scenario.warmup.seconds)
    var results: Results?
    let simulated = seconds {
        guard let simulation = try? Simulation(scenario: scenario) else { fatalError("benchmark scenario is invalid") }
        results = Results(simulation.run(), scenario: scenario)
    }
    guard var r = results else { return }
    print("html  requests=\(r.requests.offered) simulated in \(String(format: "%.1f", simulated)) s")
    func measure(_ label: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-bench-report.html").path
        var bytes = 0
        let t = seconds {
            let page = HTMLReport.render(r, scenario: scenario, provenance: .init(commandLine: ["headroom", "run", "big.json", "--html", path]))
            bytes = page.utf8.count
            try? page.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try? FileManager.default.removeItem(atPath: path)
        print("      \(label): \(String(format: "%.0f", t * 1_000)) ms, \(String(format: "%.0f", Double(bytes) / 1_024)) KiB")
    }
    measure("run's own time series (\(r.timeseries.buckets.count) buckets)")
    let runBuckets = Int((r.simulatedSeconds / 10).rounded(.up))
    r.timeseries = syntheticTimeSeries(buckets: runBuckets, components: r.components.map(\.id))
    measure("synthetic \(runBuckets) buckets × \(r.components.count) components")
    let ids = (0..<12).map { "component-\($0)" }
    r.timeseries = syntheticTimeSeries(buckets: 8_640, components: ids)
    r.components = ids.map { id in
        var c = r.components[1]
        c.id = id
        return c
    }
    measure("synthetic 8640 buckets × 12 components")
}

/// Noisy but deterministic buckets, every value set, for timing the charts.
func syntheticTimeSeries(buckets count: Int, components: [String]) -> TimeSeries {
    func wave(_ i: Int, _ k: Int) -> Double { 0.5 + 0.4 * sin(Double(i * (k + 3)) * 0.013) }
    var errors = ErrorCounts()
    errors[.timeout] = 3
    let buckets = (0..<count).map { i in
        TimeSeries.Bucket(
            startSeconds: Double(i) * 10, endSeconds: Double(i + 1) * 10, warmup: i < 6, offeredRps: 3_000 * wave(i, 0),
            completedRps: 2_990 * wave(i, 0), errors: errors, latencyMs: TimeSeries.Percentiles(p50: 10 * wave(i, 1), p95: 40 * wave(i, 2), p99: 80 * wave(i, 3), max: 300 * wave(i, 4)),
            meanInSystem: 50 * wave(i, 5))
    }
    let series = components.enumerated().map { k, id in
        TimeSeries.ComponentSeries(
            id: id, utilization: (0..<count).map { wave($0, k) }, meanQueueLength: (0..<count).map { 5 * wave($0, k + 1) },
            liveInstances: (0..<count).map { 2 + wave($0, k + 2) }, throughputRps: (0..<count).map { 3_000 * wave($0, k) },
            errors: Array(repeating: errors, count: count))
    }
    return TimeSeries(bucketSeconds: 10, buckets: buckets, components: series)
}

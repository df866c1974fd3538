// Headroom benchmarks: run in release mode, not as tests.
//
//     swift run -c release headroom-benchmarks            # everything
//     swift run -c release headroom-benchmarks hold       # only the event-calendar hold model
//     swift run -c release headroom-benchmarks mmc        # only the end-to-end M/M/8
//     swift run -c release headroom-benchmarks validation # the theory table of docs/validation.md
//     swift run -c release headroom-benchmarks html       # the HTML report of a 10 M-request run
//
// Prints events per second, requests per second and the process's peak resident memory, so
// a change in speed or memory shows up as a number, not as a flaky timed test.
import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomReports
import HeadroomScenario

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Peak resident set size in MiB (VmHWM from /proc), or nil where unavailable.
func peakResidentMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first
        return kb.map { $0 / 1024 }
    }
    return nil
}

func format(_ x: Double) -> String {
    x >= 1e6 ? String(format: "%.2f M", x / 1e6) : String(format: "%.0f", x)
}

/// The classic hold model: keep `pending` events in the calendar; each step pops the earliest
/// and schedules one new event an exponential time later (mean 1), so the size stays constant.
func holdModel(pending: Int, holds: Int) {
    let stream = RandomStreams(seed: 1).stream(named: "hold")
    var calendar = EventCalendar(reservingCapacity: pending)
    for i in 0..<pending { calendar.schedule(at: stream.exponential(mean: 1), kind: 0, target: UInt32(i)) }
    // Warm the heap into its steady-state shape before timing.
    for _ in 0..<min(holds / 10, 1_000_000) {
        let e = calendar.next()!
        calendar.schedule(at: e.time + stream.exponential(mean: 1), kind: e.kind, target: e.target)
    }
    var checksum = 0.0
    let t = seconds {
        for _ in 0..<holds {
            let e = calendar.next()!
            checksum += e.time
            calendar.schedule(at: e.time + stream.exponential(mean: 1), kind: e.kind, target: e.target)
        }
    }
    print("hold  pending=\(String(pending).padding(toLength: 8, withPad: " ", startingAt: 0)) holds=\(holds)  \(format(Double(holds) / t)) holds/s  (\(String(format: "%.2f", t)) s, checksum \(String(format: "%.3e", checksum)))")
}

/// M/M/8 at ρ = 0.9 through the same path as `headroom run`: Scenario → Simulation → Results.
func mmc(requests: Int) {
    let serviceMean = 0.008  // 8 ms
    let rate = 0.9 * 8 / serviceMean  // 900 requests/s
    let scenario = Scenario(
        name: "bench-mm8", seed: 7, duration: .seconds(Double(requests) / rate), warmup: .zero,
        workload: Workload(arrivals: .poisson, rate: rate, mix: [.init("req", weight: 1)]),
        components: [Component(id: "station", ServicePool(instances: 1, concurrency: 8, serviceTime: .exponential(mean: .milliseconds(8))))],
        routes: [Route(requestClass: "req", steps: [.call(Call("station"))])])
    let before = peakResidentMiB()
    var results: Results?
    let t = seconds {
        guard let simulation = try? Simulation(scenario: scenario) else { fatalError("benchmark scenario is invalid") }
        results = Results(simulation.run(), scenario: scenario)
    }
    guard let r = results else { return }
    let theory = QueueingFormulas.mmc(arrivalRate: rate, serviceTime: serviceMean, servers: 8)
    print("mm8   requests=\(r.requests.offered) events=\(r.events)  \(format(Double(r.events) / t)) events/s  \(format(Double(r.requests.offered) / t)) requests/s  (\(String(format: "%.2f", t)) s)")
    print("      mean wait \(String(format: "%.4f", r.components[0].meanWaitMs)) ms (theory \(String(format: "%.4f", theory.meanWait * 1000)) ms), p99 \(String(format: "%.3f", r.latencyMs.p99)) ms")
    if let before, let after = peakResidentMiB() {
        print("      peak RSS \(String(format: "%.1f", before)) MiB before the run, \(String(format: "%.1f", after)) MiB after")
    }
}

/// Prints every theory case as a Markdown table row: the table in docs/validation.md.
func validationTable() {
    print("| model | metric | theory | simulated (99.9 % CI) | error | reps |")
    print("|---|---|---:|---:|---:|---:|")
    for c in TheoryCase.all {
        let o = c.check()
        let mark = o.covered && o.precise ? "" : " **FAIL**"
        print("| \(c.model) | \(c.metric) | \(String(format: "%.4f", c.theory)) | \(String(format: "%.4f ± %.4f", o.interval.mean, o.interval.halfWidth)) | \(String(format: "%+.2f %%", o.relativeError * 100))\(mark) | \(c.replications) |")
    }
}

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

let which = CommandLine.arguments.dropFirst().first ?? "all"
#if DEBUG
print("warning: benchmarks built in debug mode; use `swift run -c release headroom-benchmarks`")
#endif
if which == "all" || which == "hold" {
    holdModel(pending: 100, holds: 20_000_000)
    holdModel(pending: 10_000, holds: 20_000_000)
    holdModel(pending: 1_000_000, holds: 10_000_000)
}
if which == "all" || which == "mmc" {
    mmc(requests: 10_000_000)
}
if which == "all" || which == "html" {
    htmlReport(requests: 10_000_000)
}
if which == "validation" {
    validationTable()
}

// Headroom benchmarks: run in release mode, not as tests.
//
//     swift run -c release headroom-benchmarks            # everything
//     swift run -c release headroom-benchmarks hold       # only the event-calendar hold model
//     swift run -c release headroom-benchmarks mmc        # only the end-to-end M/M/8
//     swift run -c release headroom-benchmarks validation # the theory table of docs/validation.md
//
// Prints events per second, requests per second and the process's peak resident memory, so
// a change in speed or memory shows up as a number, not as a flaky timed test.
import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
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
if which == "all" || which == "replications" { replicationSpeedup() }
if which == "validation" {
    validationTable()
}

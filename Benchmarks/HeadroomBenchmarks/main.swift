// Headroom benchmarks: run in release mode, not as tests.
//
//     swift run -c release headroom-benchmarks            # everything
//     swift run -c release headroom-benchmarks hold       # the event calendar beside bare heaps
//     swift run -c release headroom-benchmarks mmc        # the end-to-end M/M/8 beside a bare loop
//     swift run -c release headroom-benchmarks realistic  # a balancer, 10 app instances, a database pool
//     swift run -c release headroom-benchmarks datatier   # a balancer, 10 app instances, a cache of keys, a database with replicas
//     swift run -c release headroom-benchmarks validation # the theory table of docs/validation.md
//     swift run -c release headroom-benchmarks html       # the HTML report of a 10 M-request run
//
// Every figure is printed beside a bare struct-and-heap loop run in the same process, with the
// ratio: these shared machines are noisy and their CPU kind changes, so only a ratio measured
// side by side means anything.
import CAllocationCounter
import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// The CPU time `body` takes on this thread, in seconds. CPU time rather than wall time: on a
/// shared 2-core machine a busy neighbour stretches wall time but not (much) the CPU time.
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

/// Current and peak resident set size in MiB (VmRSS and VmHWM from /proc), or nil where unavailable.
func residentMiB() -> (current: Double, peak: Double)? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    func field(_ name: String) -> Double? {
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return line.split(separator: " ").compactMap { Double($0) }.first.map { $0 / 1024 }
        }
        return nil
    }
    guard let current = field("VmRSS:"), let peak = field("VmHWM:") else { return nil }
    return (current, peak)
}

func rate(_ x: Double) -> String { x >= 1e6 ? String(format: "%.2f M", x / 1e6) : String(format: "%.0f k", x / 1e3) }
func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2f×", a / b) }

// MARK: Hold

/// The classic hold model on the calendar: keep `pending` events; each step pops the earliest and
/// schedules one an exponential time later (mean 1), so the size stays constant. Printed beside
/// the same model on a bare binary heap and a bare 4-ary heap.
func hold(pending: Int, holds: Int) {
    let streams = RandomStreams(seed: 1)
    defer { withExtendedLifetime(streams) {} }
    let generator = streams.generator(named: "hold")
    var calendar = EventCalendar(reservingCapacity: pending)
    for i in 0..<pending { calendar.schedule(at: SimInstant(seconds: generator.exponential(mean: 1)), kind: 0, target: UInt32(i)) }
    for _ in 0..<min(holds / 10, 1_000_000) {
        let e = calendar.next()!
        calendar.schedule(at: e.time + SimDuration(seconds: generator.exponential(mean: 1)), kind: e.kind, target: e.target)
    }
    var checksum = 0.0
    let t = seconds {
        for _ in 0..<holds {
            let e = calendar.next()!
            checksum += e.time.seconds
            calendar.schedule(at: e.time + SimDuration(seconds: generator.exponential(mean: 1)), kind: e.kind, target: e.target)
        }
    }
    var binary = BareBinaryHeap(capacity: pending)
    let bare = bareHold(&binary, pending: pending, holds: holds, push: { $0.push($1) }, pop: { $0.pop() })
    var quaternary = BareQuaternaryHeap(capacity: pending)
    let four = bareHold(&quaternary, pending: pending, holds: holds, push: { $0.push($1) }, pop: { $0.pop() })
    let padded = String(pending).padding(toLength: 8, withPad: " ", startingAt: 0)
    print("hold   pending \(padded) calendar \(rate(Double(holds) / t)) holds/s · bare binary heap \(rate(Double(holds) / bare.seconds)) (calendar at \(ratio(bare.seconds, t))) · bare 4-ary heap \(rate(Double(holds) / four.seconds)) (\(ratio(bare.seconds, four.seconds)) the binary)")
    precondition(abs(checksum - bare.checksum) < 1e-6 * abs(checksum), "the calendar and the bare heap diverged")
}

// MARK: End to end

/// Runs `scenario` through the same path as `headroom run` (Scenario → Simulation → Results),
/// returning the results, the time it took and the allocations it made.
func simulate(_ scenario: Scenario) -> (results: Results, measurements: RunMeasurements, seconds: Double, allocations: UInt64) {
    var results: Results?
    var measurements: RunMeasurements?
    let before = headroom_allocation_count()
    let t = seconds {
        guard let simulation = try? Simulation(scenario: scenario) else { fatalError("benchmark scenario is invalid") }
        let m = simulation.run()
        measurements = m
        results = Results(m, scenario: scenario)
    }
    let allocations = headroom_allocation_count() - before
    return (results!, measurements!, t, allocations)
}

/// Allocations per event in the steady state: the difference between a run and one twice as
/// long, per extra event, so set-up and reporting cancel out.
func steadyAllocations(_ make: (Double) -> Scenario, seconds length: Double) -> (perEvent: Double, rssShort: Double, rssLong: Double) {
    let short = simulate(make(length))
    let rssShort = residentMiB()?.current ?? 0
    let long = simulate(make(2 * length))
    let rssLong = residentMiB()?.current ?? 0
    let events = Double(long.results.events - short.results.events)
    return (Double(Int64(long.allocations) - Int64(short.allocations)) / events, rssShort, rssLong)
}

/// M/M/8 at ρ = 0.9.
func mm8(seconds length: Double) -> Scenario {
    Scenario(
        name: "bench-mm8", seed: 7, duration: .seconds(length), warmup: .zero,
        workload: Workload(arrivals: .poisson, rate: 900, mix: [.init("req", weight: 1)]),
        components: [Component(id: "station", ServicePool(instances: 1, concurrency: 8, serviceTime: .exponential(mean: .milliseconds(8))))],
        routes: [Route(requestClass: "req", steps: [.call(Call("station"))])])
}

func endToEndMM8(customers: Int) {
    let length = Double(customers) / 900
    let run = simulate(mm8(seconds: length))
    let bare = bareMMc(servers: 8, arrivalRate: 900, serviceMean: 0.008, customers: customers)
    let r = run.results
    let theory = QueueingFormulas.mmc(arrivalRate: 900, serviceTime: 0.008, servers: 8)
    let customersPerSecond = Double(r.requests.offered) / run.seconds
    let bareRate = Double(customers) / bare.seconds
    print("mm8    \(r.requests.offered) customers, \(r.events) events: \(rate(customersPerSecond)) customers/s, \(rate(Double(r.events) / run.seconds)) events/s · bare loop \(rate(bareRate)) customers/s · ratio \(String(format: "%.2f", customersPerSecond / bareRate))")
    // The same bare loop drawing by the ziggurat, as the model does: the like-for-like ratio
    // (the line above keeps GSL's sampler in the loop, as every earlier measurement did).
    let zigguratBare = bareMMc(servers: 8, arrivalRate: 900, serviceMean: 0.008, customers: customers, drawing: ZigguratExponential.self)
    let zigguratRate = Double(customers) / zigguratBare.seconds
    print("       bare loop drawing by the ziggurat as the model does: \(rate(zigguratRate)) customers/s · ratio \(String(format: "%.2f", customersPerSecond / zigguratRate))")
    print("       mean wait \(String(format: "%.4f", r.components[0].meanWaitMs)) ms (bare loop \(String(format: "%.4f", bare.meanWait * 1000)) ms, theory \(String(format: "%.4f", theory.meanWait * 1000)) ms)")
    let steady = steadyAllocations(mm8, seconds: length / 4)
    print("       \(String(format: "%.5f", steady.perEvent)) allocations per event in the steady state · RSS \(String(format: "%.1f", steady.rssShort)) MiB after a run, \(String(format: "%.1f", steady.rssLong)) MiB after one twice as long")
}

/// A load balancer in front of 10 app instances × 16 workers with a 2 s timeout, calling a
/// database pool of 2 instances × 24 connections; about 70 % app utilization.
func realistic(seconds length: Double) -> Scenario {
    Scenario(
        name: "bench-realistic", seed: 11, duration: .seconds(length), warmup: .zero,
        workload: Workload(arrivals: .poisson, rate: 15_000, mix: [.init("read", weight: 9), .init("write", weight: 1)]),
        components: [
            Component(id: "lb", LoadBalancer(strategy: .leastConnections, backends: [.init("app")], latency: .constant(.microseconds(200)))),
            Component(id: "app", ServicePool(
                instances: 10, concurrency: 16, queueCapacity: 200, serviceTime: .lognormal(mean: .milliseconds(4), cv: 1),
                timeout: .seconds(2))),
            Component(id: "db", DatabasePool(
                instances: 2, concurrency: 24, serviceTime: .exponential(mean: .milliseconds(2)), timeout: .seconds(2))),
        ],
        routes: [
            Route(requestClass: "read", steps: [.call(Call("lb", then: [.call(Call("db"))]))]),
            Route(requestClass: "write", steps: [.call(Call("lb", then: [.call(Call("db", serviceTime: .exponential(mean: .milliseconds(4))))]))]),
        ])
}

func realisticBenchmark(requests: Int) {
    let length = Double(requests) / 15_000
    let run = simulate(realistic(seconds: length))
    let bare = bareMMc(servers: 8, arrivalRate: 900, serviceMean: 0.008, customers: requests)
    let r = run.results, m = run.measurements
    let requestsPerSecond = Double(r.requests.offered) / run.seconds
    let bareRate = Double(requests) / bare.seconds
    print("real   \(r.requests.offered) requests, \(r.events) events: \(rate(requestsPerSecond)) requests/s, \(rate(Double(r.events) / run.seconds)) events/s · bare M/M/8 loop \(rate(bareRate)) customers/s · ratio \(String(format: "%.2f", requestsPerSecond / bareRate))")
    let app = r.components[1], db = r.components[2]
    print("       app \(String(format: "%.1f", app.utilization * 100)) % utilized, db \(String(format: "%.1f", db.utilization * 100)) %, p99 \(String(format: "%.2f", r.latencyMs?.p99 ?? .nan)) ms · peak \(m.peakRequestsInFlight) requests in flight, peak \(m.peakPendingEvents) pending events (rate × timeout would be \(Int(15_000 * 2 * 2)))")
    let steady = steadyAllocations(realistic, seconds: length / 4)
    print("       \(String(format: "%.5f", steady.perEvent)) allocations per event in the steady state · RSS \(String(format: "%.1f", steady.rssShort)) MiB after a run, \(String(format: "%.1f", steady.rssLong)) MiB after one twice as long")
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
    hold(pending: 100, holds: 20_000_000)
    hold(pending: 10_000, holds: 20_000_000)
    hold(pending: 1_000_000, holds: 10_000_000)
}
if which == "all" || which == "mmc" { endToEndMM8(customers: 10_000_000) }
if which == "all" || which == "realistic" { realisticBenchmark(requests: 5_000_000) }
if which == "all" || which == "datatier" { dataTierBenchmark(requests: 5_000_000) }
if which == "all" || which == "html" { htmlReport(requests: 10_000_000) }
if which == "all" || which == "replications" { replicationSpeedup() }
if which == "validation" { validationTable() }
// For instruction counts under `valgrind --tool=callgrind` (noise-free, unlike time): one side of
// the M/M/8 comparison per process, N customers (or the data tier's model, N requests); the
// difference between two N cancels start-up.
if which == "mm8-model", let n = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) {
    let r = simulate(mm8(seconds: Double(n) / 900)).results
    print("model \(r.requests.offered) customers, \(r.events) events")
}
if which == "datatier-model", let n = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) {
    let r = simulate(dataTier(seconds: Double(n) / 20_000)).results
    print("model \(r.requests.offered) requests, \(r.events) events")
}
if which == "mm8-bare", let n = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) {
    print("bare mean wait \(bareMMc(servers: 8, arrivalRate: 900, serviceMean: 0.008, customers: n).meanWait)")
}

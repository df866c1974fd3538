import Foundation
import HeadroomAnalysis
import HeadroomScenario

/// 4 replications of an M/M/8 at ρ = 0.9 (about 2 M requests each) with one job, then with one
/// job per core: the wall times, the speed-up (target ≥ 1.8× on 2 cores) and whether the results
/// are identical (they must be: each replication is stored at its index, whatever finishes first).
func replicationSpeedup(replications: Int = 4, requestsPerReplication: Double = 2_000_000) {
    let rate = 0.9 * 8 / 0.008
    let scenario = Scenario(
        name: "bench-replications", seed: 11, duration: .seconds(requestsPerReplication / rate), warmup: .seconds(10),
        workload: Workload(arrivals: .poisson, rate: rate, mix: [.init("req", weight: 1)]),
        components: [Component(id: "station", ServicePool(instances: 1, concurrency: 8, serviceTime: .exponential(mean: .milliseconds(8))))],
        routes: [Route(requestClass: "req", steps: [.call(Call("station"))])])
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let plan = ReplicationPlan(scenario: scenario, replications: replications)
    var serial: [ReplicationOutcome] = [], parallel: [ReplicationOutcome] = []
    let oneJob = wallSeconds { serial = ReplicationRunner.run([plan], jobs: 1) }
    let allJobs = wallSeconds { parallel = ReplicationRunner.run([plan], jobs: cores) }
    let identical = serial[0].results == parallel[0].results
    // The speed-up needs the cores to be free: the 1-minute load average says whether they were.
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
    print("replications  \(replications) × \(String(format: "%.0f", requestsPerReplication)) requests  1 job \(String(format: "%.2f", oneJob)) s  \(cores) jobs \(String(format: "%.2f", allJobs)) s  speed-up \(String(format: "%.2f", oneJob / allJobs))× on \(cores) cores  (target ≥ 1.8× on 2)  results identical: \(identical)  load average \(load)")
}

/// Wall-clock seconds `body` takes: a parallel speed-up is about elapsed time, which thread CPU
/// time cannot show.
func wallSeconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

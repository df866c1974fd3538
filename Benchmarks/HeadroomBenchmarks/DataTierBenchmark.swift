import HeadroomAnalysis
import HeadroomModel
import HeadroomScenario

/// The data tier's benchmark: a load balancer → 10 app instances → a cache of keys (Zipf, LRU) →
/// a database with 2 read replicas (writes at the primary, replication lag), 9 reads to 1 write.
func dataTier(seconds length: Double) -> Scenario {
    let keys = KeySpace.zipf(exponent: 0.9, count: 1_000_000)
    return Scenario(
        name: "bench-data-tier", seed: 13, duration: .seconds(length), warmup: .zero,
        workload: Workload(arrivals: .poisson, rate: 20_000, mix: [.init("read", weight: 9), .init("write", weight: 1)]),
        components: [
            Component(id: "lb", LoadBalancer(strategy: .leastConnections, backends: [.init("app")], latency: .constant(.microseconds(200)))),
            Component(id: "app", ServicePool(
                instances: 10, concurrency: 16, queueCapacity: 200, serviceTime: .lognormal(mean: .milliseconds(2), cv: 1),
                timeout: .seconds(2))),
            Component(id: "cache", KeyValueCache(latency: .exponential(mean: .microseconds(300)), capacity: 100_000, ttl: .minutes(5))),
            Component(id: "db", DatabasePool(
                concurrency: 32, serviceTime: .exponential(mean: .milliseconds(2)), timeout: .seconds(2), replicas: 2,
                replicationLag: .exponential(mean: .milliseconds(50)))),
        ],
        routes: [
            Route(requestClass: "read", steps: [.call(Call("lb", then: [.read(Read("cache", miss: [.read(Read("db"))]))]))], keys: keys),
            Route(requestClass: "write", steps: [.call(Call("lb", then: [.write(Write("db")), .write(Write("cache"))]))], keys: keys),
        ])
}

/// Runs the data-tier scenario and prints it beside the bare M/M/8 loop of the same process.
func dataTierBenchmark(requests: Int) {
    let length = Double(requests) / 20_000
    let run = simulate(dataTier(seconds: length))
    let bare = bareMMc(servers: 8, arrivalRate: 900, serviceMean: 0.008, customers: requests)
    let r = run.results
    let requestsPerSecond = Double(r.requests.offered) / run.seconds
    let bareRate = Double(requests) / bare.seconds
    print("data   \(r.requests.offered) requests, \(r.events) events: \(rate(requestsPerSecond)) requests/s, \(rate(Double(r.events) / run.seconds)) events/s · bare M/M/8 loop \(rate(bareRate)) customers/s · ratio \(String(format: "%.2f", requestsPerSecond / bareRate))")
    let hitRatio = r.components[2].figures?["hitRatio"]?.number ?? 0
    let stale = r.components[3].figures?["staleReadFraction"]?.number ?? 0
    print("       app \(String(format: "%.1f", r.components[1].utilization * 100)) % utilized, cache hit ratio \(String(format: "%.1f", hitRatio * 100)) %, stale reads \(String(format: "%.2f", stale * 100)) %, p99 \(String(format: "%.2f", r.latencyMs?.p99 ?? .nan)) ms")
    let steady = steadyAllocations(dataTier, seconds: length / 4)
    print("       \(String(format: "%.5f", steady.perEvent)) allocations per event in the steady state · RSS \(String(format: "%.1f", steady.rssShort)) MiB after a run, \(String(format: "%.1f", steady.rssLong)) MiB after one twice as long")
}

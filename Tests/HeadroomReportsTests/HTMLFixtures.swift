import Foundation
import HeadroomAnalysis
import HeadroomModel
import HeadroomScenario

/// Scenarios, runs and synthetic time series for the HTML report's tests.
enum HTMLFixtures {
    /// Two request classes through a priced balancer, an app pool and a database with storage:
    /// every section of the report has something to show.
    static func scenario(name: String = "shop", seed: UInt64 = 7, duration: Double = 70, rate: Double = 50) -> Scenario {
        Scenario(
            name: name, description: "A small shop.", seed: seed, duration: .seconds(duration), warmup: .seconds(10),
            workload: Workload(arrivals: .poisson, rate: rate, mix: [.init("read", weight: 3), .init("write", weight: 1)]),
            components: [
                Component(id: "lb", LoadBalancer(backends: [.init("app")]), pricing: Pricing(instanceHour: 0.025, egressGB: 0.09)),
                Component(id: "app", ServicePool(instances: 2, concurrency: 4, serviceTime: .exponential(mean: .milliseconds(20))),
                          pricing: Pricing(instanceHour: 0.1)),
                Component(id: "db", DatabasePool(concurrency: 4, serviceTime: .exponential(mean: .milliseconds(5))),
                          pricing: Pricing(instanceHour: 0.2, storageGBMonth: 0.1, storageGB: 50)),
            ],
            routes: [
                Route(requestClass: "read", steps: [.call(Call("lb", then: [.call(Call("db"))]))], responseKB: 10),
                Route(requestClass: "write", steps: [.call(Call("lb", then: [.call(Call("db")), .call(Call("db"))]))], responseKB: 1),
            ])
    }

    /// One run of `scenario`.
    static func run(_ scenario: Scenario, seed: UInt64? = nil) -> Results {
        do { return Results(try Simulation(scenario: scenario, seed: seed).run(), scenario: scenario) } catch { fatalError("\(error)") }
    }

    /// `buckets` buckets of `width` seconds over `components`: offered load rising and falling,
    /// completions lagging, timeouts in buckets 5–7 and rejections in bucket 6, no completion
    /// (a latency gap) in bucket 3, the first `warmupBuckets` flagged as warm-up.
    static func timeSeries(buckets count: Int, width: Double = 10, warmupBuckets: Int = 1, components: [String] = ["lb", "app", "db"]) -> TimeSeries {
        let buckets = (0..<count).map { i -> TimeSeries.Bucket in
            let wave = Double((i * 37) % 17) / 17
            var errors = ErrorCounts()
            if (5...7).contains(i) { errors[.timeout] = 3 * (i - 4) }
            if i == 6 { errors[.rejected] = 4 }
            return TimeSeries.Bucket(
                startSeconds: Double(i) * width, endSeconds: Double(i + 1) * width, warmup: i < warmupBuckets,
                offeredRps: 40 + 20 * wave, completedRps: 38 + 20 * wave,
                errors: errors, latencyMs: i == 3 ? nil : TimeSeries.Percentiles(p50: 20 + 5 * wave, p95: 60 + 10 * wave, p99: 90 + 30 * wave, max: 150 + 40 * wave),
                meanInSystem: 1 + wave)
        }
        let series = components.enumerated().map { k, id in
            TimeSeries.ComponentSeries(
                id: id, utilization: (0..<count).map { Double(($0 + k * 3) % 10) / 12 },
                meanQueueLength: (0..<count).map { Double(($0 * (k + 1)) % 7) / 2 },
                liveInstances: (0..<count).map { $0 < count / 2 ? 2 : 3 },
                throughputRps: (0..<count).map { _ in 40 }, errors: Array(repeating: ErrorCounts(), count: count))
        }
        return TimeSeries(bucketSeconds: width, buckets: buckets, components: series)
    }

    /// Ten minutes in 10 s buckets of a made-up but plausible story, for the sample pages: load
    /// waves around 50 req/s, a burst to ~90 req/s from 4 to 6 min overloads app's two instances
    /// (70 req/s), the queue builds, requests time out and are rejected, and a third instance
    /// arrives at 5 min and drains the backlog.
    static func storyTimeSeries() -> TimeSeries {
        func noise(_ i: Int, _ salt: Double) -> Double {
            let x = sin(Double(i) * 12.9898 + salt * 78.233) * 43_758.5453
            return x - x.rounded(.down) - 0.5
        }
        var backlog = 0.0
        var buckets: [TimeSeries.Bucket] = []
        var app: [(utilization: Double, queue: Double, instances: Double)] = []
        var db: [Double] = []
        for i in 0..<60 {
            let t = Double(i) * 10
            let offered = 50 + 8 * sin(2 * Double.pi * t / 600) + ((240..<360).contains(t) ? 38 : 0) + 4 * noise(i, 1)
            let instances = t >= 300 ? 3.0 : 2.0
            let capacity = 35 * instances
            let served = min(capacity, offered + backlog / 10)
            backlog = max(0, backlog + (offered - served) * 10)
            var errors = ErrorCounts()
            if backlog > 150 { errors[.timeout] = Int((backlog - 150) / 12) }
            if backlog > 300 { errors[.rejected] = Int((backlog - 300) / 8) }
            let warm = i < 6
            let p50 = 18 + backlog * 0.12 + 2 * noise(i, 2) - (warm ? Double(6 - i) : 0)
            let p99 = 85 + backlog * 0.9 + 12 * noise(i, 3)
            buckets.append(TimeSeries.Bucket(
                startSeconds: t, endSeconds: t + 10, warmup: warm, offeredRps: offered,
                completedRps: served - Double(errors.total) / 10, errors: errors,
                latencyMs: TimeSeries.Percentiles(p50: p50, p95: p99 * 0.75, p99: p99, max: p99 * (1.5 + noise(i, 4))),
                meanInSystem: offered * p50 / 1_000 * 1.4 + backlog / 4))
            app.append((min(1, offered / capacity), backlog / 4, instances - (t == 300 ? 0.5 : 0)))
            db.append(0.3 * served / 70 + 0.02 * noise(i, 5))
        }
        return TimeSeries(bucketSeconds: 10, buckets: buckets, components: [
            TimeSeries.ComponentSeries(
                id: "lb", utilization: Array(repeating: 0, count: 60), meanQueueLength: Array(repeating: 0, count: 60),
                liveInstances: Array(repeating: 1, count: 60), throughputRps: buckets.map(\.completedRps), errors: Array(repeating: ErrorCounts(), count: 60)),
            TimeSeries.ComponentSeries(
                id: "app", utilization: app.map(\.utilization), meanQueueLength: app.map(\.queue), liveInstances: app.map(\.instances),
                throughputRps: buckets.map(\.completedRps), errors: buckets.map(\.errors)),
            TimeSeries.ComponentSeries(
                id: "db", utilization: db, meanQueueLength: db.map { $0 > 0.4 ? ($0 - 0.4) * 10 : 0 }, liveInstances: Array(repeating: 1, count: 60),
                throughputRps: buckets.map(\.completedRps), errors: Array(repeating: ErrorCounts(), count: 60)),
        ])
    }

    /// A run of the shop scenario carrying a synthetic time series over its 70 s.
    static func runWithTimeSeries() -> Results {
        var results = run(scenario())
        results.timeseries = timeSeries(buckets: 7)
        return results
    }
}

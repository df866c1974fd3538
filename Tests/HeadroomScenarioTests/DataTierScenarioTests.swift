import Foundation
import Testing

@testable import HeadroomScenario

/// The data tier's kinds and steps in the Swift DSL (the example files, rebuilt in Swift), in
/// `headroom validate`'s sentences, and in the diagnostics of bad input.
@Suite("Data tier: DSL, summaries and diagnostics")
struct DataTierScenarioTests {
    static func example(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: ScenarioDSLTests.root.appendingPathComponent("Scenarios/\(name).json").path)
    }

    @Test("Scenarios/scaling-4-shards.json in Swift: a cache, a connection pool and shards with replicas")
    func shardsInSwift() throws {
        let app = Service("app", instances: 8, concurrency: 64, serviceTime: .exponential(mean: .milliseconds(4)), pricing: Pricing(instanceHour: 0.0832))
        let lb = Balancer("lb", strategy: .leastConnections, latency: .constant(.microseconds(500)), pricing: Pricing(instanceHour: 0.0225)) { app }
        let redis = Cache("redis", latency: .exponential(mean: .microseconds(500)), capacity: 20_000, ttl: .minutes(5), pricing: Pricing(instanceHour: 0.068))
        let db = Shards(
            "db", shards: 4, concurrency: 20, serviceTime: .exponential(mean: .milliseconds(5)), replicas: 1,
            replicationLag: .exponential(mean: .milliseconds(100)), connectionSetup: .milliseconds(50), pricing: Pricing(instanceHour: 0.192))
        let pool = ConnectionPool("pool", database: db, size: 10, waitTimeout: .seconds(1))
        let file = try Self.example("scaling-4-shards")
        let scenario = try Scenario(
            "scaling-4-shards", description: file.description, seed: 7, duration: .minutes(5), warmup: .seconds(30), traffic: .poisson(rate: 2_400)
        ) {
            lb
            app
            redis
            db
            pool
            RequestClass("read", weight: 9, responseKB: 8, keys: .zipf(exponent: 0.9, count: 100_000)) {
                lb.call { redis.read { pool.read() } }
            }
            RequestClass("write", weight: 1, responseKB: 1, keys: .uniform(count: 100_000)) {
                lb.call {
                    pool.write(serviceTime: .exponential(mean: .milliseconds(8)))
                    redis.write()
                }
            }
        }
        #expect(scenario == file)
    }

    @Test("Scenarios/production-architecture.json in Swift: a CDN, a cache and a database with replicas")
    func productionInSwift() throws {
        let cdn = CDN("cdn", latency: .exponential(mean: .milliseconds(15)), hitRatio: 0.95, pricing: Pricing(perMillionRequests: 1.0, egressGB: 0.085))
        let app = Service("app", instances: 3, concurrency: 32, serviceTime: .lognormal(mean: .milliseconds(8), cv: 1), pricing: Pricing(instanceHour: 0.0832))
        let alb = Balancer("alb", strategy: .leastConnections, latency: .constant(.milliseconds(1)), pricing: Pricing(instanceHour: 0.0225)) { app }
        let redis = Cache("redis", latency: .exponential(mean: .microseconds(500)), capacity: 50_000, ttl: .minutes(10), pricing: Pricing(instanceHour: 0.068))
        let mongo = Database(
            "mongo", concurrency: 50, serviceTime: .lognormal(mean: .milliseconds(6), cv: 1.5), replicas: 2,
            replicationLag: .exponential(mean: .milliseconds(50)), readStrategy: .leastConnections, pricing: Pricing(instanceHour: 0.192))
        let file = try Self.example("production-architecture")
        let keys = KeySpace.zipf(exponent: 0.9, count: 200_000)
        let scenario = try Scenario(
            "production-architecture", description: file.description, seed: 3, duration: .minutes(5), warmup: .seconds(30),
            traffic: .poisson(rate: 1_000)
        ) {
            cdn
            alb
            app
            redis
            mongo
            RequestClass("static", weight: 5, responseKB: 40, keys: .zipf(exponent: 1, count: 5_000)) { cdn.read { alb.call() } }
            RequestClass("api-read", weight: 4, responseKB: 4, keys: keys) { alb.call { redis.read { mongo.read() } } }
            RequestClass("api-write", weight: 1, responseKB: 1, keys: keys) {
                alb.call {
                    mongo.write(serviceTime: .lognormal(mean: .milliseconds(10), cv: 1.5))
                    redis.write()
                }
            }
            file.sla!
        }
        #expect(scenario == file)
    }

    @Test("Scenarios/api-gateway-fanout.json in Swift: parallel branches, all of them or a quorum")
    func fanOutInSwift() throws {
        let gateway = Service("gateway", instances: 2, concurrency: 64, serviceTime: .constant(.milliseconds(2)))
        let exponential20 = DistributionSpec.exponential(mean: .milliseconds(20))
        let users = Service("users", instances: 2, concurrency: 16, serviceTime: exponential20)
        let orders = Service("orders", instances: 2, concurrency: 16, serviceTime: exponential20)
        let recommendations = Service("recommendations", instances: 2, concurrency: 16, serviceTime: exponential20)
        let store = Service("store", instances: 3, concurrency: 16, serviceTime: .exponential(mean: .milliseconds(10)))
        let file = try Self.example("api-gateway-fanout")
        let scenario = try Scenario(
            "api-gateway-fanout", description: file.description, seed: 5, duration: .minutes(5), warmup: .seconds(30), traffic: .poisson(rate: 400)
        ) {
            gateway
            users
            orders
            recommendations
            store
            RequestClass("page", weight: 3) { gateway.call { parallel { users.call(); orders.call(); recommendations.call() } } }
            RequestClass("quorum-read", weight: 1) { gateway.call { parallel(need: 2) { store.call(); store.call(); store.call() } } }
        }
        #expect(scenario == file)
    }

    @Test("headroom validate's sentences for the data tier", arguments: [
        (Cache("c", latency: .constant(.microseconds(500)), capacity: 10_000, ttl: .minutes(5), expiry: .sliding, coalescing: .singleFlight,
               onWrite: .update).component,
         "cache, constant latency 500 µs, 10,000 keys, LRU, TTL 5 min (sliding), single flight, writes update entries"),
        (Cache("h", latency: .constant(.milliseconds(1)), concurrency: 100, hitRatio: 0.9, timeout: .seconds(1)).component,
         "cache, constant latency 1 ms, 100 requests at once, hit ratio 90 %, timeout 1 s"),
        (CDN("e", latency: .constant(.milliseconds(15)), capacity: 1, eviction: .fifo).component,
         "CDN, constant latency 15 ms, 1 key, FIFO"),
        (Database("db", concurrency: 10, serviceTime: .constant(.milliseconds(5)), replicas: 2, replicationLag: .exponential(mean: .milliseconds(50)),
                  readStrategy: .leastConnections).component,
         "1 database instance × 10 connections, constant service time 5 ms, unbounded queue, 2 read replicas (least connections), exponential replication lag mean 50 ms"),
        (Database("db", concurrency: 10, serviceTime: .constant(.milliseconds(5)), connectionSetup: .milliseconds(50)).component,
         "1 database instance × 10 connections, constant service time 5 ms, unbounded queue, connection set-up 50 ms"),
        (Shards("s", shards: 4, partitioning: .range, keyCount: 1_000, concurrency: 20, serviceTime: .constant(.milliseconds(4)), replicas: 1).component,
         "4 shards by key range (1,000 keys), each 20 connections, constant service time 4 ms, unbounded queue, 1 read replica per shard (round robin), no replication lag"),
        (ConnectionPool("p", database: Database("db", serviceTime: .constant(.milliseconds(5))), size: 10, waitTimeout: .seconds(1)).component,
         "connection pool to db, 10 connections per calling instance, wait timeout 1 s"),
    ])
    func summaries(_ component: Component, _ expected: String) {
        #expect(component.summary == expected)
    }

    @Test("bad input: each problem a diagnostic with its JSON path")
    func diagnostics() {
        let text = #"""
        {"name": "bad", "duration": "1m", "workload": {"rate": 1, "mix": {"a": 1, "b": 1}},
         "components": [
          {"id": "api", "kind": "service", "serviceTime": "1ms"},
          {"id": "redis", "kind": "cache", "latency": "1ms", "capacity": 0, "ttl": "5m"},
          {"id": "db", "kind": "database", "serviceTime": "1ms", "replicas": 1, "replicationLag": {"dist": "pareto", "scale": "10ms", "shape": 0.8}},
          {"id": "sh", "kind": "shards", "shards": 0, "serviceTime": "1ms"},
          {"id": "c2", "kind": "cache", "latency": "1ms"},
          {"id": "c3", "kind": "cache", "latency": "1ms", "hitRatio": 0.5, "eviction": "fifo"},
          {"id": "r", "kind": "shards", "shards": 2, "partitioning": "range", "serviceTime": "1ms"},
          {"id": "p", "kind": "connectionPool", "database": "api"}
         ],
         "routes": [
          {"class": "a", "keys": {"dist": "zipf", "exponent": -1, "count": 10},
           "steps": [{"parallel": []}, {"read": "db", "miss": [{"call": "api"}]}, {"parallel": [{"call": "api"}], "need": 2}]},
          {"class": "b", "steps": [{"read": "redis"}, {"read": "api"}, {"write": "c3", "extra": 1}]}
         ]}
        """#
        #expect(Fixtures.diagnostics(text) == [
            #"s.json: routes[1].steps[2]: unknown key "extra"; expected one of "write", "serviceTime""#,
        ], "an unknown key stops the file at reading")
        let valid = text.replacingOccurrences(of: #", "extra": 1"#, with: "")
        #expect(Fixtures.diagnostics(valid) == [
            "s.json: components[1].capacity: found 0; expected an integer from 1 to 10,000,000",
            "s.json: components[2].replicationLag.shape: found 0.8; expected a number > 1 (with a shape of 1 or less the mean is infinite)",
            "s.json: components[3].shards: found 0; expected an integer from 1 to 10,000",
            #"s.json: components[4]: missing required key "hitRatio" or "capacity" (hitRatio: a fixed hit probability; capacity: a cache of keys)"#,
            #"s.json: components[5].eviction: found "fifo"; eviction applies to a cache of keys: expected "capacity" beside it"#,
            #"s.json: components[6].partitioning: range partitioning needs a keyCount; expected "keyCount" beside it"#,
            #"s.json: components[7].database: "api" is a service; expected a database or shards"#,
            "s.json: routes[0].steps[0].parallel: found an empty array; expected at least one branch",
            #"s.json: routes[0].steps[1].miss: a miss branch needs a cache or a CDN; "db" is a database"#,
            "s.json: routes[0].steps[2].need: found 2; expected at most the number of branches (1)",
            "s.json: routes[0].keys.exponent: found -1; expected a number >= 0",
            #"s.json: routes[1].steps[0].miss: a read of a cache needs a miss branch: the steps that fetch what it does not hold, such as [{"read": "db"}]"#,
            #"s.json: routes[1].steps[1].read: "api" is a service; expected a database, shards, a cache, a CDN or a connection pool"#,
        ])
    }
}

// The Swift twin of Scenarios/production-architecture.json: the seeds' recommended production
// architecture — a CDN for static assets, a load balancer, app servers, Redis caching API
// responses by key, and a MongoDB replica set — described with the Headroom DSL's data-tier
// declarations. A test checks that `--emit-json` of this program decodes to exactly the scenario
// of the JSON file.
//
//   swift run -c release ProductionArchitecture                      # the text report, as `headroom run` prints it
//   swift run -c release ProductionArchitecture --format json --seed 7
//   swift run -c release ProductionArchitecture --emit-json -        # the scenario as JSON
import Headroom
import HeadroomRunner

ScenarioCommand.main {
    let cdn = CDN(
        "cdn", latency: .exponential(mean: .milliseconds(15)), hitRatio: 0.95,
        pricing: Pricing(perMillionRequests: 1.0, egressGB: 0.085))
    let app = Service(
        "app", instances: 3, concurrency: 32, serviceTime: .lognormal(mean: .milliseconds(8), cv: 1),
        pricing: Pricing(instanceHour: 0.0832))
    let alb = Balancer("alb", strategy: .leastConnections, latency: .constant(.milliseconds(1)), pricing: Pricing(instanceHour: 0.0225)) {
        app
    }
    // Key mode: the hit ratio emerges from the keys the API classes carry, the capacity and the TTL.
    let redis = Cache(
        "redis", latency: .exponential(mean: .microseconds(500)), capacity: 50_000, ttl: .minutes(10),
        pricing: Pricing(instanceHour: 0.068))
    // A primary for writes and two secondaries for reads, each read stale when the key was written
    // less than its drawn replication lag ago.
    let mongo = Database(
        "mongo", concurrency: 50, serviceTime: .lognormal(mean: .milliseconds(6), cv: 1.5), replicas: 2,
        replicationLag: .exponential(mean: .milliseconds(50)), readStrategy: .leastConnections,
        pricing: Pricing(instanceHour: 0.192))
    let apiKeys = KeySpace.zipf(exponent: 0.9, count: 200_000)

    return try Scenario(
        "production-architecture",
        description: "The seeds' recommended production architecture at its target of 1,000 requests/s: a CDN for static assets, "
            + "a load balancer, three app servers, Redis caching API responses, and a MongoDB replica set "
            + "(a primary and two secondaries, reads at the secondaries).",
        seed: 3, duration: .minutes(5), warmup: .seconds(30), traffic: .poisson(rate: 1_000)
    ) {
        cdn
        alb
        app
        redis
        mongo

        RequestClass("static", weight: 5, responseKB: 40, keys: .zipf(exponent: 1.0, count: 5_000)) {
            cdn.read { alb.call() }
        }
        RequestClass("api-read", weight: 4, responseKB: 4, keys: apiKeys) {
            alb.call {
                redis.read { mongo.read() }
            }
        }
        RequestClass("api-write", weight: 1, responseKB: 1, keys: apiKeys) {
            alb.call {
                mongo.write(serviceTime: .lognormal(mean: .milliseconds(10), cv: 1.5))
                redis.write()
            }
        }

        SLA(objectives: [
            Objective(.latency(percentile: 95, max: .milliseconds(200))),
            Objective(.availability(minPercent: 99.9)),
            Objective(.errorRate(maxPercent: 0.1)),
        ])
    }
}

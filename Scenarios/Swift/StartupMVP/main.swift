// The Swift twin of Scenarios/startup-mvp.json: the same scenario, described with the Headroom DSL.
// A test checks that `--emit-json` of this program decodes to exactly the scenario of the JSON file.
//
//   swift run -c release StartupMVP                      # the text report, as `headroom run` prints it
//   swift run -c release StartupMVP --format json --seed 7
//   swift run -c release StartupMVP --emit-json -        # the scenario as JSON
import Headroom
import HeadroomRunner

ScenarioCommand.main {
    // Components are values: routes and balancers refer to them, never to a string id.
    let app = Service(
        "app", instances: 2, concurrency: 8, queueCapacity: 200,
        serviceTime: .lognormal(mean: .milliseconds(12), cv: 1), timeout: .seconds(5),
        pricing: Pricing(instanceHour: 0.0832))
    let db = Database(
        "db", concurrency: 10, queueCapacity: 500,
        serviceTime: .lognormal(median: .milliseconds(2), p99: .milliseconds(25)),
        pricing: Pricing(instanceHour: 0.192, storageGBMonth: 0.115, storageGB: 100))
    let lb = Balancer(
        "lb", strategy: .leastConnections, latency: .constant(.microseconds(500)),
        pricing: Pricing(instanceHour: 0.0225, egressGB: 0.008)
    ) {
        app
    }

    return try Scenario(
        "startup-mvp",
        description: "A startup's first production setup: a load balancer, two app servers and one database. "
            + "Reads are 90 % of traffic; writes do more work in the app and in the database.",
        seed: 42, duration: .minutes(10), warmup: .minutes(1), traffic: .poisson(rate: 300)
    ) {
        lb
        app
        db

        RequestClass("read", weight: 9, responseKB: 20) {
            lb.call { db.call() }
        }
        RequestClass("write", weight: 1, responseKB: 2) {
            lb.call(serviceTime: .lognormal(mean: .milliseconds(20), cv: 1)) {
                db.call(serviceTime: .exponential(mean: .milliseconds(8)))
            }
        }

        SLA(objectives: [
            Objective(.latency(percentile: 95, max: .milliseconds(200))),
            Objective(.latency(percentile: 99, max: .milliseconds(300)), requestClass: "write"),
            Objective(.availability(minPercent: 99.9)),
            Objective(.successRate(minPercent: 99.5)),
            Objective(.throughput(minRps: 290)),
            Objective(.monthlyCost(maxDollars: 500)),
        ])
    }
}

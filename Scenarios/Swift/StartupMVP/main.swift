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
        serviceTime: .lognormal(mean: .milliseconds(12), cv: 1), timeout: .seconds(5))
    let db = Database(
        "db", concurrency: 10, queueCapacity: 500,
        serviceTime: .lognormal(median: .milliseconds(2), p99: .milliseconds(25)))
    let lb = Balancer("lb", strategy: .leastConnections, latency: .constant(.microseconds(500))) {
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

        RequestClass("read", weight: 9) {
            lb.call { db.call() }
        }
        RequestClass("write", weight: 1) {
            lb.call(serviceTime: .lognormal(mean: .milliseconds(20), cv: 1)) {
                db.call(serviceTime: .exponential(mean: .milliseconds(8)))
            }
        }
    }
}

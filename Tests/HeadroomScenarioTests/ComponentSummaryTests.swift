import Testing

@testable import HeadroomScenario

/// Every sentence `headroom validate` prints about a component or a scenario.
@Suite("Component and scenario summaries")
struct ComponentSummaryTests {
    static let lognormal = DistributionSpec.lognormal(mean: .milliseconds(12), cv: 1)

    @Test("services and databases", arguments: [
        (Service("app", instances: 2, concurrency: 8, queueCapacity: 200, serviceTime: lognormal, timeout: .seconds(5)).component,
         "2 service instances × 8 workers, lognormal service time mean 12 ms cv 1, queue 200 per instance, timeout 5 s"),
        (Service("one", serviceTime: .constant(.milliseconds(5))).component,
         "1 service instance × 1 worker, constant service time 5 ms, unbounded queue"),
        (Service("loss", instances: 3, concurrency: 4, queueCapacity: 0, serviceTime: .exponential(mean: .milliseconds(80))).component,
         "3 service instances × 4 workers, exponential service time mean 80 ms, no queue (rejects when every worker is busy)"),
        (Database("db", concurrency: 10, queueCapacity: 500, serviceTime: .lognormal(median: .milliseconds(2), p99: .milliseconds(25))).component,
         "1 database instance × 10 connections, lognormal service time median 2 ms p99 25 ms, queue 500"),
        (Database("one", concurrency: 1, queueCapacity: 0, serviceTime: .erlang(k: 3, mean: .milliseconds(9)), timeout: .minutes(2)).component,
         "1 database instance × 1 connection, Erlang-3 service time mean 9 ms, no queue (rejects when every connection is busy), timeout 2 min"),
    ])
    func pools(_ component: Component, _ expected: String) {
        #expect(component.summary == expected)
    }

    @Test("functions and external APIs", arguments: [
        (Function("fn", serviceTime: lognormal, concurrencyLimit: 200, coldStart: .lognormal(median: .milliseconds(300), p99: .milliseconds(1_200)),
                  memoryMB: 512, timeout: .seconds(10)).component,
         "function, up to 200 concurrent, lognormal execution time mean 12 ms cv 1, lognormal cold start median 300 ms p99 1.2 s, warm for 10 min when idle, 512 MB, timeout 10 s"),
        (Function("plain", serviceTime: .constant(.milliseconds(40))).component,
         "function, up to 1000 concurrent, constant execution time 40 ms, no cold starts, warm for 10 min when idle, 128 MB"),
        (ExternalService("geo", latency: .exponential(mean: .milliseconds(80)), rateLimit: 25, timeout: .seconds(2)).component,
         "external API, exponential latency mean 80 ms, rate limit 25/s (burst 25), timeout 2 s"),
        (ExternalService("free", latency: .constant(.milliseconds(5))).component,
         "external API, constant latency 5 ms, no rate limit"),
    ])
    func functionsAndAPIs(_ component: Component, _ expected: String) {
        #expect(component.summary == expected)
    }

    @Test("load balancers")
    func balancers() {
        let api = Service("api", serviceTime: .constant(.milliseconds(1)))
        let api2 = Service("api2", serviceTime: .constant(.milliseconds(1)))
        let api3 = Database("api3", serviceTime: .constant(.milliseconds(1)))
        #expect(Balancer("lb", strategy: .leastConnections, latency: .constant(.microseconds(500))) { api }.component.summary
            == "load balancer, least connections over api, constant latency 500 µs")
        #expect(Balancer("lb") { api; api2 }.component.summary == "load balancer, round robin over api and api2")
        #expect(Balancer("lb", strategy: .weightedRoundRobin, latency: .exponential(mean: .milliseconds(1))) {
            api
            api2.weight(2)
            api3.weight(0.5)
        }.component.summary
            == "load balancer, weighted round robin over api, api2 (weight 2) and api3 (weight 0.5), exponential latency mean 1 ms")
        #expect(Balancer("lb") {}.component.summary == "load balancer, round robin over no backends")
        #expect(LoadBalancer.Strategy.allCases.map(\.summary)
            == ["round robin", "weighted round robin", "random", "least connections", "power of two choices"])
    }

    @Test("every distribution names the quantity after its name", arguments: [
        (DistributionSpec.constant(.milliseconds(5)), "constant service time 5 ms", "constant 5 ms"),
        (.exponential(mean: .milliseconds(20)), "exponential service time mean 20 ms", "exponential mean 20 ms"),
        (.uniform(min: .microseconds(100), max: .milliseconds(1.5)), "uniform service time 100 µs–1.5 ms", "uniform 100 µs–1.5 ms"),
        (.normal(mean: .milliseconds(10), stddev: .milliseconds(2)), "normal service time mean 10 ms sd 2 ms", "normal mean 10 ms sd 2 ms"),
        (.lognormal(mean: .milliseconds(12), cv: 1.5), "lognormal service time mean 12 ms cv 1.5", "lognormal mean 12 ms cv 1.5"),
        (.lognormal(median: .milliseconds(15), p99: .milliseconds(120)), "lognormal service time median 15 ms p99 120 ms", "lognormal median 15 ms p99 120 ms"),
        (.gamma(shape: 4, mean: .milliseconds(8)), "gamma service time shape 4 mean 8 ms", "gamma shape 4 mean 8 ms"),
        (.erlang(k: 3, mean: .milliseconds(9)), "Erlang-3 service time mean 9 ms", "Erlang-3 mean 9 ms"),
        (.weibull(shape: 0.7, scale: .milliseconds(5)), "Weibull service time shape 0.7 scale 5 ms", "Weibull shape 0.7 scale 5 ms"),
        (.pareto(shape: 2.5, scale: .milliseconds(1)), "Pareto service time shape 2.5 scale 1 ms", "Pareto shape 2.5 scale 1 ms"),
        (.empirical(samples: [.milliseconds(3)]), "empirical service time (1 sample)", "empirical (1 sample)"),
        (.empirical(samples: [.milliseconds(3), .milliseconds(4)]), "empirical service time (2 samples)", "empirical (2 samples)"),
        (.empirical(histogram: [.init(upTo: .milliseconds(5), weight: 1)]), "empirical service time (1-bin histogram)", "empirical (1-bin histogram)"),
    ])
    func distributions(_ spec: DistributionSpec, _ named: String, _ plain: String) {
        #expect(spec.summary(of: "service time") == named)
        #expect(spec.summary == plain)
    }

    @Test("scenarios")
    func scenarios() throws {
        #expect(try ScenarioDSLTests.startupMVP().summary
            == "300 req/s (Poisson) in 2 request classes (read 90 %, write 10 %) over 3 components, 10 min simulated with 60 s warm-up, seed 42")
        let api = Service("api", serviceTime: .constant(.milliseconds(1)))
        let single = try Scenario("one", seed: 7, duration: .hours(2), traffic: .deterministic(rate: 12.5)) {
            RequestClass("get", weight: 3) { api.call() }
        }
        #expect(single.summary == "12.5 req/s (deterministic) in 1 request class (get 100 %) over 1 component, 2 h simulated, seed 7")
        let thirds = try Scenario("thirds", duration: .minutes(1), traffic: .poisson(rate: 1)) {
            RequestClass("a") { api.call() }
            RequestClass("b", weight: 2) { api.call() }
        }
        #expect(thirds.summary == "1 req/s (Poisson) in 2 request classes (a 33.3 %, b 66.7 %) over 1 component, 60 s simulated, seed 1")
    }
}

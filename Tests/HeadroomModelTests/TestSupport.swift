import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// Small builders so each test states only the model it is about.
enum Build {
    static func pool(_ id: String, servers: Int, service: DistributionSpec, instances: Int = 1,
                     queue: Int? = nil, timeout: TimeSpan? = nil, database: Bool = false) -> Component {
        let pool = ServicePool(instances: instances, concurrency: servers, queueCapacity: queue, serviceTime: service, timeout: timeout)
        if database {
            return Component(id: id, DatabasePool(instances: instances, concurrency: servers, queueCapacity: queue, serviceTime: service, timeout: timeout))
        }
        return Component(id: id, pool)
    }

    static func scenario(
        rate: Double, components: [Component], steps: [Step], duration: TimeSpan, warmup: TimeSpan = .zero,
        arrivals: Workload.Arrivals = .poisson, seed: UInt64 = 1, name: String = "test"
    ) -> Scenario {
        Scenario(
            name: name, seed: seed, duration: duration, warmup: warmup,
            workload: Workload(arrivals: arrivals, rate: rate, mix: [.init("req", weight: 1)]),
            components: components, routes: [Route(requestClass: "req", steps: steps)])
    }

    static func call(_ id: String, then: [Step] = [], probability: Double = 1, serviceTime: DistributionSpec? = nil) -> Step {
        .call(Call(id, probability: probability, serviceTime: serviceTime, then: then))
    }

    static func run(_ scenario: Scenario, seed: UInt64? = nil) -> Results {
        do {
            let simulation = try Simulation(scenario: scenario, seed: seed)
            return Results(simulation.run(), scenario: scenario)
        } catch {
            fatalError("test scenario is invalid: \(error)")
        }
    }
}

import HeadroomScenario

/// A load balancer is a router over the instances in rotation of its backend pools; its
/// strategies are in Balancing.swift, its health checks in HealthCheck.swift. It is billed as
/// one instance.
extension LoadBalancer: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        model.fixedFleets.append((c, 1))
    }

    func link(component c: Int, id: String, into model: inout ModelCompiler) {
        let pools = backends.compactMap { backend in model.pool(ofComponentID: backend.component).map { ($0, backend.weight) } }
        model.addRouter(
            component: c, id: id, behaviour: .loadBalancer, strategy: BalancingStrategy(strategy), backends: pools,
            latency: latency)
        healthCheck?.compile(component: c, id: id, pools: pools.map(\.0), into: &model)
    }
}

extension BalancingStrategy {
    init(_ strategy: LoadBalancer.Strategy) {
        switch strategy {
        case .roundRobin: self = .roundRobin
        case .weightedRoundRobin: self = .weightedRoundRobin
        case .random: self = .random
        case .leastConnections: self = .leastConnections
        case .powerOfTwoChoices: self = .powerOfTwoChoices
        }
    }
}

extension Component {
    /// One sentence saying what the component is, for `headroom validate` and reports:
    /// "2 service instances × 8 workers, lognormal service time mean 12 ms cv 1, queue 200 per
    /// instance, timeout 5 s". The id is not included.
    public var summary: String {
        switch spec {
        case let pool as ServicePool: pool.summary(noun: "service", workers: "worker")
        case let pool as DatabasePool: pool.summary(noun: "database", workers: "connection")
        case let balancer as LoadBalancer: balancer.summary
        case let function as ServerlessFunction: function.summary
        case let api as ExternalAPI: api.summary
        default: kind.rawValue
        }
    }
}

extension ServerlessFunction {
    /// "function, up to 200 concurrent, lognormal execution time mean 40 ms cv 0.8, cold start …, idle 10 min, 512 MB".
    var summary: String {
        var parts = ["function, up to \(concurrencyLimit) concurrent", serviceTime.summary(of: "execution time")]
        parts.append(coldStart.map { $0.summary(of: "cold start") } ?? "no cold starts")
        parts.append("warm for \(idleTimeout.humanReadable) when idle")
        parts.append("\(memoryMB) MB")
        if let timeout { parts.append("timeout \(timeout.humanReadable)") }
        return parts.joined(separator: ", ")
    }
}

extension ExternalAPI {
    /// "external API, lognormal latency median 120 ms p99 600 ms, rate limit 25/s (burst 25)".
    var summary: String {
        var parts = ["external API", latency.summary(of: "latency")]
        if let rateLimit { parts.append("rate limit \(TimeSpan.trim(rateLimit))/s (burst \(effectiveBurst))") } else { parts.append("no rate limit") }
        if let timeout { parts.append("timeout \(timeout.humanReadable)") }
        return parts.joined(separator: ", ")
    }
}

extension PoolSpec {
    /// "2 service instances × 8 workers, …": `noun` names the kind, `workers` what a worker is.
    func summary(noun: String, workers: String) -> String {
        var parts = [
            "\(ServicePool.count(instances, "\(noun) instance")) × \(ServicePool.count(concurrency, workers))",
            serviceTime.summary(of: "service time"),
        ]
        switch queueCapacity {
        case nil: parts.append("unbounded queue")
        case 0?: parts.append("no queue (rejects when every \(workers) is busy)")
        case let capacity?: parts.append("queue \(capacity)" + (instances > 1 ? " per instance" : ""))
        }
        if let timeout { parts.append("timeout \(timeout.humanReadable)") }
        return parts.joined(separator: ", ")
    }

}

extension ServicePool {
    /// "1 worker", "8 workers"; `plural` when adding "s" is wrong.
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }
}

extension LoadBalancer {
    /// "load balancer, least connections over app and api2 (weight 2), latency constant 500 µs".
    var summary: String {
        let names = backends.map { $0.weight == 1 ? $0.component : "\($0.component) (weight \(TimeSpan.trim($0.weight)))" }
        var text = "load balancer, \(strategy.summary) over \(Self.list(names))"
        if let latency { text += ", " + latency.summary(of: "latency") }
        return text
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "no backends" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}

extension LoadBalancer.Strategy {
    /// The strategy in words: "round robin", "least connections".
    public var summary: String {
        switch self {
        case .roundRobin: "round robin"
        case .weightedRoundRobin: "weighted round robin"
        case .random: "random"
        case .leastConnections: "least connections"
        case .powerOfTwoChoices: "power of two choices"
        }
    }
}

extension Scenario {
    /// One sentence about the whole scenario: "300 req/s (Poisson) in 2 request classes (read 90 %,
    /// write 10 %) over 3 components, 10 min simulated with 1 min warm-up, seed 42".
    public var summary: String {
        let total = workload.mix.reduce(0) { $0 + $1.weight }
        let shares = workload.mix.map { entry in
            let percent = total > 0 ? (entry.weight / total * 1000).rounded() / 10 : 0
            return "\(entry.requestClass) \(TimeSpan.trim(percent)) %"
        }
        let arrivals = workload.arrivals == .poisson ? "Poisson" : "deterministic"
        var text = "\(TimeSpan.trim(workload.rate)) req/s (\(arrivals)) in "
            + ServicePool.count(routes.count, "request class", plural: "request classes")
        text += " (\(shares.joined(separator: ", "))) over \(ServicePool.count(components.count, "component"))"
        text += ", \(duration.humanReadable) simulated"
        if warmup != .zero { text += " with \(warmup.humanReadable) warm-up" }
        return text + ", seed \(seed)"
    }
}

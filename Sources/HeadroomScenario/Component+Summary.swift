extension Component {
    /// One sentence saying what the component is, for `headroom validate` and reports:
    /// "2 service instances × 8 workers, lognormal service time mean 12 ms cv 1, queue 200 per
    /// instance, timeout 5 s". Each kind declares its own in its descriptor. The id is not included.
    public var summary: String { descriptor.summary(spec) }
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
        var text: String
        if let users = workload.users {
            let think = workload.thinkTime.map { $0.summary(of: "think time") } ?? "no think time"
            text = "\(Wording.count(users, "closed-loop user")) (\(think)) in "
        } else if let shape = workload.shape {
            text = "\(shape.summary(base: workload.rate)) (\(arrivals)) in "
        } else {
            text = "\(TimeSpan.trim(workload.rate)) req/s (\(arrivals)) in "
        }
        text += Wording.count(routes.count, "request class", plural: "request classes")
        text += " (\(shares.joined(separator: ", "))) over \(Wording.count(components.count, "component"))"
        text += ", \(duration.humanReadable) simulated"
        if warmup != .zero { text += " with \(warmup.humanReadable) warm-up" }
        return text + ", seed \(seed)"
    }
}

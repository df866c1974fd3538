import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// A confidence interval for a mean, from independent replications.
public struct ConfidenceInterval: Sendable, Equatable {
    /// The mean of the replication estimates.
    public var mean: Double
    /// Half the interval's width: the interval is mean ± halfWidth.
    public var halfWidth: Double
    /// Coverage, e.g. 0.95.
    public var confidence: Double
    /// Number of replications.
    public var count: Int
    /// The sample standard deviation s of the estimates (what the half-width scales).
    public var standardDeviation: Double = 0

    /// True when `value` lies inside the interval.
    public func contains(_ value: Double) -> Bool { abs(mean - value) <= halfWidth }

    /// The Student-t interval mean ± t_{1−α/2, n−1}·s/√n of `estimates`.
    ///
    /// Observations inside one run are autocorrelated, so σ/√n over them understates the
    /// error; independent replications give independent estimates whose spread is measured.
    public init(estimates: [Double], confidence: Double = 0.95) {
        precondition(estimates.count >= 2, "a confidence interval needs at least two replications")
        let n = Double(estimates.count)
        let mean = estimates.reduce(0, +) / n
        let variance = estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let t = GSL.studentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom: n - 1)
        self.mean = mean
        self.halfWidth = t * (variance / n).squareRoot()
        self.confidence = confidence
        self.count = estimates.count
        self.standardDeviation = variance.squareRoot()
    }
}

/// Independent replications of a scenario: the same model run with different seeds.
public enum Replications {
    /// The seed of replication `k` (0-based): replication 0 uses the scenario's own seed, so one
    /// replication is exactly a plain run.
    public static func seed(_ base: UInt64, replication k: Int) -> UInt64 { base &+ UInt64(k) }

    /// Runs `count` replications and returns their results in order.
    public static func run(_ scenario: Scenario, count: Int, baseSeed: UInt64? = nil) throws(ScenarioError) -> [Results] {
        let base = baseSeed ?? scenario.seed
        var results: [Results] = []
        for k in 0..<count {
            let simulation = try Simulation(scenario: scenario, seed: seed(base, replication: k))
            results.append(Results(simulation.run(), scenario: scenario))
        }
        return results
    }
}

extension Replications {
    /// Runs `count` replications of `scenario` from `baseSeed` and summarises them.
    public static func summary(_ scenario: Scenario, count: Int, baseSeed: UInt64? = nil, confidence: Double = 0.95) throws(ScenarioError) -> ReplicationSummary {
        ReplicationSummary(try run(scenario, count: count, baseSeed: baseSeed), confidence: confidence)
    }
}

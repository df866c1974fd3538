import HeadroomModel
import HeadroomScenario

/// How much more load an architecture carries before an objective fails: its capacity and
/// headroom, and the component that breaks it.
///
/// Every step runs the whole scenario with all arrival rates (base and bursts) scaled by a
/// factor, with the same seed, so steps differ by the load alone (common random numbers). The
/// factor grows (or shrinks) geometrically until the verdict flips, then bisection narrows the
/// boundary to the requested precision.
public struct CapacitySearch: Sendable {
    /// One simulated load level.
    public struct Step: Sendable, Equatable {
        /// Multiple of the scenario's load.
        public var factor: Double
        /// The base arrival rate at this step.
        public var rateRps: Double
        public var completedRps: Double
        public var p95Ms: Double
        public var p99Ms: Double
        public var passed: Bool
        /// Names of the objectives that failed.
        public var failedObjectives: [String]
        /// The most utilized component, and its utilization.
        public var bottleneck: String?
        public var bottleneckUtilization: Double
    }

    /// Every step, in the order run.
    public var steps: [Step]
    /// The largest passing factor found; nil when even the smallest tried failed.
    public var capacityFactor: Double?
    /// The base rate at `capacityFactor`.
    public var capacityRps: Double?
    /// The smallest failing factor found; nil when none failed up to the largest tried.
    public var failingFactor: Double?
    /// The component most utilized at the first failing load above capacity: what broke.
    public var brokenBy: String?
    /// The objectives that failed there.
    public var failedObjectives: [String]
    /// Spare capacity over the scenario's load, in percent (negative: it is over capacity).
    public var headroomPercent: Double? { capacityFactor.map { ($0 - 1) * 100 } }

    /// Searches the capacity of `scenario` run with `seed`.
    ///
    /// - Parameters:
    ///   - growth: the factor between steps before the boundary is bracketed.
    ///   - precision: bisection stops when failing/passing factors are within this relative gap.
    ///   - maximumSteps: a bound on the number of simulations.
    public init(
        scenario: Scenario, seed: UInt64? = nil, growth: Double = 1.5, precision: Double = 0.02, maximumSteps: Int = 40
    ) throws(ScenarioError) {
        var steps: [Step] = []
        var broken: (String?, [String]) = (nil, [])
        func run(_ factor: Double) throws(ScenarioError) -> Step {
            var scaled = scenario
            scaled.workload = scenario.workload.scaled(by: factor)
            let simulation = try Simulation(scenario: scaled, seed: seed)
            let r = Results(simulation.run(), scenario: scaled)
            let top = r.bottlenecks.byUtilization.first
            let step = Step(
                factor: factor, rateRps: scaled.workload.rate, completedRps: r.throughput.completedRps,
                p95Ms: r.latencyMs.p95, p99Ms: r.latencyMs.p99, passed: r.sla.passed,
                failedObjectives: r.sla.failed.map(\.name), bottleneck: top?.id, bottleneckUtilization: top?.value ?? 0)
            steps.append(step)
            return step
        }
        var pass: Double?, fail: Double?
        var failStep: Step?
        let first = try run(1)
        if first.passed { pass = 1 } else { fail = 1; failStep = first }
        // Bracket the boundary: grow while passing, shrink while failing.
        while steps.count < maximumSteps, (pass == nil) != (fail == nil) {
            let factor = pass.map { $0 * growth } ?? (fail ?? 1) / growth
            if factor > 1_000 || factor < 1e-3 { break }
            let step = try run(factor)
            if step.passed { pass = factor } else { fail = factor; failStep = step }
        }
        // Narrow it.
        while steps.count < maximumSteps, let p = pass, let f = fail, f / p - 1 > precision {
            let mid = (p * f).squareRoot()
            let step = try run(mid)
            if step.passed { pass = mid } else { fail = mid; failStep = step }
        }
        if let failStep { broken = (failStep.bottleneck, failStep.failedObjectives) }
        self.steps = steps
        capacityFactor = pass
        capacityRps = pass.map { $0 * scenario.workload.rate }
        failingFactor = fail
        brokenBy = broken.0
        failedObjectives = broken.1
    }
}

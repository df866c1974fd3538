import HeadroomModel
import HeadroomScenario

/// How much more load an architecture carries before an objective fails: its capacity and
/// headroom, and the component that breaks it.
///
/// Every step runs the whole scenario with all arrival rates (base and bursts) scaled by a
/// factor, with the same seed, so steps differ by the load alone (common random numbers). The
/// factor grows (or shrinks) geometrically until the verdict flips, then bisection narrows the
/// boundary to the requested precision.
///
/// The boundary is drawn by the **load-dependent** objectives only — latency, availability,
/// success and error rates (``SLAReport/Verdict/isLoadDependent``). A monthly-cost ceiling
/// fails as load grows by design, and a throughput floor passes only above some load: both are
/// judged at the capacity found and reported beside it (``besideCapacity``), never used as the
/// boundary. The search stops early, saying why (``stoppedEarly``), when nothing completes, when
/// the next step would exceed the run limits, or at its factor and step bounds.
public struct CapacitySearch: Sendable {
    /// One simulated load level.
    public struct Step: Sendable, Equatable {
        /// Multiple of the scenario's load.
        public var factor: Double
        /// The base arrival rate at this step.
        public var rateRps: Double
        /// Requests that arrived in the measured window, and those that completed.
        public var offered: Int
        public var completed: Int
        public var completedRps: Double
        /// Latency percentiles; nil when nothing completed.
        public var p95Ms: Double?
        public var p99Ms: Double?
        /// Every load-dependent objective met: the search's verdict on this load.
        public var passed: Bool
        /// Names of the load-dependent objectives that failed.
        public var failedObjectives: [String]
        /// Names of the other objectives (cost, throughput) that failed: reported, not the boundary.
        public var otherFailedObjectives: [String]
        /// The most utilized component, and its utilization.
        public var bottleneck: String?
        public var bottleneckUtilization: Double
    }

    /// Why a search ended before it bracketed the boundary to its precision.
    public enum Stop: String, Sendable, Equatable {
        /// A step completed no request while no load had passed yet: lowering the load will not help.
        case nothingCompleted
        /// The next step would take more events or memory than the run limits allow.
        case runLimits
        /// The factor reached its bound (×1000 up, ×0.001 down) without the verdict flipping.
        case factorBound
        /// The search ran its maximum number of steps.
        case stepBound
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
    /// The objectives that do not bound the search (cost, throughput), judged at the capacity
    /// found — or at the scenario's own load when none was.
    public var besideCapacity: [SLAReport.Verdict]
    /// Why the search ended early; nil when it bracketed the boundary to its precision.
    public var stoppedEarly: Stop?
    /// What the run limits said about the step not run, when `stoppedEarly` is `.runLimits`.
    public var limitMessage: String?
    /// Whether the scenario's own load (×1) meets every objective, load-dependent or not: the
    /// verdict `headroom run --ramp` exits with.
    public var scenarioLoadPassed: Bool
    /// Spare capacity over the scenario's load, in percent (negative: it is over capacity).
    public var headroomPercent: Double? { capacityFactor.map { ($0 - 1) * 100 } }

    /// Searches the capacity of `scenario` run with `seed`.
    ///
    /// - Parameters:
    ///   - growth: the factor between steps before the boundary is bracketed.
    ///   - precision: bisection stops when failing/passing factors are within this relative gap.
    ///   - maximumSteps: a bound on the number of simulations.
    ///   - limits: no step is run whose ``WorkEstimate`` exceeds them (the first, ×1, is the
    ///     caller's to refuse).
    /// - Throws: ``ScenarioError`` when the scenario is invalid, or has no load-dependent
    ///   objective to search for.
    public init(
        scenario: Scenario, seed: UInt64? = nil, growth: Double = 1.5, precision: Double = 0.02, maximumSteps: Int = 40,
        limits: RunLimits = RunLimits()
    ) throws(ScenarioError) {
        let loadObjectives = scenario.effectiveSLA.objectives.filter { SLAReport.loadDependentMetrics.contains($0.kind.metric) }
        guard !loadObjectives.isEmpty else {
            throw ScenarioError(file: scenario.name, diagnostics: [ScenarioDiagnostic(
                path: "sla.objectives",
                message: "found only \(Set(scenario.effectiveSLA.objectives.map(\.kind.metric)).sorted().joined(separator: " and ")) objectives; "
                    + "--ramp needs one that depends on the load (latency, availability, successRate or errorRate) to find where it breaks")])
        }
        var steps: [Step] = []
        var verdictsAt: [Double: [SLAReport.Verdict]] = [:]
        var stop: Stop?
        var limitMessage: String?
        /// Runs the scenario at `factor`; nil (and `stop` set) when the limits forbid it.
        func run(_ factor: Double) throws(ScenarioError) -> Step? {
            var scaled = scenario
            scaled.workload = scenario.workload.scaled(by: factor)
            if factor != 1, let refusal = WorkEstimate(scaled).refusal(under: limits, scenario: scaled) {
                stop = .runLimits
                limitMessage = "×\(factor): \(refusal)"
                return nil
            }
            let simulation = try Simulation(scenario: scaled, seed: seed)
            let r = Results(simulation.run(), scenario: scaled)
            let top = r.bottlenecks.byUtilization.first
            let load = r.sla.verdicts.filter(\.isLoadDependent), other = r.sla.verdicts.filter { !$0.isLoadDependent }
            let step = Step(
                factor: factor, rateRps: scaled.workload.rate, offered: r.requests.offered, completed: r.requests.completed,
                completedRps: r.throughput.completedRps, p95Ms: r.latencyMs?.p95, p99Ms: r.latencyMs?.p99,
                passed: load.allSatisfy(\.passed), failedObjectives: load.filter { !$0.passed }.map(\.name),
                otherFailedObjectives: other.filter { !$0.passed }.map(\.name), bottleneck: top?.id, bottleneckUtilization: top?.value ?? 0)
            steps.append(step)
            verdictsAt[factor] = r.sla.verdicts
            return step
        }
        var pass: Double?, fail: Double?
        var failStep: Step?
        /// Records a step's verdict; false when the search must stop.
        func record(_ step: Step?, at factor: Double) -> Bool {
            guard let step else { return false }
            if step.passed {
                pass = factor
            } else {
                fail = factor
                failStep = step
                // Nothing completed and no load has passed: a lighter load will not help.
                if step.completed == 0, pass == nil {
                    stop = .nothingCompleted
                    return false
                }
            }
            return true
        }
        var going = record(try run(1), at: 1)
        // Bracket the boundary: grow while passing, shrink while failing.
        while going, (pass == nil) != (fail == nil) {
            guard steps.count < maximumSteps else {
                stop = .stepBound
                break
            }
            let factor = pass.map { $0 * growth } ?? (fail ?? 1) / growth
            if factor > 1_000 || factor < 1e-3 {
                stop = .factorBound
                break
            }
            going = record(try run(factor), at: factor)
        }
        // Narrow it.
        while going, let p = pass, let f = fail, f / p - 1 > precision {
            guard steps.count < maximumSteps else {
                stop = .stepBound
                break
            }
            let mid = (p * f).squareRoot()
            going = record(try run(mid), at: mid)
        }
        self.steps = steps
        capacityFactor = pass
        capacityRps = pass.map { $0 * scenario.workload.rate }
        failingFactor = fail
        brokenBy = failStep?.bottleneck
        failedObjectives = failStep?.failedObjectives ?? []
        besideCapacity = (verdictsAt[pass ?? 1] ?? []).filter { !$0.isLoadDependent }
        stoppedEarly = stop
        self.limitMessage = limitMessage
        scenarioLoadPassed = verdictsAt[1]?.allSatisfy(\.passed) ?? false
    }
}

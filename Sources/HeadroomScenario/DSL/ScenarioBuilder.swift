/// One entry of a scenario described in Swift: a component declaration (``Service``,
/// ``Database``, ``Balancer``, …) or a request class (``RequestClass``).
///
/// New kinds of entry (SLA objectives, cost) conform to this protocol and write themselves into
/// the ``ScenarioDraft``; the builder needs no change.
public protocol ScenarioElement {
    /// Adds this entry to the scenario being built.
    func apply(to draft: inout ScenarioDraft)
}

/// The result builder behind ``Scenario/init(_:description:seed:duration:warmup:timeBucket:traffic:file:_:)``:
/// collects the entries written in its closure, in order, with `if`, `switch` and `for` allowed.
@resultBuilder
public enum ScenarioBuilder {
    /// One entry.
    public static func buildExpression(_ element: some ScenarioElement) -> [any ScenarioElement] { [element] }
    /// Entries already collected (from a helper function returning several).
    public static func buildExpression(_ elements: [any ScenarioElement]) -> [any ScenarioElement] { elements }
    /// The entries of a block, in order.
    public static func buildBlock(_ parts: [any ScenarioElement]...) -> [any ScenarioElement] { parts.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ part: [any ScenarioElement]?) -> [any ScenarioElement] { part ?? [] }
    /// The first branch of an `if`/`else` or `switch`.
    public static func buildEither(first part: [any ScenarioElement]) -> [any ScenarioElement] { part }
    /// The second branch of an `if`/`else` or `switch`.
    public static func buildEither(second part: [any ScenarioElement]) -> [any ScenarioElement] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[any ScenarioElement]]) -> [any ScenarioElement] { parts.flatMap { $0 } }
}

/// A scenario under construction by the Swift DSL: what the entries have added so far.
///
/// Components come first in the order they are listed; a component that is only referred to
/// (called by a route, or a balancer's backend) and never listed is added after them, in the
/// order first referred to — so a reference can never dangle.
public struct ScenarioDraft {
    /// Components listed in the scenario, in order.
    private(set) var listed: [Component] = []
    /// Components referred to by other entries, in order of first reference.
    private(set) var referenced: [Component] = []
    /// The routes, in order.
    private(set) var routes: [Route] = []
    /// The class weights, in the order of the routes.
    private(set) var mix: [Workload.ClassWeight] = []
    /// The objectives, if an ``SLA`` entry was given.
    public var sla: SLA?

    /// An empty draft.
    init() {}

    /// Lists `component` (and the components it refers to).
    public mutating func add(_ component: Component, references: [Component] = []) {
        listed.append(component)
        referenced += references
    }

    /// Adds a request class: its route, its weight in the mix, and the components it calls.
    public mutating func add(_ route: Route, weight: Double, references: [Component]) {
        routes.append(route)
        mix.append(Workload.ClassWeight(route.requestClass, weight: weight))
        referenced += references
    }

    /// Every component: the listed ones, then those only referred to; exact repeats removed.
    var components: [Component] {
        var result: [Component] = []
        for component in listed + referenced where !result.contains(component) { result.append(component) }
        return result
    }
}

extension Scenario {
    /// A scenario described in Swift, checked by ``ScenarioValidator`` exactly as a JSON file is.
    ///
    /// ```swift
    /// let db = Database("db", concurrency: 10, serviceTime: .exponential(mean: .milliseconds(4)))
    /// let scenario = try Scenario("tiny", duration: .minutes(10), traffic: .poisson(rate: 100)) {
    ///     db
    ///     RequestClass("read") { db.call() }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - name: printed in every report (the JSON `name`).
    ///   - description: optional free text.
    ///   - seed: the root of every random stream.
    ///   - duration: simulated time to run, warm-up included.
    ///   - warmup: simulated time at the start that is not measured.
    ///   - timeBucket: the width of one time-series bucket (JSON `timeBucket`); nil: 10 s.
    ///   - traffic: the arrival process and its rate; the class mix comes from the ``RequestClass`` weights.
    ///   - file: names the scenario in diagnostics (the Swift file, by default).
    ///   - content: the components and request classes.
    /// - Throws: ``ScenarioError`` with every problem, each with the JSON path the value would have.
    public init(
        _ name: String, description: String? = nil, seed: UInt64 = 1, duration: TimeSpan, warmup: TimeSpan = .zero,
        timeBucket: TimeSpan? = nil, traffic: Traffic, file: String = #fileID, @ScenarioBuilder _ content: () -> [any ScenarioElement]
    ) throws(ScenarioError) {
        var draft = ScenarioDraft()
        for element in content() { element.apply(to: &draft) }
        self.init(
            name: name, description: description, seed: seed, duration: duration, warmup: warmup,
            workload: Workload(
                arrivals: traffic.arrivals, rate: traffic.rate, mix: draft.mix, bursts: traffic.bursts, shape: traffic.shape,
                users: traffic.users, thinkTime: traffic.thinkTime),
            components: draft.components, routes: draft.routes, sla: draft.sla, timeBucket: timeBucket)
        let problems = ScenarioValidator.validate(self)
        guard problems.isEmpty else { throw ScenarioError(file: file, diagnostics: problems) }
    }
}

/// The open arrival process of a Swift scenario: `.poisson(rate: 300)` or `.deterministic(rate: 50)`.
public struct Traffic: Hashable, Sendable {
    /// How the times between arrivals are distributed.
    public var arrivals: Workload.Arrivals
    /// Mean arrivals per second, over all request classes.
    public var rate: Double
    /// Periods of different traffic (JSON `workload.bursts`).
    public var bursts: [Workload.Burst]
    /// How the rate changes over time (JSON `workload.shape`).
    public var shape: TrafficShape?
    /// Closed-loop users instead of open arrivals (JSON `workload.users`), and their think time.
    public var users: Int?
    public var thinkTime: DistributionSpec?

    /// Arrivals of the given process at `rate` per second, changing by `shape`, with `bursts`.
    public init(_ arrivals: Workload.Arrivals = .poisson, rate: Double, bursts: [Workload.Burst] = [], shape: TrafficShape? = nil) {
        self.arrivals = arrivals
        self.rate = rate
        self.bursts = bursts
        self.shape = shape
    }

    /// Poisson arrivals (exponential gaps, many independent users) at `rate` per second, changing by `shape`.
    public static func poisson(rate: Double, bursts: [Workload.Burst] = [], shape: TrafficShape? = nil) -> Traffic {
        Traffic(.poisson, rate: rate, bursts: bursts, shape: shape)
    }
    /// Arrivals exactly `1/rate` apart (a load generator); with a `shape`, one arrival per unit of its integral.
    public static func deterministic(rate: Double, bursts: [Workload.Burst] = [], shape: TrafficShape? = nil) -> Traffic {
        Traffic(.deterministic, rate: rate, bursts: bursts, shape: shape)
    }
    /// Poisson arrivals at the 24 hourly `rates` (from 0:00), linear in between, every day.
    public static func hourly(_ rates: [Double], bursts: [Workload.Burst] = []) -> Traffic {
        Traffic(.poisson, rate: 0, bursts: bursts, shape: .hourly(rates))
    }
    /// Arrivals replayed from `trace` (``Trace/read(file:format:directory:)``).
    public static func trace(_ trace: Trace) -> Traffic { Traffic(.poisson, rate: 0, shape: .trace(trace)) }
    /// A closed loop of `users`, each sending a request, waiting for its answer, then thinking for `thinkTime`.
    public static func closedLoop(users: Int, thinkTime: DistributionSpec? = nil) -> Traffic {
        var traffic = Traffic(.poisson, rate: 0)
        traffic.users = users
        traffic.thinkTime = thinkTime
        return traffic
    }
}

/// An ``SLA`` written among a Swift scenario's entries sets its objectives (JSON `sla`).
extension SLA: ScenarioElement {
    /// Sets the scenario's objectives.
    public func apply(to draft: inout ScenarioDraft) { draft.sla = self }
}

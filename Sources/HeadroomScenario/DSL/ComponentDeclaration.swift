/// A component declared in a Swift scenario: ``Service``, ``Database`` or ``Balancer``.
///
/// Routes and balancers take declarations, not ids, so a reference cannot dangle: a component
/// that is referred to but not listed in the scenario is added to it. New component kinds are new
/// conforming types.
public protocol ComponentDeclaration: ScenarioElement {
    /// The component, as the JSON format would describe it.
    var component: Component { get }
    /// Components this one refers to (a balancer's backends), to be included in the scenario.
    var references: [Component] { get }
}

extension ComponentDeclaration {
    /// No references.
    public var references: [Component] { [] }

    /// The component's id.
    public var id: String { component.id }

    /// Lists the component, with what it refers to.
    public func apply(to draft: inout ScenarioDraft) { draft.add(component, references: references) }

    /// A synchronous call to this component, as a route step (JSON `{"call": id, ...}`).
    ///
    /// - Parameters:
    ///   - probability: chance that the call happens at all, in (0, 1].
    ///   - serviceTime: this call's own service time, replacing the component's.
    ///   - then: calls made from inside this component while it holds the worker.
    public func call(
        probability: Double = 1, serviceTime: DistributionSpec? = nil, @RouteBuilder then: () -> [RouteStep] = { [] }
    ) -> RouteStep {
        let inner = then()
        let step = Step.call(Call(component.id, probability: probability, serviceTime: serviceTime, then: inner.map(\.step)))
        return RouteStep(step: step, references: [component] + references + inner.flatMap(\.references))
    }
}

/// A declaration that is a station (a ``Service`` or ``Database``): it may be a balancer's backend.
public protocol PoolDeclaration: ComponentDeclaration {}

extension PoolDeclaration {
    /// This pool as a backend of a balancer with a weight (for `.weightedRoundRobin`).
    public func weight(_ weight: Double) -> BackendDeclaration {
        BackendDeclaration(backend: LoadBalancer.Backend(component.id, weight: weight), component: component)
    }
}

/// A pool of application servers (JSON `"kind": "service"`).
public struct Service: PoolDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// `instances` servers with `concurrency` workers each; see ``ServicePool`` for every parameter.
    public init(
        _ id: String, instances: Int = 1, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec,
        timeout: TimeSpan? = nil, pricing: Pricing? = nil
    ) {
        let pool = ServicePool(
            instances: instances, concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime,
            timeout: timeout)
        component = Component(id: id, pool, pricing: pricing)
    }
}

/// A database server (JSON `"kind": "database"`): `concurrency` is its connection limit.
public struct Database: PoolDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// `instances` servers with `concurrency` connections each: a ``Service``'s parameters, as a database.
    public init(
        _ id: String, instances: Int = 1, concurrency: Int = 1, queueCapacity: Int? = nil, serviceTime: DistributionSpec,
        timeout: TimeSpan? = nil, pricing: Pricing? = nil
    ) {
        let pool = DatabasePool(
            instances: instances, concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime,
            timeout: timeout)
        component = Component(id: id, pool, pricing: pricing)
    }
}

/// A load balancer (JSON `"kind": "loadBalancer"`) over the pools listed in its closure.
///
/// ```swift
/// let lb = Balancer("lb", strategy: .weightedRoundRobin, latency: .constant(.milliseconds(1))) {
///     api
///     api2.weight(2)
/// }
/// ```
public struct Balancer: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component
    /// The backend pools.
    public let references: [Component]

    /// A balancer choosing by `strategy` among the instances of `backends`, adding `latency` to each request.
    public init(
        _ id: String, strategy: LoadBalancer.Strategy = .roundRobin, latency: DistributionSpec? = nil, pricing: Pricing? = nil,
        @BackendBuilder backends: () -> [BackendDeclaration]
    ) {
        let declared = backends()
        component = Component(
            id: id, LoadBalancer(strategy: strategy, backends: declared.map(\.backend), latency: latency),
            pricing: pricing)
        references = declared.map(\.component)
    }
}

/// A serverless function (JSON `"kind": "function"`); see ``ServerlessFunction`` for every parameter.
public struct Function: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// A function whose invocations take `serviceTime`, with at most `concurrencyLimit` at once.
    public init(
        _ id: String, serviceTime: DistributionSpec, concurrencyLimit: Int = 1_000, coldStart: DistributionSpec? = nil,
        idleTimeout: TimeSpan = .minutes(10), memoryMB: Int = 128, timeout: TimeSpan? = nil, pricing: Pricing? = nil
    ) {
        let function = ServerlessFunction(
            serviceTime: serviceTime, concurrencyLimit: concurrencyLimit, coldStart: coldStart, idleTimeout: idleTimeout,
            memoryMB: memoryMB, timeout: timeout)
        component = Component(id: id, function, pricing: pricing)
    }
}

/// A third-party API (JSON `"kind": "externalAPI"`); see ``ExternalAPI`` for every parameter.
public struct ExternalService: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// An API answering after `latency`, refusing calls beyond `rateLimit` per second.
    public init(
        _ id: String, latency: DistributionSpec, rateLimit: Double? = nil, burst: Int? = nil, timeout: TimeSpan? = nil,
        pricing: Pricing? = nil
    ) {
        component = Component(
            id: id, ExternalAPI(latency: latency, rateLimit: rateLimit, burst: burst, timeout: timeout),
            pricing: pricing)
    }
}

/// One backend of a ``Balancer``: a pool and its weight.
public struct BackendDeclaration: Hashable, Sendable {
    /// The backend as the JSON format describes it.
    public let backend: LoadBalancer.Backend
    /// The pool.
    public let component: Component
}

/// Collects the backends of a ``Balancer``: pools, optionally with `.weight(_:)`.
@resultBuilder
public enum BackendBuilder {
    /// A pool with weight 1.
    public static func buildExpression(_ pool: some PoolDeclaration) -> [BackendDeclaration] {
        [BackendDeclaration(backend: LoadBalancer.Backend(pool.component.id), component: pool.component)]
    }
    /// A weighted pool.
    public static func buildExpression(_ backend: BackendDeclaration) -> [BackendDeclaration] { [backend] }
    /// Several backends at once.
    public static func buildExpression(_ backends: [BackendDeclaration]) -> [BackendDeclaration] { backends }
    /// The backends of a block, in order.
    public static func buildBlock(_ parts: [BackendDeclaration]...) -> [BackendDeclaration] { parts.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ part: [BackendDeclaration]?) -> [BackendDeclaration] { part ?? [] }
    /// The first branch of an `if`/`else`.
    public static func buildEither(first part: [BackendDeclaration]) -> [BackendDeclaration] { part }
    /// The second branch of an `if`/`else`.
    public static func buildEither(second part: [BackendDeclaration]) -> [BackendDeclaration] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[BackendDeclaration]]) -> [BackendDeclaration] { parts.flatMap { $0 } }
}

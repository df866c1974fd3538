/// A request class of a Swift scenario: its weight in the workload mix, its route, and the keys
/// its requests carry.
///
/// ```swift
/// RequestClass("read", weight: 9, keys: .zipf(exponent: 0.99, count: 100_000)) {
///     lb.call { db.call() }
/// }
/// ```
/// The mix lists the classes in the order they are written. A class of weight 1 alone in its
/// scenario is what a JSON file without `mix` means.
public struct RequestClass: ScenarioElement, Hashable, Sendable {
    /// The route (JSON `routes[i]`).
    public let route: Route
    /// The weight in `workload.mix`.
    public let weight: Double
    /// The components the route calls.
    public let references: [Component]

    /// The class `name`, drawn with relative `weight`, whose requests walk `steps` in order, get
    /// responses of `responseKB` kilobytes and carry keys drawn from `keys` (JSON `routes[i].keys`;
    /// nil: every request carries key 0).
    public init(
        _ name: String, weight: Double = 1, responseKB: Double = 0, keys: KeySpace? = nil, @RouteBuilder steps: () -> [RouteStep]
    ) {
        let built = steps()
        route = Route(requestClass: name, steps: built.map(\.step), responseKB: responseKB, keys: keys)
        self.weight = weight
        references = built.flatMap(\.references)
    }

    /// Adds the route, its weight and the components it calls.
    public func apply(to draft: inout ScenarioDraft) { draft.add(route, weight: weight, references: references) }
}

/// One step of a route built in Swift, with the components it refers to.
///
/// Made by ``ComponentDeclaration/call(probability:serviceTime:then:)``; later step kinds
/// (fan-out, enqueue) will be made by their own functions.
public struct RouteStep: Hashable, Sendable {
    /// The step as the JSON format describes it.
    public let step: Step
    /// Every component the step (and its nested steps) calls.
    public let references: [Component]

    /// A step and the components it refers to.
    public init(step: Step, references: [Component]) {
        self.step = step
        self.references = references
    }
}

/// Collects the steps of a route or of a call's `then`, with `if`, `switch` and `for` allowed.
@resultBuilder
public enum RouteBuilder {
    /// One step.
    public static func buildExpression(_ step: RouteStep) -> [RouteStep] { [step] }
    /// Several steps at once (from a helper function).
    public static func buildExpression(_ steps: [RouteStep]) -> [RouteStep] { steps }
    /// The steps of a block, in order.
    public static func buildBlock(_ parts: [RouteStep]...) -> [RouteStep] { parts.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ part: [RouteStep]?) -> [RouteStep] { part ?? [] }
    /// The first branch of an `if`/`else` or `switch`.
    public static func buildEither(first part: [RouteStep]) -> [RouteStep] { part }
    /// The second branch of an `if`/`else` or `switch`.
    public static func buildEither(second part: [RouteStep]) -> [RouteStep] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[RouteStep]]) -> [RouteStep] { parts.flatMap { $0 } }
}

/// A component declared in a Swift scenario: ``Service``, ``Database``, ``Balancer``,
/// ``Function`` or ``ExternalService``, each declared in its kind's file.
///
/// Routes and balancers take declarations, not ids, so a reference cannot dangle: a component
/// that is referred to but not listed in the scenario is added to it. New component kinds are new
/// conforming types; a call to any of them is ``call(probability:serviceTime:then:)``.
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
}

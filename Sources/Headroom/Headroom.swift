@_exported import HeadroomAdvisor
@_exported import HeadroomAnalysis
@_exported import HeadroomEngine
@_exported import HeadroomModel
@_exported import HeadroomReports
@_exported import HeadroomScenario

/// Runs a scenario once and returns its results: the path `headroom run` takes.
///
/// - Parameters:
///   - scenario: a scenario from JSON (``ScenarioLoader``) or built in Swift.
///   - seed: overrides the scenario's seed when given.
/// - Throws: ``ScenarioError`` when the scenario does not validate.
public func run(_ scenario: Scenario, seed: UInt64? = nil) throws(ScenarioError) -> Results {
    let simulation = try Simulation(scenario: scenario, seed: seed)
    return Results(simulation.run(), scenario: scenario)
}

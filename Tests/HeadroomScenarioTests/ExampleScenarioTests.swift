import Foundation
import Testing

@testable import HeadroomScenario

/// Every example scenario file survives decode → encode → decode unchanged.
@Suite("Example scenarios round trip")
struct ExampleScenarioTests {
    /// The JSON files of Scenarios/, by path from the package root.
    static let examples: [String] = {
        let dir = ScenarioDSLTests.root.appendingPathComponent("Scenarios")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().map { "Scenarios/\($0)" }
    }()

    @Test("there are examples")
    func examplesExist() { #expect(Self.examples.count >= 2) }

    @Test("every example decodes, re-encodes and decodes to an equal scenario", arguments: examples)
    func roundTrip(_ file: String) throws {
        let scenario = try ScenarioLoader.load(path: ScenarioDSLTests.root.appendingPathComponent(file).path)
        let text = ScenarioEncoder.encode(scenario).rendered()
        let again = try ScenarioLoader.decode(text: text, file: file)
        #expect(again == scenario)
        #expect(ScenarioEncoder.encode(again).rendered() == text)
    }
}

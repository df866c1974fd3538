import Testing
import HeadroomAnalysis
import HeadroomModel
import HeadroomReports
import HeadroomScenario

/// A kind's figures with rows (a shard per row) and labels (a class name): the JSON report
/// writes them as an array of objects, and the text report gives each a table of its own.
@Suite("Kind figures with rows")
struct KindFigureRowsTests {
    static func results() -> Results {
        var r = ReportTests.results()
        r.components[2].figures = KindFigures(name: "shards", figures: [
            .init("hottestShare", .ratio(0.625)),
            .init("perShard", .rows([
                [.init("shard", .count(0)), .init("utilization", .ratio(0.5)), .init("throughputRps", .number(12.5, places: 2))],
                [.init("shard", .count(1)), .init("utilization", .ratio(0.25)), .init("throughputRps", .number(7.5, places: 2))],
            ])),
            .init("classes", .rows([
                [.init("class", .label("read")), .init("staleReads", .count(3))],
                [.init("class", .label("profile")), .init("staleReads", .count(12))],
            ])),
        ])
        return r
    }

    @Test("JSON: rows are arrays of objects, labels strings")
    func json() throws {
        let value = try JSONValue.parse(JSONReport.render(Self.results()))
        let shards = try #require(value["components"]?[2]?["shards"])
        #expect(shards["hottestShare"]?.numberValue?.double == 0.625)
        #expect(shards["perShard"]?[1]?["throughputRps"]?.numberValue?.double == 7.5)
        #expect(shards["classes"]?[1]?["class"] == .string("profile"))
        #expect(shards["classes"]?[0]?["staleReads"]?.numberValue?.double == 3)
    }

    @Test("text: a table per kind, then one per figure with rows, labels left-aligned")
    func text() {
        let text = TextReport.render(Self.results())
        #expect(text.contains("""

            Shards figures
              component  hottestShare
              db                62.5%

            db perShard
              shard  utilization  throughputRps
                  0        50.0%          12.50
                  1        25.0%           7.50

            db classes
              class    staleReads
              read              3
              profile          12

            """), "\(text)")
    }
}

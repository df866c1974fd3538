import Foundation
import Testing

@testable import HeadroomAnalysis
@testable import HeadroomReports
import HeadroomModel
import HeadroomScenario

@Suite("HTML report")
struct HTMLReportTests {
    static let provenance = HTMLReport.Provenance(commandLine: ["/usr/local/bin/headroom", "run", "shop.json", "--html", "shop report.html"])

    static func page(_ results: Results, scenario: Scenario = HTMLFixtures.scenario()) -> String {
        HTMLReport.render(results, scenario: scenario, provenance: provenance)
    }

    @Test("the page is well-formed XHTML with a doctype, a title and every section")
    func wellFormed() throws {
        let text = Self.page(HTMLFixtures.runWithTimeSeries())
        #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(text.hasSuffix("</html>\n"))
        let document = try XHTMLDocument(text)
        #expect(document.root.name == "html")
        #expect(document.elements.first { $0.name == "title" }?.text == "shop · Headroom report")
        let sections = document.elements.filter { $0.name == "section" }.compactMap { $0.attributes["id"] }
        #expect(sections == ["verdict", "latency", "over-time", "components", "cost", "scenario"])
    }

    @Test("the checker of well-formedness rejects a page that is not")
    func checkerRejectsIllFormed() {
        #expect(throws: XHTMLDocument.ParseError.self) { try XHTMLDocument("<html><body><p>open</body></html>") }
        #expect(throws: XHTMLDocument.ParseError.self) { try XHTMLDocument("<html><details open><summary>x</summary></details></html>") }
    }

    @Test("the page references nothing outside itself")
    func selfContained() throws {
        for results in [HTMLFixtures.runWithTimeSeries(), HTMLFixtures.run(HTMLFixtures.scenario())] {
            let document = try XHTMLDocument(Self.page(results))
            #expect(document.externalReferences == [])
            // Links inside the page are fine and do exist: the navigation points at the sections.
            let targets = document.elements.compactMap { $0.attributes["href"] }
            #expect(targets.count == 6)
            for target in targets { #expect(document.root.element(id: String(target.dropFirst())) != nil, "\(target)") }
        }
    }

    @Test("the checker of self-containment finds each kind of outside reference", arguments: [
        "<img src=\"http://example.com/a.png\"/>", "<a href=\"https://example.com\">x</a>", "<script>1</script>",
        "<link rel=\"stylesheet\" href=\"a.css\"/>", "<style>@import 'a.css';</style>", "<style>p { background: url(a.png) }</style>",
        "<p style=\"background: url( 'http://x/y.png')\">x</p>", "<svg><image href=\"a.png\"/></svg>",
    ])
    func checkerFindsReferences(_ fragment: String) throws {
        let document = try XHTMLDocument("<html><body>\(fragment)<p style=\"fill: url(#g)\">ok</p></body></html>")
        #expect(!document.externalReferences.isEmpty, "\(fragment)")
    }

    @Test("each chart is there with the series it should show")
    func chartsAndSeries() throws {
        let document = try XHTMLDocument(Self.page(HTMLFixtures.runWithTimeSeries()))
        let expected: [String: [String]] = [
            "latency-percentiles": ["all requests", "read", "write"],
            // Dashed lines (offered, max) are drawn last, on top.
            "throughput": ["completed", "offered"],
            "latency": ["p50", "p99", "max"],
            // The fixture has timeouts and rejections only; causes that never occur are left out.
            "errors": ["timeout", "rejected"],
            "in-system": ["in system"],
            // The balancer has no workers: no utilization, queue or instance line.
            "utilization": ["app", "db"],
            "queue": ["app", "db"],
            "instances": ["app", "db"],
            "utilization-by-component": ["held", "own work"],
            "latency-share": ["share of time"],
            "cost-by-component": ["instance-hours", "egress", "storage"],
            "cost-by-dimension": ["instance-hours", "egress", "storage"],
        ]
        let charts = document.charts
        #expect(Set(charts.keys) == Set(expected.keys))
        for (id, series) in expected {
            #expect(charts[id]?.seriesNames == series, "chart \(id)")
            #expect(charts[id]?.descendants.contains { $0.name == "svg" } == true, "chart \(id) draws")
        }
        // Bar rows: one per component that can saturate, one per component, one per priced component.
        func rows(_ id: String) -> [String] { charts[id]?.descendants.filter { $0.attributes["class"]?.hasPrefix("label") == true }.map(\.text) ?? [] }
        #expect(rows("utilization-by-component") == ["app", "db"])
        #expect(rows("latency-share") == ["lb", "app", "db"])
        #expect(rows("cost-by-component") == ["lb", "app", "db"])
    }

    @Test("the warm-up is shaded on every time-series chart, from 0 to the warm-up's end")
    func warmupShaded() throws {
        let results = HTMLFixtures.runWithTimeSeries()
        let document = try XHTMLDocument(Self.page(results))
        for id in ["throughput", "latency", "errors", "in-system", "utilization", "queue", "instances"] {
            let shades = document.charts[id]?.descendants.filter { $0.attributes["class"] == "shade" } ?? []
            #expect(shades.count == 1, "chart \(id)")
            // 70 s across the 496-unit plot from x = 52: the 10 s warm-up is 496 / 7 wide.
            #expect(shades.first?.attributes["x"] == "52", "chart \(id)")
            #expect(shades.first?.attributes["width"] == "70.9", "chart \(id)")
        }
    }

    @Test("with no time buckets, the section says so and draws no axes")
    func emptyTimeSeries() throws {
        var results = HTMLFixtures.run(HTMLFixtures.scenario())
        results.timeseries = TimeSeries(bucketSeconds: 10, buckets: [], components: [])
        let document = try XHTMLDocument(Self.page(results))
        let section = try #require(document.root.element(id: "over-time"))
        #expect(!section.descendants.contains { $0.name == "svg" })
        #expect(section.allText.contains("This run recorded no time buckets, so there is nothing to plot over time."))
    }

    @Test("a chart with nothing to show says so instead of drawing empty axes")
    func emptyChart() throws {
        var results = HTMLFixtures.runWithTimeSeries()
        for i in results.timeseries.buckets.indices { results.timeseries.buckets[i].errors = ErrorCounts() }
        let document = try XHTMLDocument(Self.page(results))
        let errors = try #require(document.charts["errors"])
        #expect(!errors.descendants.contains { $0.name == "svg" })
        #expect(errors.allText.contains("No request ended in an error."))
    }

    @Test("the same results give the same bytes; two runs of one scenario and seed too")
    func deterministic() {
        let scenario = HTMLFixtures.scenario()
        let a = Self.page(HTMLFixtures.run(scenario), scenario: scenario)
        let b = Self.page(HTMLFixtures.run(scenario), scenario: scenario)
        #expect(a == b)
        let other = Self.page(HTMLFixtures.run(scenario, seed: 8), scenario: scenario)
        #expect(a != other)
    }

    @Test("the scenario JSON in the page, run again, gives the same results")
    func scenarioReproduces() throws {
        let scenario = HTMLFixtures.scenario()
        let results = HTMLFixtures.run(scenario, seed: 99)
        let document = try XHTMLDocument(Self.page(results, scenario: scenario))
        let json = try #require(document.elements.first { $0.name == "pre" }).text
        let reloaded = try ScenarioLoader.decode(text: json, file: "page.json")
        #expect(reloaded.seed == 99)
        #expect(HTMLFixtures.run(reloaded) == results)
    }

    @Test("text from the scenario is escaped: markup in a name stays text, control characters are replaced")
    func escaping() throws {
        let scenario = HTMLFixtures.scenario(name: "<script>alert('x')</script> & \"co\"\u{1B}[31m")
        let document = try XHTMLDocument(Self.page(HTMLFixtures.run(scenario), scenario: scenario))
        #expect(!document.elements.contains { $0.name == "script" })
        let title = try #require(document.elements.first { $0.name == "h1" })
        #expect(title.text == "<script>alert('x')</script> & \"co\"\u{FFFD}[31m")
    }

    @Test("the provenance prints the command as a shell takes it back, with the program's name only")
    func provenance() throws {
        #expect(Self.provenance.command == "headroom run shop.json --html 'shop report.html'")
        #expect(HTMLReport.Provenance(commandLine: ["h", "it's"]).command == "h 'it'\\''s'")
        let document = try XHTMLDocument(Self.page(HTMLFixtures.run(HTMLFixtures.scenario())))
        let scenario = try #require(document.root.element(id: "scenario"))
        #expect(scenario.allText.contains("headroom run shop.json --html 'shop report.html'"))
        #expect(scenario.allText.contains("0.1.0"))
    }

    @Test("nothing completed: no latency chart, a sentence instead")
    func nothingCompleted() throws {
        var scenario = HTMLFixtures.scenario()
        scenario.components[1] = Component(id: "app", ServicePool(instances: 1, concurrency: 1, serviceTime: .constant(.hours(1))))
        let results = HTMLFixtures.run(scenario)
        #expect(results.requests.completed == 0)
        let document = try XHTMLDocument(Self.page(results, scenario: scenario))
        #expect(document.charts["latency-percentiles"] == nil)
        #expect(document.root.element(id: "latency")?.allText.contains("No request completed in the measured window") == true)
    }
}

/// Writes sample pages to the folder named by HEADROOM_HTML_SAMPLES, for looking at them in a
/// browser (and for docs/images/report-over-time.png; see docs/reports.md). Off otherwise.
@Suite("HTML report samples", .enabled(if: ProcessInfo.processInfo.environment["HEADROOM_HTML_SAMPLES"] != nil))
struct HTMLReportSamples {
    @Test("write the sample pages")
    func write() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HEADROOM_HTML_SAMPLES"] ?? ".")
        var scenario = HTMLFixtures.scenario(duration: 600)
        scenario.warmup = .seconds(60)
        var results = HTMLFixtures.run(scenario)
        results.timeseries = HTMLFixtures.storyTimeSeries()
        let provenance = HTMLReport.Provenance(commandLine: ["headroom", "(synthetic time series)"])
        try HTMLReport.render(results, scenario: scenario, provenance: provenance)
            .write(to: folder.appendingPathComponent("over-time.html"), atomically: true, encoding: .utf8)
        // The over-time section alone, for its screenshot.
        let section = Page(results: results, summary: nil, scenario: scenario, provenance: provenance).timeSeriesSection()
        try "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><style>\(HTMLStyle.css)</style></head><body><main>\(section)</main></body></html>\n"
            .write(to: folder.appendingPathComponent("over-time-section.html"), atomically: true, encoding: .utf8)
        let replications = try Replications.run(HTMLFixtures.scenario(duration: 120), count: 5)
        try HTMLReport.render(ReplicationSummary(replications), detail: replications[0], scenario: scenario, provenance: provenance)
            .write(to: folder.appendingPathComponent("replications.html"), atomically: true, encoding: .utf8)
    }
}

import Foundation
import Testing

@testable import HeadroomAnalysis
@testable import HeadroomReports
import HeadroomModel
import HeadroomScenario

@Suite("HTML report: verdicts, replications, thinning, scales")
struct HTMLPartsTests {
    static func objective(_ name: String, _ status: ObjectiveVerdict.Status, measured: Double = 150, halfWidth: Double? = 20) -> ObjectiveVerdict {
        ObjectiveVerdict(name: name, unit: "ms", bound: .max, target: 160, measured: measured, halfWidth: halfWidth, status: status, note: "met in 3 of 5 replications")
    }

    @Test("a set of verdicts fails on any failure, else is inconclusive on any inconclusive one, else passes", arguments: [
        ([ObjectiveVerdict.Status](), ObjectiveVerdict.Status.pass), ([.pass, .pass], .pass), ([.pass, .inconclusive], .inconclusive),
        ([.inconclusive, .fail, .pass], .fail), ([.fail], .fail),
    ])
    func overall(_ statuses: [ObjectiveVerdict.Status], _ expected: ObjectiveVerdict.Status) {
        #expect(ObjectiveVerdict.overall(statuses.map { Self.objective("x", $0) }) == expected)
    }

    @Test("an inconclusive objective is shown as such: the badge, the row, the section and the sentence")
    func inconclusive() throws {
        let html = Page.verdictSection([Self.objective("p99 latency", .inconclusive), Self.objective("p95 latency", .pass, measured: 100)], source: .scenario, figures: "")
        let document = try XHTMLDocument("<html>" + html + "</html>")
        let section = try #require(document.root.element(id: "verdict"))
        #expect(section.attributes["class"] == "verdict inconclusive")
        let badges = section.descendants.filter { $0.attributes["class"]?.hasPrefix("badge") == true }.map(\.text)
        #expect(badges == ["INCONCLUSIVE", "INCONCLUSIVE", "PASS"])
        #expect(section.allText.contains("1 of 2 objectives inconclusive: the confidence interval straddles the target; run more replications."))
        let rows = section.descendants.filter { $0.name == "tr" }.compactMap { $0.attributes["class"] }
        #expect(rows == ["inconclusive", "pass"])
        #expect(section.allText.contains("150.0 ms ± 20.00 ms"))
        #expect(section.allText.contains("met in 3 of 5 replications"))
    }

    @Test("the gauge puts the target in the middle and the measurement on its side", arguments: [
        (SLAReport.Bound.max, 100.0), (.max, 200), (.min, 200), (.min, 100),
    ])
    func gauge(_ bound: SLAReport.Bound, _ measured: Double) throws {
        let leftOfTarget = measured < 150
        let o = ObjectiveVerdict(name: "x", unit: "ms", bound: bound, target: 150, measured: measured, halfWidth: nil, status: .pass, note: nil)
        let svg = try XHTMLDocument(Page.gauge(o)).root
        let dot = try #require(svg.descendants.first { $0.name == "circle" })
        let cx = try #require(Double(dot.attributes["cx"] ?? ""))
        #expect(svg.descendants.first { $0.attributes["class"] == "target" }?.attributes["d"] == "M75 1V17")
        #expect(leftOfTarget ? cx < 75 : cx > 75)
        // The good side: left of the target for an upper bound, right of it for a lower bound.
        #expect(svg.descendants.first { $0.attributes["class"] == "good-side" }?.attributes["x"] == (bound == .max ? "0" : "75"))
    }

    @Test("replications: bands on the latency chart, error bars on utilization, the metric table and the seeds")
    func replications() throws {
        let scenario = HTMLFixtures.scenario(duration: 40)
        let results = try Replications.run(scenario, count: 3)
        let summary = ReplicationSummary(results)
        let text = HTMLReport.render(summary, detail: results[0], scenario: scenario, provenance: .init(commandLine: ["headroom"]))
        let document = try XHTMLDocument(text)
        #expect(document.externalReferences == [])
        let latency = try #require(document.charts["latency-percentiles"])
        #expect(latency.seriesNames == ["all requests", "read", "write"])
        #expect(latency.bandNames == ["all requests", "read", "write"])
        #expect(document.charts["utilization-by-component"]?.bandNames == ["app", "db"])
        #expect(document.root.element(id: "replications") != nil)
        #expect(document.elements.first { $0.attributes["class"] == "meta" }?.text.hasPrefix("3 replications, seeds 7…9") == true)
        #expect(document.root.element(id: "components")?.allText.contains("From replication 1 of 3 (seed 7).") == true)
        let rows = document.root.element(id: "verdict")?.descendants.filter { $0.name == "tr" }.count
        #expect(rows == summary.verdicts.count + 1)
    }

    @Test("thinning merges runs of buckets: time-weighted means, summed errors, the highest latency, warm-up if any")
    func thinning() {
        var errors = ErrorCounts()
        errors[.timeout] = 2
        let buckets = [(0.0, 10.0, 100.0, true), (10, 20, 200, false), (20, 25, 400, false), (25, 35, 50, false), (35, 45, 150, false)].map { start, end, rps, warm in
            TimeSeries.Bucket(
                startSeconds: start, endSeconds: end, warmup: warm, offeredRps: rps, completedRps: rps / 2, errors: errors,
                latencyMs: TimeSeries.Percentiles(p50: rps / 10, p95: rps / 5, p99: rps / 4, max: rps), meanInSystem: rps / 100)
        }
        let component = TimeSeries.ComponentSeries(
            id: "app", utilization: [0.1, 0.2, 0.4, 0.5, 0.3], meanQueueLength: [1, 2, 4, 0, 0], liveInstances: [2, 2, 4, 1, 1],
            throughputRps: [10, 20, 40, 5, 5], errors: Array(repeating: errors, count: 5))
        let (thinned, k) = TimeSeries(bucketSeconds: 10, buckets: buckets, components: [component]).thinned(toAtMost: 2)
        #expect(k == 3)
        #expect(thinned.buckets.count == 2)
        let first = thinned.buckets[0]
        #expect(first.startSeconds == 0 && first.endSeconds == 25 && first.warmup)
        // (100·10 + 200·10 + 400·5) / 25 = 200 req/s.
        #expect(first.offeredRps == 200)
        #expect(first.completedRps == 100)
        #expect(first.errors[.timeout] == 6)
        #expect(first.latencyMs == TimeSeries.Percentiles(p50: 40, p95: 80, p99: 100, max: 400))
        // (50·10 + 150·10) / 20 = 100 req/s.
        #expect(thinned.buckets[1].offeredRps == 100 && !thinned.buckets[1].warmup)
        // (0.1·10 + 0.2·10 + 0.4·5) / 25 = 0.2; instances (2·10 + 2·10 + 4·5) / 25 = 2.4.
        #expect(abs(thinned.components[0].utilization[0] - 0.2) < 1e-12)
        #expect(abs(thinned.components[0].liveInstances[0] - 2.4) < 1e-12)
        #expect(thinned.components[0].errors[0][.timeout] == 6)
        #expect(TimeSeries(bucketSeconds: 10, buckets: buckets, components: [component]).thinned(toAtMost: 5).bucketsPerPoint == 1)
    }

    @Test("a long run is drawn with at most 600 points a line and its page stays under 2 MB")
    func largeTimeSeries() throws {
        var results = HTMLFixtures.run(HTMLFixtures.scenario())
        // A day in 10 s buckets (8,640) over 12 components.
        let ids = (0..<12).map { "c\($0)" }
        results.timeseries = HTMLFixtures.timeSeries(buckets: 8_640, components: ids)
        results.components = ids.map { id in
            var c = results.components[1]
            c.id = id
            return c
        }
        let text = HTMLReport.render(results, scenario: HTMLFixtures.scenario(), provenance: .init(commandLine: ["headroom"]))
        #expect(text.utf8.count < 2_000_000)
        let document = try XHTMLDocument(text)
        let path = try #require(document.charts["throughput"]?.descendants.first { $0.attributes["data-series"] == "offered" })
        let points = (path.attributes["d"] ?? "").filter { $0 == "M" || $0 == "L" }.count
        #expect(points == 8_640 / 15)
        #expect(document.charts["utilization"]?.seriesNames == ids)
        #expect(document.root.element(id: "over-time")?.allText.contains("8,640 buckets of 10 s, shown 15 to a point") == true)
    }

    @Test("nice ticks: round steps from zero that cover the maximum", arguments: [
        (1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1]), (403.2, [0, 100, 200, 300, 400, 500]), (73.66, [0, 20, 40, 60, 80]), (0, [0, 1]),
        (9, [0, 2, 4, 6, 8, 10]), (100, [0, 20, 40, 60, 80, 100]), (0.013, [0, 0.005, 0.01, 0.015]), (12_345, [0, 2_500, 5_000, 7_500, 10_000, 12_500]),
    ] as [(Double, [Double])])
    func niceTicks(_ maximum: Double, _ expected: [Double]) {
        #expect(ChartScale.niceTicks(upTo: maximum) == expected)
    }

    @Test("time ticks: round steps of simulated time", arguments: [
        (0.0, 600.0, [0.0, 120, 240, 360, 480, 600]), (0, 70, [0, 10, 20, 30, 40, 50, 60, 70]), (0, 86_400, [0, 10_800, 21_600, 32_400, 43_200, 54_000, 64_800, 75_600, 86_400]), (30, 100, [30, 40, 50, 60, 70, 80, 90, 100]),
    ] as [(Double, Double, [Double])])
    func timeTicks(_ start: Double, _ end: Double, _ expected: [Double]) {
        #expect(ChartScale.timeTicks(from: start, to: end) == expected)
    }

    @Test("the percentile axis spaces 0, 90, 99, 99.9 and 99.99 evenly")
    func percentileAxis() {
        let x = ChartScale(kind: .percentile, domain: (0, 99.99), range: (0, 400))
        for (p, expected) in [(0.0, 0.0), (90, 100), (99, 200), (99.9, 300), (99.99, 400)] {
            #expect(abs(x(p) - expected) < 1e-6, "p\(p)")
        }
        #expect(abs(x(50) - 400 * log10(2) / 4) < 1e-6)
    }

    @Test("markup: escaping, coordinates, fixed decimals, counts and ticks")
    func markup() {
        #expect(Markup.escape("a<b>&\"c'\u{7}\t") == "a&lt;b&gt;&amp;&quot;c&#39;\u{FFFD}\t")
        #expect(Markup.escape("plain") == "plain")
        #expect(Markup.escape("\u{FFFF}a\nb\u{0}") == "\u{FFFD}a\nb\u{FFFD}")
        #expect(Markup.coordinate(12.04) == "12" && Markup.coordinate(12.06) == "12.1" && Markup.coordinate(-0.04) == "0")
        #expect(Markup.coordinate(-3.25) == "-3.3" && Markup.coordinate(.nan) == "0")
        #expect(Markup.fixed(2.005, 2) == "2.01" || Markup.fixed(2.005, 2) == "2.00")
        #expect(Markup.fixed(-0.0001, 2) == "0.00" && Markup.fixed(-1.5, 1) == "−1.5" && Markup.fixed(3, 3) == "3.000")
        #expect(Markup.count(162_669) == "162,669" && Markup.count(999) == "999" && Markup.count(-1_000) == "−1,000")
        #expect(Markup.tick(2.5) == "2.5" && Markup.tick(0.125) == "0.125" && Markup.tick(200) == "200" && Markup.tick(12_000) == "12,000")
        // Absurd magnitudes print instead of trapping on an Int conversion.
        #expect(Markup.rate(1e300).hasSuffix(".0") && Markup.tick(1e300).count > 300 && Markup.clock(1e300).hasSuffix("s"))
        #expect(Markup.coordinate(1e300) == "1000000000000")
        #expect(Markup.dollars(532_939.354) == "$532,939.35" && Markup.dollars(-512_939.35) == "−$512,939.35" && Markup.dollars(0.55481) == "$0.5548")
        #expect(Markup.dollars(-0.001) == "−$0.0010" && Markup.dollars(-0.00001) == "$0.0000" && Markup.dollars(999.999) == "$1,000.00")
        #expect(Markup.clock(90) == "1m30s" && Markup.clock(3_600) == "1h" && Markup.clock(45) == "45s" && Markup.clock(5_400) == "1h30m")
    }
}

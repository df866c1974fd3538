import Foundation
import Headroom
import Testing

/// `--html FILE`, end to end: the built binary writes the page, and `scripts/check-html.py`
/// (Python's XML parser, sharing no code with the renderer) judges it.
@Suite("headroom run --html, end to end", .serialized)
struct HTMLReportCommandTests {
    /// Runs `scripts/check-html.py --charts` on `file`: its exit status, each chart's series, and its complaints.
    static func check(_ file: URL) throws -> (status: Int32, charts: [String: [String]], stderr: String) {
        let process = try CLI.run(["python3", "scripts/check-html.py", "--charts", file.path], executable: URL(fileURLWithPath: "/usr/bin/env"))
        var charts: [String: [String]] = [:]
        for line in process.stdout.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
            charts[parts[0]] = parts.count > 1 ? parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
        }
        return (process.status, charts, process.stderr)
    }

    @Test("the checker script fails pages that are ill-formed or reach outside", arguments: [
        "<html><body><p>open</body></html>", "<html><body><img src=\"https://example.com/a.png\"/></body></html>",
        "<html><head><style>@import 'x.css';</style></head></html>", "<html><body><a href=\"http://example.com\">x</a></body></html>",
        "<html><body><p onclick=\"x()\">x</p></body></html>", "<svg><image href=\"a.png\"/></svg>",
    ])
    func checkerFails(_ page: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.check(file)
        #expect(result.status == 1, "\(page)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("--html writes the page besides the usual report, atomically; the page passes the checker")
    func writesPage() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        let result = try CLI.run(["run", "Scenarios/startup-mvp.json", "--html", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        try CLI.expectGolden(result.stdout, "startup-mvp.txt")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.html"])
        let check = try Self.check(page)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.charts["latency-percentiles"] == ["all requests", "read", "write"])
        #expect(check.charts["cost-by-dimension"] == ["instance-hours", "egress", "storage"])
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.contains("<code>headroom run Scenarios/startup-mvp.json --html \(page.path)</code>"))
        #expect(!text.contains("This run recorded no time buckets"), "the run's own time series is drawn")
    }

    @Test("the page shows each kind's own figures and timelines, as the text report does")
    func kindFigures() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        let result = try CLI.run(["run", "Scenarios/zone-failure.json", "--html", page.path])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(try Self.check(page).status == 0)
        let text = try String(contentsOf: page, encoding: .utf8)
        // The balancer's health-check figures, its timeline of the two instances leaving and
        // rejoining rotation, and the crash's own table and timeline.
        #expect(text.contains("<caption>HealthCheck</caption>"))
        #expect(text.contains("<th class=\"num\">detectionMsMean</th>"))
        #expect(text.contains("<caption>lb · timeline</caption>"))
        #expect(text.components(separatedBy: "<td>unhealthy</td>").count - 1 == 2)
        #expect(text.components(separatedBy: "<td>healthy</td>").count - 1 == 2)
        #expect(text.contains("<caption>Crash</caption>"))
        #expect(text.contains("<caption>lose-zone-b · timeline</caption>"))
    }

    @Test("the same command gives the same bytes; another seed another page")
    func deterministic() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        var pages: [String] = []
        for seed in ["7", "7", "8"] {
            let result = try CLI.run(["run", "Scenarios/startup-mvp.json", "--seed", seed, "--html", page.path])
            #expect(result.status == 0)
            pages.append(try String(contentsOf: page, encoding: .utf8))
        }
        #expect(pages[0] == pages[1])
        #expect(pages[0] != pages[2])
    }

    @Test("every example's page renders: well-formed, self-contained, a latency line per class", arguments: RunCommandTests.examples)
    func examples(_ file: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        let result = try CLI.run(["run", "Scenarios/\(file)", "--format", "json", "--html", page.path])
        #expect(result.status == 0 || result.status == 3, "\(result.stderr)")
        let check = try Self.check(page)
        #expect(check.status == 0, "\(file): \(check.stderr)")
        // One latency line for all requests, and one per class when there are several (read from the file).
        let scenario = try JSONValue.parse(try String(contentsOf: CLI.root.appendingPathComponent("Scenarios/\(file)"), encoding: .utf8))
        let classes = scenario["routes"]?.arrayValue?.compactMap { $0["class"]?.stringValue } ?? []
        #expect(check.charts["latency-percentiles"] == ["all requests"] + (classes.count > 1 ? classes : []), "\(file)")
        #expect(check.charts["latency-share"] == ["share of time"], "\(file)")
        // The verdict the page leads with is the JSON report's.
        let passed = result.stdout.contains("\"sla\": {\n    \"passed\": true")
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.contains(passed ? "<section id=\"verdict\" class=\"verdict pass\">" : "<section id=\"verdict\" class=\"verdict fail\">"), "\(file)")
    }

    @Test("a run that misses its SLA still writes its page, then exits 3")
    func slaFailure() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("paid.html")
        let result = try CLI.run(["run", "Scenarios/paid-api.json", "--html", page.path])
        #expect(result.status == 3)
        #expect(try String(contentsOf: page, encoding: .utf8).contains("<span class=\"badge big fail\">FAIL</span>"))
    }

    @Test("--replications with --html: the page has the replications, bands on the latency chart")
    func replications() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        let result = try CLI.run(["run", "Scenarios/startup-mvp.json", "--replications", "3", "--duration", "2m", "--warmup", "20s", "--html", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("startup-mvp · 3 replications"))
        #expect(try Self.check(page).status == 0)
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.contains("<section id=\"replications\">"))
        #expect(text.contains("data-band=\"all requests\""))
        #expect(text.contains("3 replications, seeds 42…44"))
    }

    @Test("--html misuse: with --ramp it is bad input (exit 2); an unwritable path is a failure (exit 1)")
    func misuse() throws {
        let ramp = try CLI.run(["run", "Scenarios/startup-mvp.json", "--ramp", "--html", "x.html"])
        #expect(ramp.status == 2)
        #expect(ramp.stderr.hasPrefix("Error: --html and --ramp cannot be combined"), "\(ramp.stderr)")
        let unwritable = try CLI.run(["run", "Scenarios/startup-mvp.json", "--duration", "1m", "--warmup", "10s", "--html", "/nonexistent-dir/report.html"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr == "error: cannot write /nonexistent-dir/report.html: No such file or directory\n")
    }

    @Test("the version printed in the page is the one `headroom --version` prints")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.stdout == HTMLReport.Provenance.headroomVersion + "\n")
    }

    @Test("a Swift scenario executable writes the same page as `headroom run` on its JSON twin, but for the command line")
    func swiftExample() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let swift = dir.appendingPathComponent("swift.html"), json = dir.appendingPathComponent("json.html")
        #expect(try CLI.run(["--html", swift.path], executable: SwiftExampleTests.startupMVP).status == 0)
        #expect(try CLI.run(["run", "Scenarios/startup-mvp.json", "--html", json.path]).status == 0)
        func withoutCommand(_ url: URL) throws -> String {
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("<dt>command</dt>") }.joined(separator: "\n")
        }
        #expect(try withoutCommand(swift) == (try withoutCommand(json)))
    }
}

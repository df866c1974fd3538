import Foundation
import Headroom
import Testing

/// Scenario files that used to pass `validate` and crash `run` (or hang it, or eat its memory),
/// run end to end through the built binary: each now exits 2 with one line saying what is wrong.
@Suite("hostile scenario files, end to end", .serialized)
struct HostileInputTests {
    /// Scenarios/mmc-validation.json with `edit` applied.
    static func scenario(_ edit: (inout JSONValue) -> Void) throws -> String {
        var json = try JSONValue.parse(String(contentsOf: CLI.root.appendingPathComponent("Scenarios/mmc-validation.json"), encoding: .utf8))
        edit(&json)
        return json.rendered(pretty: true)
    }

    /// Sets `value` at a path of keys and indices.
    static func set(_ json: inout JSONValue, _ path: [Any], _ value: JSONValue) {
        func walk(_ node: JSONValue, _ rest: ArraySlice<Any>) -> JSONValue {
            guard let first = rest.first else { return value }
            switch (node, first) {
            case (.object(var object), let key as String):
                object[key] = walk(object[key] ?? .null, rest.dropFirst())
                return .object(object)
            case (.array(var array), let index as Int):
                array[index] = walk(array[index], rest.dropFirst())
                return .array(array)
            default:
                return node
            }
        }
        json = walk(json, path[...])
    }

    /// A file's name, its text, and the one diagnostic `run` and `validate` must print for it.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var message: String
        var description: String { name }
    }

    static let cases: [Case] = {
        func serviceTime(_ name: String, _ distribution: JSONValue, _ message: String) -> Case {
            Case(name: name, text: (try? scenario { set(&$0, ["components", 0, "serviceTime"], distribution) }) ?? "", message: message)
        }
        return [
            serviceTime("lognormal-cv-1e308", ["dist": "lognormal", "mean": "10ms", "cv": 1e308],
                        "components[0].serviceTime.cv: found 1e+308; expected a cv whose square is finite (at most about 1e154): with this one the variance is infinite and every draw is undefined"),
            serviceTime("weibull-shape-1e-6", ["dist": "weibull", "shape": 1e-6, "scale": "1ms"],
                        "components[0].serviceTime.shape: found 1e-06; expected a shape giving a finite mean: scale × Γ(1 + 1/shape) overflows with this one"),
            serviceTime("exponential-1e307s", ["dist": "exponential", "mean": "1e307s"],
                        "components[0].serviceTime: found an exponential distribution whose draws overflow (its 1 − 10⁻¹² quantile is infinite); expected parameters that keep every draw finite"),
            Case(name: "mix-sum-overflows", text: (try? scenario { json in
                set(&json, ["workload", "mix"], ["a": 1e308, "b": 1e308])
                set(&json, ["routes"], [["class": "a", "steps": [["call": "station"]]], ["class": "b", "steps": [["call": "station"]]]])
            }) ?? "", message: "workload.mix: found weights that sum to inf; expected weights with a finite total (only their ratios matter: 9 and 1 mean 90 % and 10 %)"),
            Case(name: "hexadecimal-duration", text: (try? scenario { set(&$0, ["duration"], "0x10s") }) ?? "",
                 message: #"duration: found "0x10s"; expected a decimal number with a unit, such as "250ms" (hexadecimal numbers are not durations)"#),
        ]
    }()

    /// Writes `c` to a fresh directory, runs `headroom run` on it with `--output` there, checks it
    /// exits 2 with exactly `c.message` and writes nothing, and returns the file for more checks.
    @discardableResult
    static func expectRefused(_ c: Case, in dir: URL) throws -> URL {
        let file = dir.appendingPathComponent("\(c.name).json")
        try c.text.write(to: file, atomically: true, encoding: .utf8)
        let start = Date()
        let run = try CLI.run(["run", file.path, "--output", dir.appendingPathComponent("out.json").path])
        #expect(Date().timeIntervalSince(start) < 5, "\(c.name): refused only after \(Date().timeIntervalSince(start)) s")
        #expect(run.status == 2, "\(c.name): exit \(run.status)")
        #expect(run.stderr == "\(file.path): \(c.message)\n", "\(c.name)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [file.lastPathComponent])
        return file
    }

    @Test("run and validate refuse it with exit 2 and one line; no crash, no report", arguments: cases)
    func refused(_ c: Case) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.expectRefused(c, in: dir)
        let validate = try CLI.run(["validate", file.path, "--format", "json"])
        #expect(validate.status == 2)
        let diagnostics = try JSONValue.parse(validate.stdout)["files"]?[0]?["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.map { "\($0["path"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")" } == [c.message], "\(c.name)")
    }

    /// Absurd scenarios from the issue: valid, but a run would take hours, days or all the
    /// memory. Each is refused before anything runs (exit 2) with the estimate and how to override.
    static let absurd: [Case] = {
        func edited(_ name: String, _ message: String, _ edit: (inout JSONValue) -> Void) -> Case {
            Case(name: name, text: (try? scenario(edit)) ?? "", message: message)
        }
        let override = "; --max-events allows 1,000,000,000, about 100 seconds of simulation; shorten the duration, lower the rate, or raise --max-events"
        return [
            edited("duration-1.8e308s", "too much to simulate: about infinitely many events (infinitely many arrivals over 4.99359204128421e+304 h × 2 events each)" + override) {
                set(&$0, ["duration"], "1.7976931348623157e308s")
            },
            edited("rate-1e9", "too much to simulate: about 14,400,000,000,000 events (7,200,000,000,000 arrivals over 2 h × 2 events each)" + override) {
                set(&$0, ["workload", "rate"], 1e9)
            },
            edited("bursts-every-2ns", "too much to simulate: about 7,200,001,296,002 events (648,000 arrivals over 2 h × 2 events each, and 7,200,000,000,002 burst edges)" + override) {
                set(&$0, ["workload", "bursts"], [["start": "0s", "duration": "1ns", "rate": 90, "every": "2ns"]])
            },
            edited("overloaded-24h", "too much memory to simulate: about 5.87 GB (30,240,008 requests in flight at the peak; station is overloaded (offered 450 req/s, serves 100 req/s) and its unbounded queue grows to 30,240,000 requests); --max-memory allows 4 GB; bound the queue (queueCapacity) or add workers, shorten the duration, or raise --max-memory") {
                set(&$0, ["duration"], "24h")
                set(&$0, ["workload", "rate"], 450)
            },
        ]
    }()

    @Test("absurd scenarios are refused before they run, with the estimate and the way out", arguments: absurd)
    func refusedUpFront(_ c: Case) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.expectRefused(c, in: dir)
    }

    @Test("100,000 instances (the most allowed) behind a least-connections balancer are refused; --max-events lets it run")
    func wideBalancer() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.wideScenario(in: dir)
        let refused = try CLI.run(["run", file.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("\(file.path): too much to simulate: about 2,250,720,000 events (180,000 arrivals over 10 min × 1.25e+04 events each (lb scans 100,000 instances on every pick))"), "\(refused.stderr)")
        // A second of it fits a raised limit: 300 arrivals × 12,504.
        let raised = try CLI.run(["run", file.path, "--duration", "1s", "--warmup", "0s", "--max-events", "5e7", "--format", "json"])
        #expect(raised.status == 0 || raised.status == 3, "\(raised.stderr)")
        #expect(raised.stdout.contains("\"scenario\": \"startup-mvp\""))
    }

    /// startup-mvp with 100,000 app instances (the most allowed) behind its least-connections balancer.
    static func wideScenario(in dir: URL) throws -> URL {
        var json = try JSONValue.parse(String(contentsOf: CLI.root.appendingPathComponent("Scenarios/startup-mvp.json"), encoding: .utf8))
        Self.set(&json, ["components", 1, "instances"], 100_000)
        let file = dir.appendingPathComponent("wide.json")
        try json.rendered().write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("headroom check refuses an absurd scenario up front too, before running any file")
    func checkRefusesUpFront() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.wideScenario(in: dir)
        let refused = try CLI.run(["check", file.path, "--replications", "2"])
        #expect(refused.status == 2)
        // Two replications count twice: 2 × 2,250,720,000.
        #expect(refused.stderr.hasPrefix("\(file.path): too much to simulate: about 4,501,440,000 events (2 runs)"), "\(refused.stderr)")
    }

    @Test("--max-events and --max-memory take only sensible values", arguments: [
        (["--max-events", "0"], "Error: --max-events must be a number > 0 (inf for no limit)"),
        (["--max-events=-5"], "Error: --max-events must be a number > 0 (inf for no limit)"),
        (["--max-events", "nan"], "Error: --max-events must be a number > 0 (inf for no limit)"),
        (["--max-memory", "lots"], #"Error: --max-memory: found "lots"; expected a size with a unit, such as "4GB" or "512MB""#),
        (["--max-memory", "0GB"], #"Error: --max-memory: found "0GB"; expected a size with a unit, such as "4GB" or "512MB""#),
        (["--max-memory", "0x10GB"], #"Error: --max-memory: found "0x10GB"; expected a size with a unit, such as "4GB" or "512MB""#),
    ])
    func limitOptions(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(["run", "Scenarios/startup-mvp.json"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message + "\n"), "\(result.stderr)")
    }

    @Test("nothing completes: no latency shown, the SLA fails, exit 3; --ramp stops and says why")
    func nothingCompletes() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("hour.json")
        try Self.scenario { json in
            Self.set(&json, ["components", 0, "serviceTime"], "1h")
            Self.set(&json, ["duration"], "10m")
            Self.set(&json, ["warmup"], "1m")
        }.write(to: file, atomically: true, encoding: .utf8)
        let text = try CLI.run(["run", file.path])
        #expect(text.status == 3)
        #expect(text.stdout.contains("\nLatency ms   none: no request completed in the measured window\n"))
        #expect(text.stdout.contains("\nSLA          FAIL (2 of 2 objectives missed)\n  FAIL  p99 latency: no request completed; expected ≤ 700.0 ms\n  FAIL  availability: 0.000 % ≥ 99.990 % (margin -99.990 %)\n"), "\(text.stdout)")
        let json = try JSONValue.parse(try CLI.run(["run", file.path, "--format", "json"]).stdout)
        #expect(json["latencyMs"]?["p95"] == .null && json["latencyMs"]?["mean"] == .null)
        #expect(json["sla"]?["objectives"]?[0]?["measured"] == .null && json["sla"]?["objectives"]?[0]?["passed"] == .bool(false))
        let ramp = try CLI.run(["run", file.path, "--ramp"])
        #expect(ramp.status == 3)
        #expect(ramp.stdout.contains("\nStopped      nothing completed at ×1.000 (0 of "), "\(ramp.stdout)")
        let replications = try CLI.run(["run", file.path, "--replications", "2"])
        #expect(replications.status == 3)
        #expect(replications.stdout.contains("\n  p95 latency (ms)                   –       –       –       –\n"), "\(replications.stdout)")
        #expect(replications.stdout.contains("\n  FAIL  p99 latency: not measured in every replication ≤ 700.0 ms; met in 0 of 2 replications; not trusted in 2 (unstable)\n"), "\(replications.stdout)")
    }

    @Test("--ramp without a load-dependent objective is bad input")
    func rampWithoutLoadObjective() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cost-only.json")
        try Self.scenario { Self.set(&$0, ["sla"], ["objectives": [["metric": "monthlyCost", "max": 1000]]]) }.write(to: file, atomically: true, encoding: .utf8)
        let ramp = try CLI.run(["run", file.path, "--ramp"])
        #expect(ramp.status == 2)
        #expect(ramp.stderr == "\(file.path): sla.objectives: found only monthlyCost objectives; --ramp needs one that depends on the load (latency, availability, successRate or errorRate) to find where it breaks\n")
    }

    @Test("control characters in names and ids never reach the terminal raw; long ones are shortened")
    func controlCharacters() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("evil.json")
        let evil = "x\u{1B}[2J\u{07}line\nforged: PASS\u{202E}"
        try Self.scenario { json in
            Self.set(&json, ["name"], .string(evil))
            Self.set(&json, ["duration"], "20s")
            Self.set(&json, ["warmup"], "2s")
            Self.set(&json, ["workload", "mix"], .object([(evil + String(repeating: "y", count: 200), 1)]))
            Self.set(&json, ["routes", 0, "class"], .string(evil + String(repeating: "y", count: 200)))
        }.write(to: file, atomically: true, encoding: .utf8)
        let escaped = #"x\u{1B}[2J\u{7}line\nforged: PASS\u{202E}"#
        for arguments in [["run", file.path], ["validate", file.path]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0 || result.status == 3, "\(arguments): \(result.stderr)")
            #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(arguments)")
            #expect(!result.stdout.contains("\nforged"), "\(arguments)")
            #expect(result.stdout.contains(escaped), "\(arguments): \(result.stdout.prefix(300))")
            for line in result.stdout.split(separator: "\n") where !line.contains("valid ·") {
                #expect(line.count < 200, "\(arguments): \(line.prefix(120))…")
            }
        }
        // A file name with a newline cannot forge a diagnostic line.
        let forged = dir.appendingPathComponent("a\nb.json")
        try "{".write(to: forged, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["run", forged.path])
        #expect(bad.status == 2)
        #expect(bad.stderr == "\(dir.path)/a\\nb.json: line 1, column 2: expected a key in double quotes or '}', found the end of the text\n")
    }
}

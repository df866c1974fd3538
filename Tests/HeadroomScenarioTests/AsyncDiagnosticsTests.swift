import Foundation
import Testing

@testable import HeadroomScenario

/// The exact wording of the diagnostics about queues, enqueue steps, autoscalers, traffic shapes,
/// traces and closed-loop users (issue 10's "bad input"), read from JSON text.
@Suite("Async and elasticity diagnostics")
struct AsyncDiagnosticsTests {
    /// A scenario with a service "a" and a worker pool "w" beside `extra` components.
    static func text(components extra: String = "", workload: String = #""rate": 10"#, steps: String = #"{"call": "a"}"#) -> String {
        #"""
        {"name": "t", "duration": "1m", "workload": {\#(workload)},
         "components": [{"id": "a", "kind": "service", "serviceTime": "5ms"}, {"id": "w", "kind": "service", "serviceTime": "1s"}\#(extra)],
         "routes": [{"class": "r", "steps": [\#(steps)]}]}
        """#
    }

    static let queue = #", {"id": "q", "kind": "queue", "workers": "w"}"#

    /// Where the trace files are written.
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-async-diagnostics").path

    /// A trace file with `lines`, in ``directory``.
    static func traceFile(_ name: String, _ lines: String) -> String {
        let dir = URL(fileURLWithPath: directory)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent(name)
        try? lines.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static let unsorted = traceFile("unsorted.csv", "0.5\n1.0\n0.75\n2\n")
    static let malformed = traceFile("malformed.csv", "0.5\n1.0\nabc\n2\n")

    @Test("reader and validator: exact wording", arguments: [
        // Autoscalers.
        (text(components: #", {"id": "s", "kind": "autoscaler", "scales": "a", "min": 5, "max": 3}"#),
         ["s.json: components[2].min: found min 5 and max 3; expected min <= max"]),
        (text(components: #", {"id": "s", "kind": "autoscaler", "scales": "a", "policy": "targetTracking", "target": 0, "max": 5}"#),
         ["s.json: components[2].target: found 0; expected a number > 0"]),
        (text(components: #", {"id": "s", "kind": "autoscaler", "scales": "a", "policy": "targetTracking", "target": 120, "max": 5}"#),
         ["s.json: components[2].target: found 120; expected a percentage > 0 and at most 100 (utilization is a percentage)"]),
        (text(components: #", {"id": "s", "kind": "autoscaler", "scales": "a", "policy": "targetTracking", "target": 50}"#),
         [#"s.json: components[2]: a targetTracking autoscaler needs a max; expected "max" beside "policy""#]),
        (text(components: #", {"id": "f", "kind": "function", "serviceTime": "5ms"}, {"id": "s", "kind": "autoscaler", "scales": "f"}"#),
         [#"s.json: components[3].scales: "f" is a function; expected a service or database (an autoscaler starts and drains instances of a pool)"#]),
        (text(components: #", {"id": "s", "kind": "autoscaler", "scales": "a", "target": 50}"#), [
            #"s.json: components[2].target: key "target" does not apply to policy "threshold"; expected one of "scaleUpAbove", "scaleDownBelow", "requestsAbove", "requestsBelow", "requestCapacity", "scaleUpCooldown", "scaleDownCooldown""#,
            #"s.json: components[2].scales: "a" starts with 1 instance; expected from min 2 to max 20 (set its instances, or the autoscaler's min and max)"#,
         ]),
        (text(components: #", {"id": "s", "kind": "autoscaler", "scales": "a", "polcy": "threshold"}"#),
         [#"s.json: components[2]: unknown key "polcy"; did you mean "policy"?"#]),
        // Queues and enqueue steps.
        (text(components: #", {"id": "q", "kind": "queue", "workers": "w", "backoff": ["5m"]}"#),
         [#"s.json: components[2].backoff: a backoff needs retries; expected "maxAttempts" above 1 beside it"#]),
        (text(components: #", {"id": "q", "kind": "queue", "workers": "w", "maxAttempts": 3, "backoff": {"exponential": "10s", "max": "1s"}}"#),
         [#"s.json: components[2].backoff.max: found "1s"; expected a duration >= exponential ("10s")"#]),
        (text(components: #", {"id": "q", "kind": "queue", "workers": "w", "whenFull": "block"}"#),
         [#"s.json: components[2].whenFull: unknown full-queue behaviour "block"; expected one of "reject", "drop""#]),
        (text(components: queue, steps: #"{"call": "a", "then": [{"enqueue": "a"}]}"#),
         [#"s.json: routes[0].steps[0].then[0].enqueue: "a" is a service; expected a queue"#]),
        (text(components: queue, steps: #"{"call": "a", "then": [{"enqueue": "q", "priority": "urgent"}]}"#),
         [#"s.json: routes[0].steps[0].then[0].priority: queue "q" has no priorities; expected no "priority" (or a "priorities" list on the queue)"#]),
        (text(components: queue, steps: #"{"call": "w"}"#),
         [#"s.json: components[2].workers: "w" is also called by routes[0].steps[0]; expected workers that take jobs only"#]),
        // Traffic shapes, traces and users.
        (text(workload: #""rate": 10, "shape": {"type": "diurnal", "peak": 100}"#),
         [#"s.json: workload.shape: missing required key "peakAt""#]),
        (text(workload: #""rate": 10, "shape": {"type": "hourly", "rates": [1, 2]}"#), [
            #"s.json: workload.rate: found 10; expected no "rate": the hourly shape gives every rate"#,
            "s.json: workload.shape.rates: found 2 rates; expected 24, one per hour from 0:00",
         ]),
        (text(workload: #""shape": {"type": "trace", "file": "/nonexistent/trace.csv"}"#),
         [#"s.json: workload.shape.file: "/nonexistent/trace.csv": cannot read the file: no such file"#]),
        (text(workload: #""shape": {"type": "trace", "file": "\#(unsorted)"}"#),
         [#"s.json: workload.shape.file: "TMP/unsorted.csv" line 3: found 0.75 after 1; expected times in increasing order"#]),
        (text(workload: #""shape": {"type": "trace", "file": "\#(malformed)"}"#),
         [#"s.json: workload.shape.file: "TMP/malformed.csv" line 3: found "abc"; expected a time in seconds >= 0, such as 12.5"#]),
        (text(workload: #""users": 0"#), ["s.json: workload.users: found 0; expected an integer from 1 to 1,000,000"]),
        (text(workload: #""users": 10, "thinkTime": "-1s""#), [#"s.json: workload.thinkTime: found "-1s"; expected a duration >= 0"#]),
    ])
    func diagnostics(_ text: String, _ expected: [String]) {
        let found = Fixtures.diagnostics(text)
        #expect(found == expected.map { $0.replacingOccurrences(of: "TMP", with: Self.directory) })
    }
}

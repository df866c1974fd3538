import Testing
@testable import HeadroomModel
import HeadroomEngine
import HeadroomScenario

/// Circuit breakers: the state machine on scripted outcomes, and a breaker in a run.
@Suite("Circuit breakers")
struct CircuitBreakerTests {
    @Test("consecutive failures: 5 in a row open it for 30 s; half-open, one outcome closes or reopens it")
    func consecutiveScript() {
        // The seeds' breaker: 5 failures, 30 s open, then half-open.
        var m = BreakerMachine(CircuitBreaker(target: "db", openFor: .seconds(30), failureThreshold: 5))
        // 4 failures, a success (resets), 4 more: still closed.
        for t in 1...4 { m.record(failure: true, at: Double(t)) }
        m.record(failure: false, at: 5)
        for t in 6...9 { m.record(failure: true, at: Double(t)) }
        #expect(m.state == .closed)
        m.record(failure: true, at: 10)
        #expect(m.state == .open)
        #expect(!m.admit(at: 10) && !m.admit(at: 39.999))
        // At 40 s the next call finds it half-open and goes through, as do others meanwhile.
        #expect(m.admit(at: 40) && m.state == .halfOpen && m.admit(at: 40.5))
        m.record(failure: true, at: 41)
        #expect(m.state == .open && !m.admit(at: 70.9))
        #expect(m.admit(at: 71) && m.state == .halfOpen)
        m.record(failure: false, at: 71.5)
        #expect(m.state == .closed)
        // Closed again with a fresh count: 4 failures do not open it.
        for t in 72...75 { m.record(failure: true, at: Double(t)) }
        #expect(m.state == .closed)
    }

    @Test("failure rate: opens at the threshold share once the window has its minimum; half-open test calls decide")
    func failureRateScript() {
        var m = BreakerMachine(CircuitBreaker(
            target: "db", policy: .failureRate, openFor: .seconds(5), window: .seconds(10), minimumCalls: 10, failureRate: 50,
            halfOpenCalls: 3))
        // 9 outcomes, all failures: below the minimum of 10.
        for k in 0..<9 { m.record(failure: true, at: 0.1 * Double(k)) }
        #expect(m.state == .closed)
        // The 10th: 10 failures of 10 ≥ 50 %: open until 6 s.
        m.record(failure: true, at: 1)
        #expect(m.state == .open && !m.admit(at: 5.9))
        // Half-open: 3 test calls through, the 4th fails fast; 1 failure of 3 (< 50 %) closes it.
        #expect(m.admit(at: 6) && m.admit(at: 6.1) && m.admit(at: 6.2) && !m.admit(at: 6.3))
        m.record(failure: true, at: 6.5)
        m.record(failure: false, at: 6.6)
        #expect(m.state == .halfOpen)
        m.record(failure: false, at: 6.7)
        #expect(m.state == .closed)
        // A window of 10 with 4 failures (40 %) stays closed; 5 of 11 (45 %) too; 6 of 12 opens it.
        var n = BreakerMachine(CircuitBreaker(
            target: "db", policy: .failureRate, openFor: .seconds(5), window: .seconds(10), minimumCalls: 10, failureRate: 50))
        for k in 0..<10 { n.record(failure: k < 4, at: 0.1 * Double(k)) }
        #expect(n.state == .closed)
        n.record(failure: true, at: 1.1)
        #expect(n.state == .closed)
        n.record(failure: true, at: 1.2)
        #expect(n.state == .open)
        // Half-open with 2 failures of 3 (≥ 50 %): open again.
        #expect(n.admit(at: 6.2) && n.admit(at: 6.2) && n.admit(at: 6.2))
        n.record(failure: true, at: 6.3)
        n.record(failure: true, at: 6.4)
        n.record(failure: false, at: 6.5)
        #expect(n.state == .open)
    }

    @Test("in a run: calls to a dead dependency fail fast while open, and flow again once it is back")
    func breakerInRun() {
        // One call a second to "dep" (its only instance down from 0.5 s to 50 s: calls refused at
        // once). Breaker: 5 in a row, open 30.5 s. Arrivals at 1, 2, …: failures at 1–5 open it
        // at 5 until 35.5; the call at 36 tests it (dep still down) → open until 66.5; the call
        // at 67 tests it, dep is back → closed. Fail-fasts: 6–35 and 37–66 = 60 calls.
        let s = Scenario(
            name: "breaker", seed: 3, duration: .seconds(100),
            workload: Workload(arrivals: .deterministic, rate: 1, mix: [.init("req", weight: 1)]),
            components: [
                Component(id: "dep", ServicePool(instances: 1, concurrency: 4, serviceTime: .constant(.milliseconds(10)))),
                Component(id: "cb", CircuitBreaker(target: "dep", openFor: .milliseconds(30_500), failureThreshold: 5)),
            ],
            routes: [Route(requestClass: "req", steps: [.call(Call("dep"))])])
        var compiled = ModelCompiler(s)
        let first = Int(compiled.pools[0].firstInstance)
        compiled.topologyChanges = [
            TopologyChange(time: SimInstant(seconds: 0.5), change: .crash(instance: first)),
            TopologyChange(time: SimInstant(seconds: 50), change: .state(instance: first, .up)),
        ]
        let m = try! Simulation(compiled: compiled, scenario: s, seed: nil).run()
        #expect(m.overall.errors[.circuitOpen] == 60, "\(m.overall.errors)")
        #expect(m.components[1].errors[.circuitOpen] == 60)
        #expect(m.overall.errors[.rejected] == 6)
        // The call at 100 s is still being served when the run ends.
        #expect(m.overall.completed == m.overall.offered - 66 - 1 && m.overall.inSystemAtEnd == 1)
        let f = m.components[1].figures
        #expect(f?["opened"]?.number == 2)
        #expect(f?["openSeconds"]?.number.map { abs($0 - 62.01) < 1e-6 } == true, "\(String(describing: f))")
        guard case .rows(let rows)? = f?["timeline"] else {
            Issue.record("no timeline")
            return
        }
        let states = rows.map { row in row.first { $0.name == "state" }.map { "\($0.value)" } ?? "" }
        #expect(states == ["text(\"open\")", "text(\"halfOpen\")", "text(\"open\")", "text(\"halfOpen\")", "text(\"closed\")"])
        let times = rows.compactMap { $0.first?.value.number }
        #expect(times == [5, 36, 36, 67, 67.01], "\(times)")
    }
}

import Testing
@testable import HeadroomModel
import HeadroomAnalysis
import HeadroomEngine
import HeadroomScenario

/// The small additions to the shared machinery that failures and resilience build on: calls to
/// a dead instance that hang instead of failing, draining instances leaving a health-managed
/// rotation, zones, load shedding from the format, and the cause an error handler is given.
@Suite("Failure machinery")
struct FailureMachineryTests {
    /// A balancer over `instances` single-worker instances of "app" (constant 10 ms), with `timeout` on the pool.
    static func fleet(instances: Int, timeout: TimeSpan?, rate: Double = 20, duration: Double = 60) -> Scenario {
        Scenario(
            name: "fleet", seed: 9, duration: .seconds(duration),
            workload: Workload(arrivals: .deterministic, rate: rate, mix: [.init("req", weight: 1)]),
            components: [
                Component(id: "lb", LoadBalancer(strategy: .roundRobin, backends: [.init("app")])),
                Component(id: "app", ServicePool(instances: instances, concurrency: 1, serviceTime: .constant(.milliseconds(10)), timeout: timeout)),
            ],
            routes: [Route(requestClass: "req", steps: [Build.call("lb")])])
    }

    static func run(_ s: Scenario, changes: [TopologyChange] = [], edit: (inout ModelCompiler) -> Void) -> RunMeasurements {
        var assembler = ProgramAssembler(s)
        assembler.label("main")
        assembler.call("lb")
        assembler.done()
        var compiled = assembler.finish()
        compiled.topologyChanges = changes
        edit(&compiled)
        var simulation = try! Simulation(compiled: compiled, scenario: s, seed: nil)
        // A managed rotation starts empty: put the running instances in, as a health checker does.
        for i in simulation.instances.indices where simulation.instances[i].state == .up {
            simulation.setRotation(instance: i, inRotation: true)
        }
        return simulation.run()
    }

    @Test("a crashed instance kept in rotation refuses calls at once (crashed), or lets them hang until the timeout")
    func hangingCalls() {
        // 2 instances, round robin, one call every 50 ms: after the crash at 30 s, every other
        // call goes to the dead instance, which stays in rotation (managed, and nobody manages it).
        let s = Self.fleet(instances: 2, timeout: .milliseconds(200))
        let first = Build.firstInstance("app", in: s)
        let crash = [TopologyChange(time: SimInstant(seconds: 30.001), change: .crash(instance: first))]
        let refused = Self.run(s, changes: crash) { $0.pools[0].rotationManaged = true }
        // 600 calls after the crash (30.05 … 60 s), 300 to each instance.
        #expect(refused.overall.errors[.crashed] == 300, "\(refused.overall.errors)")
        #expect(refused.overall.errors[.timeout] == 0)
        let hung = Self.run(s, changes: crash) {
            $0.pools[0].rotationManaged = true
            $0.pools[0].downCallsHang = true
        }
        #expect(hung.overall.errors[.crashed] == 0)
        // Each hung call fails when its 200 ms timeout expires; the last ones (after 59.8 s) are
        // still hanging when the run ends: 4 of them (59.85, 59.9 … 60.0 → arrivals at 59.85 and 59.95).
        #expect(hung.overall.errors[.timeout] + hung.overall.inSystemAtEnd == 300 + 1, "\(hung.overall.errors) \(hung.overall.inSystemAtEnd)")
        #expect(hung.overall.inSystemAtEnd >= 2 && hung.overall.inSystemAtEnd <= 5)
        // Latency of the failed requests is the timeout: they are not in the latency figures,
        // but the app's timeout counter has them.
        #expect(hung.components[1].errors[.timeout] == hung.overall.errors[.timeout])
    }

    @Test("a draining instance leaves a health-managed rotation at once")
    func drainingLeavesManagedRotation() {
        let s = Self.fleet(instances: 2, timeout: nil)
        let p = Build.pool("app", in: s)
        let m = Self.run(s, changes: [TopologyChange(time: SimInstant(seconds: 30), change: .resize(pool: p, size: 1, boot: .zero))]) {
            $0.pools[0].rotationManaged = true
        }
        // Without the fix the drained instance stays in rotation, keeps taking calls, and never
        // goes down: the second half would bill two instances.
        #expect(m.overall.errors.total == 0)
        let last = m.buckets.last!
        #expect(last.components[1].instanceSeconds / (last.end - last.start) == 1)
    }

    @Test("a pool's zones are assigned to its instances in turn, including slots it may grow into")
    func zones() {
        let s = Build.scenario(
            rate: 1, components: [Component(id: "app", ServicePool(instances: 4, serviceTime: .constant(.milliseconds(1)), zones: ["a", "b", "c"]))],
            steps: [Build.call("app")], duration: .seconds(1))
        let model = ModelCompiler(s, capacities: ["app": 7])
        #expect(model.instances.map(\.zone) == [0, 1, 2, 0, 1, 2, 0])
        let plain = ModelCompiler(Build.scenario(
            rate: 1, components: [Component(id: "app", ServicePool(instances: 3, serviceTime: .constant(.milliseconds(1))))],
            steps: [Build.call("app")], duration: .seconds(1)))
        #expect(plain.instances.map(\.zone) == [0, 0, 0])
    }

    @Test("shedAfter from the format sheds: served requests waited at most the deadline")
    func sheddingFromTheFormat() {
        let s = Build.scenario(
            rate: 150, components: [Component(id: "a", ServicePool(serviceTime: .exponential(mean: .milliseconds(10)), shedAfter: .milliseconds(50)))],
            steps: [Build.call("a")], duration: .seconds(300))
        let r = Build.run(s)
        #expect(r.requests.errors[.shed] > 0 && r.components[0].errors[.shed] == r.requests.errors[.shed])
        #expect(r.components[0].meanWaitMs <= 50)
        #expect(r.requests.offered == r.requests.completed + r.requests.errors.total + r.requests.inSystemAtEnd)
    }

    @Test("an instance records when it entered its state")
    func stateChangedAt() {
        let s = Self.fleet(instances: 2, timeout: nil, duration: 10)
        var simulation = try! Simulation(compiled: ModelCompiler(s), scenario: s, seed: nil)
        let first = Int(simulation.pools[0].firstInstance)
        #expect(simulation.instances[first].stateChangedAt == .zero)
        simulation.calendar.advance(to: SimInstant(seconds: 4))
        simulation.setState(instance: first, to: .down)
        #expect(simulation.instances[first].stateChangedAt == SimInstant(seconds: 4))
    }
}

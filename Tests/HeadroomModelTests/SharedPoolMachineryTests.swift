import Testing
@testable import HeadroomModel
import HeadroomAnalysis
import HeadroomEngine
import HeadroomScenario

/// Two general pieces of the station machinery the data tier needs: a component made of several
/// pools (a database's primary and its replicas) is billed and measured as their sum, and a pool
/// whose timeout bounds only the wait for a worker (a connection pool's wait timeout).
@Suite("Shared pool machinery")
struct SharedPoolMachineryTests {
    /// One pool of `db` plus a second pool of 2 instances added to the same component by hand.
    @Test("a component with two pools is billed and its utilization measured over both")
    func twoPoolsOneComponent() throws {
        let db = Component(id: "db", DatabasePool(concurrency: 2, serviceTime: .constant(.milliseconds(10))))
        let s = Build.scenario(rate: 50, components: [db], steps: [Build.call("db")], duration: .seconds(100), arrivals: .deterministic)
        var model = ModelCompiler(s)
        let extra = model.addPool(
            component: 0, id: "db-extra", behaviour: .pool, instances: 2, concurrency: 2, queueCapacity: nil,
            serviceTime: .constant(.milliseconds(10)), timeout: nil)
        #expect(extra == 1)
        let m = try Simulation(compiled: model, scenario: s, seed: nil).run()
        let c = m.components[0]
        // Three instances for the whole 100 s: 300 instance-seconds (the old code set the fleet
        // to whichever pool changed last: 200).
        #expect(abs(c.instanceSeconds - 300) < 1e-9, "\(c.instanceSeconds)")
        // 3 instances × 2 workers for 100 s; only the first pool is called: 50/s × 10 ms = 0.5
        // workers busy on average, so utilization is 0.5 / 6.
        #expect(abs(c.workerSeconds - 600) < 1e-9, "\(c.workerSeconds)")
        #expect(abs(c.busyWorkerSeconds / c.workerSeconds - 0.5 / 6) < 1e-3, "\(c.busyWorkerSeconds / c.workerSeconds)")
    }

    /// Deterministic arrivals every 20 ms into 30 ms of work on one worker, with a 45 ms timeout
    /// (no event ties: every other event falls on a multiple of 10 ms). Work arrives faster than
    /// it is done, so requests wait. A timeout on the whole call fails every request whose wait
    /// plus 30 ms passes 45 ms; a timeout on the wait only lets a request that got the worker
    /// within 45 ms finish its 30 ms, so it completes more, and some take longer than 45 ms.
    @Test("a wait timeout bounds the wait for a worker, not the service that follows")
    func waitTimeoutOnly() throws {
        let pool = Component(id: "pool", ServicePool(concurrency: 1, serviceTime: .constant(.milliseconds(30)), timeout: .milliseconds(45)))
        let s = Build.scenario(rate: 50, components: [pool], steps: [Build.call("pool")], duration: .seconds(100), arrivals: .deterministic)
        func run(waitOnly: Bool) throws -> RunMeasurements {
            var model = ModelCompiler(s)
            model.pools[0].waitTimeoutOnly = waitOnly
            return try Simulation(compiled: model, scenario: s, seed: nil).run()
        }
        let whole = try run(waitOnly: false)
        let wait = try run(waitOnly: true)
        #expect(whole.overall.latencyMax <= 0.045 + 1e-9, "\(whole.overall.latencyMax)")
        #expect(wait.overall.latencyMax > 0.045 && wait.overall.latencyMax <= 0.075 + 1e-9, "\(wait.overall.latencyMax)")
        #expect(wait.overall.completed > whole.overall.completed)
        #expect(wait.components[0].errors[.timeout] > 0)
    }
}

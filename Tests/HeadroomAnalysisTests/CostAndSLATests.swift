import Testing
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// Cost, SLA verdicts and bottlenecks, on deterministic scenarios whose numbers follow by hand.
@Suite("Cost and SLA")
struct CostAndSLATests {
    static func run(_ scenario: Scenario) -> Results {
        do { return Results(try Simulation(scenario: scenario).run(), scenario: scenario) } catch { fatalError("\(error)") }
    }

    /// 10 req/s for 1 h after a 10 min warm-up, deterministic, constant service: app (2 instances)
    /// then db, through a balancer; 50 KB responses.
    static func priced(sla: SLA? = nil) -> Scenario {
        Scenario(
            name: "priced", seed: 1, duration: .seconds(4_200), warmup: .seconds(600),
            workload: Workload(arrivals: .deterministic, rate: 10, mix: [.init("req", weight: 1)]),
            components: [
                Component(id: "lb", LoadBalancer(backends: [.init("app")]), pricing: Pricing(instanceHour: 0.025, egressGB: 0.01)),
                Component(id: "app", ServicePool(instances: 2, concurrency: 4, serviceTime: .constant(.milliseconds(20))),
                          pricing: Pricing(instanceHour: 0.1)),
                Component(id: "db", DatabasePool(concurrency: 10, serviceTime: .constant(.milliseconds(5))),
                          pricing: Pricing(instanceHour: 0.2, storageGBMonth: 0.1, storageGB: 720)),
            ],
            routes: [Route(requestClass: "req", steps: [.call(Call("lb", then: [.call(Call("db"))]))], responseKB: 50)],
            sla: sla)
    }

    func item(_ r: Results, _ id: String, _ price: String) -> CostReport.Item? {
        r.cost.components.first { $0.id == id }?.items.first { $0.price == price }
    }

    @Test("instance-hours, egress and storage are priced from what the window measured")
    func pools() throws {
        let r = Self.run(Self.priced())
        // Window: 3,600 s. app: 2 instances × 1 h × $0.10 = $0.20; db: 1 h × $0.20;
        // lb: 1 h × $0.025 + 36,000 requests × 50 KB = 1.8 GB × $0.01 = $0.018;
        // storage: 720 GB × $0.10 per month, prorated to 1 h of a 720-h month = $0.10.
        let app = try #require(item(r, "app", "instanceHour"))
        #expect(abs(app.quantity - 2) < 1e-9 && abs(app.windowDollars - 0.2) < 1e-9)
        #expect(abs((item(r, "db", "instanceHour")?.windowDollars ?? 0) - 0.2) < 1e-9)
        #expect(abs((item(r, "lb", "egressGB")?.quantity ?? 0) - 1.8) < 1e-3)
        #expect(abs((item(r, "db", "storageGBMonth")?.windowDollars ?? 0) - 0.1) < 1e-9)
        let window = 0.2 + 0.2 + 0.025 + 0.018 + 0.1
        #expect(abs(r.cost.windowDollars - window) < 1e-4)
        #expect(abs(r.cost.perHourDollars - window) < 1e-4)
        #expect(abs(r.cost.perMonthDollars - window * 720) < 0.1)
        // Per million successful: 36,000 completed in the window.
        #expect(abs((r.cost.perMillionSuccessfulDollars ?? 0) - window / 36_000 * 1e6) < 0.01)
    }

    @Test("instance-hours integrate a fleet whose size changes")
    func changingFleet() {
        // 2 instances for 30 min, 5 for 15 min, 1 for 15 min: 1 + 1.25 + 0.25 = 2.5 instance-hours.
        var fleet = TimeIntegral(value: 2, at: SimInstant(seconds: 0))
        fleet.set(5, at: SimInstant(seconds: 1_800))
        fleet.set(1, at: SimInstant(seconds: 2_700))
        #expect(abs(fleet.total(at: SimInstant(seconds: 3_600)) / 3_600 - 2.5) < 1e-12)
        #expect(abs(fleet.average(at: SimInstant(seconds: 3_600)) - 2.5) < 1e-12)
        // Warm-up cut: from 1,800 s on only 1.25 + 0.25 = 1.5 instance-hours count.
        var cut = TimeIntegral(value: 2, at: SimInstant(seconds: 0))
        cut.set(5, at: SimInstant(seconds: 1_000))
        cut.reset(at: SimInstant(seconds: 1_800))
        cut.set(1, at: SimInstant(seconds: 2_700))
        #expect(abs(cut.total(at: SimInstant(seconds: 3_600)) / 3_600 - 1.5) < 1e-12)
    }

    @Test("functions are priced per request and per GB-second; external APIs per call")
    func usagePriced() throws {
        // Function: 512 MB, constant 200 ms, 5 invocations/s for 1,000 s: 5,000 invocations,
        // 5,000 × 0.2 s × 0.5 GB = 500 GB-s. API: 5,000 calls at $0.01.
        let scenario = Scenario(
            name: "usage", seed: 1, duration: .seconds(1_000),
            workload: Workload(arrivals: .deterministic, rate: 5, mix: [.init("req", weight: 1)]),
            components: [
                Component(id: "fn", ServerlessFunction(serviceTime: .constant(.milliseconds(200)), memoryMB: 512),
                          pricing: Pricing(perMillionRequests: 0.2, gbSecond: 0.0000166667)),
                Component(id: "api", ExternalAPI(latency: .constant(.milliseconds(100))), pricing: Pricing(perCall: 0.01)),
            ],
            routes: [Route(requestClass: "req", steps: [.call(Call("fn")), .call(Call("api"))])])
        let r = Self.run(scenario)
        let requests = try #require(item(r, "fn", "perMillionRequests"))
        #expect(abs(requests.quantity - 0.005) < 1e-6)
        let gbSeconds = try #require(item(r, "fn", "gbSecond"))
        #expect(abs(gbSeconds.quantity - 500) < 0.5)
        #expect(abs((item(r, "api", "perCall")?.windowDollars ?? 0) - 50) < 0.02)
    }

    @Test("default objectives apply when a scenario has no sla block")
    func defaults() {
        let r = Self.run(Self.priced())
        #expect(r.sla.source == .defaults)
        #expect(r.sla.verdicts.map(\.name) == ["p95 latency", "availability", "success rate"])
        #expect(r.sla.passed)
        // Constant 20 + 5 ms: every latency is 25 ms (to the histogram's 0.1 %).
        #expect(abs((r.sla.verdicts[0].measured ?? .nan) - 25) < 0.03)
        #expect(abs((r.sla.verdicts[0].margin ?? .nan) - 175) < 0.03)
    }

    @Test("each objective kind is measured, bounded and judged", arguments: [
        (Objective(.latency(percentile: 99, max: .milliseconds(30))), 25.0, true),
        (Objective(.latency(percentile: 50, max: .milliseconds(24)), requestClass: "req"), 25.0, false),
        (Objective(.availability(minPercent: 99.9)), 100.0, true),
        // Of the window's 36,000 arrivals, the one at the last instant is still in flight at the
        // end: not served. Success rate 35,999 / 36,000 = 99.9972 %, which misses 100 %.
        (Objective(.successRate(minPercent: 100)), 99.9972, false),
        (Objective(.successRate(minPercent: 99.99)), 99.9972, true),
        (Objective(.errorRate(maxPercent: 0.1)), 0.0, true),
        (Objective(.throughput(minRps: 10.5)), 10.0, false),
        (Objective(.monthlyCost(maxDollars: 300)), 390.96, false),
    ])
    func objectives(_ objective: Objective, _ measured: Double, _ passed: Bool) {
        let r = Self.run(Self.priced(sla: SLA(objectives: [objective])))
        let v = r.sla.verdicts[0]
        #expect(r.sla.source == .scenario)
        let value = v.measured ?? .nan
        #expect(abs(value - measured) <= 0.001 * max(measured, 1) + 0.03, "\(v.name): \(value)")
        #expect(v.passed == passed, "\(v.name)")
        #expect(r.sla.passed == passed)
    }

    @Test("rejections lower availability; rejections and timeouts lower the success rate")
    func availabilityVersusSuccess() {
        // One worker, no queue, 99 ms constant service, arrivals every 50 ms: half rejected.
        let scenario = Scenario(
            name: "loss", duration: .seconds(100),
            workload: Workload(arrivals: .deterministic, rate: 20, mix: [.init("req", weight: 1)]),
            components: [Component(id: "a", ServicePool(concurrency: 1, queueCapacity: 0, serviceTime: .constant(.milliseconds(99))))],
            routes: [Route(requestClass: "req", steps: [.call(Call("a"))])],
            sla: SLA(objectives: [Objective(.availability(minPercent: 60)), Objective(.successRate(minPercent: 40)), Objective(.errorRate(maxPercent: 40))]))
        let r = Self.run(scenario)
        #expect(r.sla.verdicts.map(\.passed) == [false, true, false])
        #expect(abs((r.sla.verdicts[0].measured ?? .nan) - 50) < 0.1)
        #expect(abs((r.sla.verdicts[2].measured ?? .nan) - 50) < 0.1)
    }

    @Test("bottlenecks rank by utilization and by share of time spent")
    func bottlenecks() {
        let r = Self.run(Self.priced())
        // app: 10/s × 25 ms held / 8 workers = 3.125 %; db: 10/s × 5 ms / 10 = 0.5 %.
        #expect(r.bottlenecks.byUtilization.map(\.id) == ["app", "db"])
        #expect(r.bottlenecks.firstToSaturate == "app")
        // Time spent: app serves 20 ms of the 25, db 5.
        #expect(r.bottlenecks.byLatencyShare.map(\.id).prefix(2) == ["app", "db"])
        // (The request in service when the run ends adds its service time but no wait: 1e-4 slack.)
        #expect(abs(r.bottlenecks.byLatencyShare[0].value - 0.8) < 1e-4)
    }

    @Test("capacity search finds the load where a D/D/1 loss station starts refusing")
    func capacity() throws {
        // One worker, no queue, constant 10 ms: with evenly spaced arrivals nothing is refused
        // up to 100 req/s, and above it a share 1 − 100/λ is. Availability ≥ 99.9 % also counts the
        // request (at most one) still in service when the 600 s end: the boundary is where
        // 1 − 100/λ + 1/(600λ) reaches 0.001, λ = 100.098 (100.100 without that request).
        // Base load 20 req/s ⇒ capacity ×5.0049 to ×5.0050.
        let scenario = Scenario(
            name: "dd1", duration: .seconds(600),
            workload: Workload(arrivals: .deterministic, rate: 20, mix: [.init("req", weight: 1)]),
            components: [Component(id: "one", ServicePool(concurrency: 1, queueCapacity: 0, serviceTime: .constant(.milliseconds(10))))],
            routes: [Route(requestClass: "req", steps: [.call(Call("one"))])],
            sla: SLA(objectives: [Objective(.availability(minPercent: 99.9))]))
        let search = try CapacitySearch(scenario: scenario, precision: 0.01)
        let factor = try #require(search.capacityFactor)
        let failing = try #require(search.failingFactor)
        #expect(factor <= 5.0051 && failing >= 5.0048, "capacity ×\(factor), fails at ×\(failing)")
        #expect(failing / factor - 1 <= 0.01)
        #expect(search.brokenBy == "one")
        #expect(search.failedObjectives == ["availability"])
        #expect(abs((search.headroomPercent ?? 0) - 400) < 5)
    }

    @Test("capacity search scales down when the scenario's own load already fails")
    func overCapacity() throws {
        var scenario = try #require(Optional(Self.priced(sla: SLA(objectives: [Objective(.throughput(minRps: 0)), Objective(.availability(minPercent: 100))]))))
        scenario.workload.rate = 1_000  // app: 1000 × 25 ms = 25 erlangs on 8 workers
        scenario.duration = .seconds(60)
        scenario.warmup = .seconds(5)
        scenario.components[1] = Component(id: "app", ServicePool(instances: 2, concurrency: 4, queueCapacity: 0, serviceTime: .constant(.milliseconds(20))))
        let search = try CapacitySearch(scenario: scenario)
        let factor = try #require(search.capacityFactor)
        #expect(factor < 1)
        #expect((search.headroomPercent ?? 0) < 0)
    }
}

@Suite("Estimates")
struct EstimateTests {
    @Test("the seed's Instagram-scale example: peak RPS, storage and bandwidth")
    func instagram() {
        let e = CapacityEstimate(dailyActiveUsers: 500_000_000, requestsPerUserPerDay: 50, peakMultiplier: 3)
        // 500M × 50 × 3 / 86,400 = 868,055.55… (the seed truncates to 868,055).
        #expect(abs(e.peakRps - 868_055.555_555) < 0.001)
        #expect(abs(e.averageRps - 289_351.851_851) < 0.001)
        // 500M × 100 KB × 365 × 5 × 1.2⁵ = 2.270592 × 10¹⁴ KB.
        #expect(abs(e.storageKB(dataPerUserPerDayKB: 100, years: 5) - 2.270592e14) < 1e3)
        // 868,055.55… × 50 × 8 / 1024 = 339,084.2 Mbps (339,083.98 with the seed's truncated RPS).
        #expect(abs(e.bandwidthMbps(responseKB: 50) - 339_084.201) < 0.01)
    }

    @Test("Erlang C sizing for a p95 objective matches a hand computation")
    func sizing() throws {
        // 1,200 req/s × 40 ms = 48 erlangs. With 49 servers θ = cμ − λ = μ = 25/s, so
        // P(T > t) = (1 − C)e^{−25t} + C(1 + 25t)e^{−25t}, C = 0.8368: p95 = 182.77 ms ≤ 200 ms.
        // 48 servers are unstable, so 49 is the minimum.
        let s = ServerSizing(arrivalRate: 1_200, serviceTime: 0.04, target: 0.2, percentile: 95, workersPerInstance: 8)
        #expect(s.servers == 49)
        #expect(s.instances == 7)
        #expect(abs((s.achieved ?? 0) - 0.182_767_6) < 1e-6)
        #expect(abs((s.waitProbability ?? 0) - 0.836_757) < 1e-5)
        // A tighter objective needs more: with 50 servers p95 = 140.43 ms.
        #expect(ServerSizing(arrivalRate: 1_200, serviceTime: 0.04, target: 0.15, percentile: 95).servers == 50)
        // Impossible: exponential service alone has p95 = 40 ms × ln 20 = 119.8 ms.
        #expect(ServerSizing(arrivalRate: 1_200, serviceTime: 0.04, target: 0.1, percentile: 95).servers == nil)
    }

    @Test("the M/M/c response-time tail: M/M/1 reduces to the exponential; quantiles invert it")
    func responseTail() {
        #expect(abs(QueueingFormulas.mmcResponseQuantile(arrivalRate: 80, serviceTime: 0.01, servers: 1, p: 0.95) - 0.149_786_6) < 1e-6)
        let q = QueueingFormulas.mmcResponseQuantile(arrivalRate: 90, serviceTime: 0.08, servers: 8, p: 0.99)
        #expect(abs(QueueingFormulas.mmcResponseTail(arrivalRate: 90, serviceTime: 0.08, servers: 8, t: q) - 0.01) < 1e-9)
        #expect(abs(q - 0.566_988) < 1e-5)
    }

    @Test("GSL root finding: Brent on a bracketed root, nil without a sign change")
    func root() {
        #expect(abs((GSL.root(in: 0, 2) { $0 * $0 - 2 } ?? 0) - 2.0.squareRoot()) < 1e-9)
        #expect(GSL.root(in: 2, 3) { $0 * $0 - 2 } == nil)
    }
}

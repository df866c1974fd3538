import Testing
@testable import HeadroomModel
import HeadroomEngine
import HeadroomScenario

/// A load balancer's health checks: how long a crash goes unnoticed, what the calls sent to the
/// dead instance meanwhile get, and when a restarted instance takes traffic again.
@Suite("Health checks")
struct HealthCheckTests {
    static func scenario(
        instances: Int, rate: Double, arrivals: Workload.Arrivals = .poisson, seconds: Double, check: HealthCheck?, crash: Crash,
        timeout: TimeSpan? = nil
    ) -> Scenario {
        Scenario(
            name: "health", seed: 5, duration: .seconds(seconds),
            workload: Workload(arrivals: arrivals, rate: rate, mix: [.init("req", weight: 1)]),
            components: [
                Component(id: "lb", LoadBalancer(backends: [.init("api")], healthCheck: check)),
                Component(id: "api", ServicePool(instances: instances, concurrency: 10, serviceTime: .constant(.milliseconds(10)))),
                Component(id: "crash", crash),
            ],
            routes: [Route(requestClass: "req", steps: [.call(Call("lb", timeout: timeout))])])
    }

    static func figure(_ m: RunMeasurements, _ name: String) -> Double {
        m.components[0].figures?[name]?.number ?? .nan
    }

    @Test(
        "detection delay: between (n−1)·interval and n·interval (+ timeout when the instance hangs), (n − ½)·interval on average",
        arguments: [Crash.WhileDown.refuse, .hang])
    func detectionDelay(whileDown: Crash.WhileDown) throws {
        // 10 instances crash at random (time to failure exponential, mean 200 s) and come back
        // 100 s later, for 100,000 s: about 10 × 100,000/300 ≈ 3,300 crashes, nearly all of
        // them noticed while down (the longest delay, 32 s, is well under 100 s). Each slot is
        // checked every 10 s from a phase of its own, and crash instants are continuous, so the
        // time from a crash to the next check is uniform on (0, 10 s]: the delay is that plus
        // (n − 1) = 2 more intervals (+ the 2 s timeout of the last check when it hangs).
        // Mean (n − ½)·10 = 25 s (27 s); the mean of N ≈ 3,000 uniforms has sd 10/√(12N) ≈
        // 0.053 s: a tolerance of 0.3 s is over 5 sd.
        let check = HealthCheck(interval: .seconds(10), timeout: .seconds(2), unhealthyThreshold: 3, healthyThreshold: 2)
        let crash = Crash(
            target: "api", timeToFailure: .exponential(mean: .seconds(200)), timeToRepair: .constant(.seconds(100)), whileDown: whileDown)
        let s = Self.scenario(instances: 10, rate: 1, seconds: 100_000, check: check, crash: crash, timeout: .seconds(1))
        let m = try Simulation(scenario: s).run()
        let bound = check.detectionBound(hangs: whileDown == .hang)
        let detections = Self.figure(m, "detections")
        #expect(detections > 2_500, "detections \(detections)")
        let mean = Self.figure(m, "detectionMsMean") / 1_000
        #expect(abs(mean - bound.mean) < 0.3, "mean \(mean) s, theory \(bound.mean) s")
        #expect(Self.figure(m, "detectionMsMin") / 1_000 >= bound.shortest - 1e-6)
        #expect(Self.figure(m, "detectionMsMax") / 1_000 <= bound.longest + 1e-6)
        // Every detection is followed by the instance's return once it is up and has passed 2 checks.
        #expect(abs(Self.figure(m, "markedHealthy") - Self.figure(m, "markedUnhealthy")) <= 10)
    }

    @Test("until the balancer notices, it sends the dead instances their share of calls, and they fail")
    func callsUntilDetection() throws {
        // 6 instances, round robin, one call every 1/60 s; 2 instances crash at 100.5 s. While
        // both are in rotation, 2 calls in 6 go to them; once one has left, 1 in 5. So the
        // crashed calls are 60 × (2/6 · d₁ + 1/5 · (d₂ − d₁)) for detection delays d₁ ≤ d₂ (each
        // within one call of it, ± 2 for the round robin's position), plus the 2 calls in
        // service at the crash (10 ms each, one every 16.7 ms: at most 1 per instance).
        let check = HealthCheck(interval: .seconds(5), timeout: .seconds(1), unhealthyThreshold: 2, healthyThreshold: 2)
        let crash = Crash(target: "api", at: .milliseconds(100_500), instances: 2)
        let s = Self.scenario(instances: 6, rate: 60, arrivals: .deterministic, seconds: 200, check: check, crash: crash)
        let m = try Simulation(scenario: s).run()
        let d1 = Self.figure(m, "detectionMsMin") / 1_000, d2 = Self.figure(m, "detectionMsMax") / 1_000
        #expect(Self.figure(m, "detections") == 2)
        #expect(d1 >= 5 && d2 <= 10, "delays \(d1), \(d2)")
        let expected = 60 * (2.0 / 6 * d1 + 1.0 / 5 * (d2 - d1))
        let crashed = Double(m.overall.errors[.crashed])
        #expect(abs(crashed - expected) <= 5, "crashed \(crashed), expected \(expected) + at most 2 held")
        #expect(m.overall.errors.total == m.overall.errors[.crashed])

        // Without health checks the balancer learns of the crash at once: only the calls held fail.
        let instant = try Simulation(scenario: Self.scenario(instances: 6, rate: 60, arrivals: .deterministic, seconds: 200, check: nil, crash: crash)).run()
        #expect(instant.overall.errors[.crashed] <= 2)
        #expect(instant.components[0].figures == nil)
    }

    @Test("a repaired instance takes traffic again after healthyThreshold passed checks, not when it boots")
    func returnAfterHealthyThreshold() throws {
        // Crash at 100.5 s, repaired after 60 s with 20 s of boot: up at 180.5 s; back in
        // rotation at the healthy threshold's third passed check, between 180.5 + 2·10 and
        // 180.5 + 3·10 s.
        let check = HealthCheck(interval: .seconds(10), timeout: .seconds(2), unhealthyThreshold: 2, healthyThreshold: 3)
        let crash = Crash(target: "api", at: .milliseconds(100_500), instances: 1, repairAfter: .seconds(60), bootTime: .seconds(20))
        let s = Self.scenario(instances: 3, rate: 30, arrivals: .deterministic, seconds: 400, check: check, crash: crash)
        let m = try Simulation(scenario: s).run()
        guard case .rows(let rows)? = m.components[0].figures?["timeline"] else {
            Issue.record("no timeline")
            return
        }
        let events = rows.map { row in (row.first { $0.name == "event" }?.value, row.first { $0.name == "atSeconds" }?.value.number ?? -1) }
        #expect(events.count == 2)
        #expect(events.first?.0 == .text("unhealthy"))
        #expect(events.last?.0 == .text("healthy"))
        let back = events.last?.1 ?? 0
        #expect(back >= 200.5 - 1e-6 && back <= 210.5 + 1e-6, "back at \(back)")
        #expect(rows.first?.contains { $0.name == "backend" && $0.value == .label("api") } == true)
        #expect(Self.figure(m, "inRotationAtEnd") == 3)
    }

    @Test("a hanging instance's calls time out until it is noticed")
    func hangingCallsTimeOut() throws {
        let check = HealthCheck(interval: .seconds(5), timeout: .seconds(2), unhealthyThreshold: 2, healthyThreshold: 2)
        let crash = Crash(target: "api", at: .milliseconds(100_500), instances: 1, whileDown: .hang)
        let s = Self.scenario(instances: 4, rate: 40, arrivals: .deterministic, seconds: 200, check: check, crash: crash, timeout: .seconds(1))
        let m = try Simulation(scenario: s).run()
        // Delay between 1·5 + 2 and 2·5 + 2 s at 10 calls/s to the dead instance: 70 to 120 timeouts.
        let timeouts = m.overall.errors[.timeout]
        #expect((68...122).contains(timeouts), "timeouts \(timeouts)")
        #expect(m.overall.errors[.crashed] <= 1)
    }

    @Test("no request is lost or counted twice across health checks, random crashes, hangs, retries and a rate limit, over 20 seeds")
    func conservation() throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            let whileDown: Crash.WhileDown = seed % 2 == 0 ? .hang : .refuse
            let s = Scenario(
                name: "chaos", seed: seed, duration: .seconds(60), warmup: .seconds(3),
                workload: Workload(rate: 600, mix: [.init("req", weight: 1)]),
                components: [
                    Component(id: "limit", RateLimiter(rate: 500, burst: 50)),
                    Component(id: "lb", LoadBalancer(
                        strategy: .leastConnections, backends: [.init("app")],
                        healthCheck: HealthCheck(interval: .seconds(1), timeout: .milliseconds(300), unhealthyThreshold: 2, healthyThreshold: 2))),
                    Component(id: "app", ServicePool(instances: 4, concurrency: 4, queueCapacity: 20, serviceTime: .exponential(mean: .milliseconds(5)))),
                    Component(id: "crash", Crash(
                        target: "app", timeToFailure: .exponential(mean: .seconds(8)), timeToRepair: .constant(.seconds(3)), whileDown: whileDown)),
                ],
                routes: [Route(requestClass: "req", steps: [
                    .call(Call("limit")),
                    .call(Call("lb", timeout: .milliseconds(50), retry: Retry(attempts: 3, base: .milliseconds(5)))),
                ])])
            let m = try Simulation(scenario: s).run()
            let q = m.overall
            #expect(q.offered == q.completed + q.errors.total + q.inSystemAtEnd, "seed \(seed): \(q.offered) vs \(q.completed) + \(q.errors.total) + \(q.inSystemAtEnd)")
            // The run exercises what it means to: limits, and failures before detection.
            #expect(q.errors[.rateLimited] > 0, "seed \(seed)")
            #expect(q.errors[whileDown == .hang ? .timeout : .crashed] > 0, "seed \(seed): \(q.errors)")
            #expect((m.components[1].figures?["detections"]?.number ?? 0) > 0, "seed \(seed)")
        }
    }

    @Test("a health-checked balancer called with retries reports both its health checks and the retries, in the summary and per bucket")
    func healthChecksBesideRetries() throws {
        let check = HealthCheck(interval: .seconds(5), timeout: .seconds(1), unhealthyThreshold: 2, healthyThreshold: 2)
        let crash = Crash(target: "api", at: .milliseconds(100_500), instances: 1)
        var s = Self.scenario(instances: 4, rate: 40, arrivals: .deterministic, seconds: 200, check: check, crash: crash)
        s.routes[0].steps = [.call(Call("lb", retry: Retry(attempts: 3, backoff: .constant, base: .zero)))]
        let m = try Simulation(scenario: s).run()
        let lb = m.components[0]
        #expect(lb.figures?.name == "healthCheck")
        #expect(lb.moreFigures.map(\.name) == ["retries"])
        // Calls sent to the dead instance before detection fail and are retried on another
        // instance (round robin moves on): every request succeeds, with some retries.
        let retries = lb.moreFigures.first?["retries"]?.number ?? 0
        // 10 calls/s reach the dead instance for 5 to 10 s: 50 to 100 retries.
        #expect((45...105).contains(retries), "retries \(retries), \(m.overall.errors)")
        #expect(m.overall.errors.total == 0)
        let names = Set(m.buckets.flatMap { $0.components[0].figures.map(\.name) })
        #expect(names.isSuperset(of: ["failedChecks", "inRotation", "calls", "attempts", "retries"]), "\(names)")

        // An external API has no figures of its own: the retries of the calls to it are its only ones.
        let api = Scenario(
            name: "api", seed: 3, duration: .seconds(100),
            workload: Workload(rate: 50, mix: [.init("req", weight: 1)]),
            components: [Component(id: "paid", ExternalAPI(latency: .constant(.milliseconds(5)), rateLimit: 30, burst: 5))],
            routes: [Route(requestClass: "req", steps: [.call(Call("paid", retry: Retry(attempts: 2, on: [.rateLimited], backoff: .constant, base: .milliseconds(100))))])])
        let paid = try Simulation(scenario: api).run().components[0]
        #expect(paid.figures == nil)
        #expect(paid.moreFigures.first?.name == "retries")
        #expect((paid.moreFigures.first?["retries"]?.number ?? 0) > 0)
    }
}

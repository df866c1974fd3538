import Testing
import HeadroomAnalysis
import HeadroomModel
import HeadroomScenario

/// Serverless functions, external APIs and traffic bursts, on deterministic set-ups whose
/// outcomes can be counted by hand.
@Suite("Functions, external APIs and bursts")
struct EconomicsModelTests {
    static func function(_ spec: ServerlessFunction, rate: Double, duration: Double = 100, warmup: Double = 0) -> Scenario {
        Build.scenario(
            rate: rate, components: [Component(id: "fn", spec)], steps: [Build.call("fn")],
            duration: .seconds(duration), warmup: .seconds(warmup), arrivals: .deterministic)
    }

    @Test("containers stay warm within the idle timeout: only the first invocation is cold")
    func warmContainers() {
        // One invocation per second, 10 ms each, 60 s idle timeout: one container serves all.
        let spec = ServerlessFunction(serviceTime: .constant(.milliseconds(10)), coldStart: .constant(.milliseconds(500)), idleTimeout: .seconds(60))
        let r = Build.run(Self.function(spec, rate: 1))
        // Arrivals at 1, 2, …, 100 s: the last is still running when the run ends at 100 s.
        #expect(r.requests.offered == 100 && r.requests.completed == 99 && r.requests.inSystemAtEnd == 1)
        #expect(r.components[0].figures?["coldStarts"] == .count(1))
        // Mean execution: (99 × 10 ms + 1 × 510 ms) / 100 = 15 ms.
        #expect(abs(r.components[0].meanServiceMs - 15) < 1e-9)
        #expect(abs((r.latencyMs?.max ?? .nan) - 510) < 1e-6)
    }

    @Test("containers idle past the timeout are reclaimed: every invocation is cold")
    func coldEveryTime() {
        // One invocation every 2 s with a 1 s idle timeout: the container is always gone.
        let spec = ServerlessFunction(serviceTime: .constant(.milliseconds(10)), coldStart: .constant(.milliseconds(200)), idleTimeout: .seconds(1))
        let r = Build.run(Self.function(spec, rate: 0.5))
        #expect(r.requests.offered == 50 && r.requests.completed == 49)
        #expect(r.components[0].figures?["coldStarts"] == .count(50))
        #expect(abs((r.latencyMs?.mean ?? .nan) - 210) < 1e-6)
    }

    @Test("invocations beyond the concurrency limit are throttled, exactly")
    func throttling() {
        // Limit 1, 99 ms executions, one arrival every 50 ms: every other invocation finds the
        // only container busy and is rejected (99 ms, not 100, so no arrival ties a completion).
        let spec = ServerlessFunction(serviceTime: .constant(.milliseconds(99)), concurrencyLimit: 1)
        let r = Build.run(Self.function(spec, rate: 20, duration: 10))
        #expect(r.requests.offered == 200)
        #expect(r.requests.rejected == 100)
        #expect(r.requests.completed + r.requests.inSystemAtEnd == 100)
        #expect(r.components[0].rejected == 100)
        #expect(r.components[0].figures?["coldStarts"] == .count(0), "no coldStart distribution means no cold starts")
    }

    @Test("an external API's token bucket refuses calls over its rate limit, exactly")
    func rateLimit() {
        // 20 calls/s against a 10/s limit with a bucket of 1: every other call is refused.
        let scenario = Build.scenario(
            rate: 20,
            components: [Component(id: "api", ExternalAPI(latency: .constant(.milliseconds(300)), rateLimit: 10, burst: 1))],
            steps: [Build.call("api")], duration: .seconds(10), arrivals: .deterministic)
        let r = Build.run(scenario)
        #expect(r.requests.offered == 200)
        #expect(r.requests.rejected == 100)
        // Calls in flight do not count against an external API: 300 ms each, 6 at once, all served.
        #expect(r.requests.failed == 0)
        #expect(abs(r.components[0].utilization - 1) < 0.01, "20 calls/s offered over a 10/s limit, 10 accepted")
    }

    @Test("a full bucket lets a burst of calls through at once")
    func bucketBurst() {
        // Limit 1/s with a bucket of 5, calls at 0.1, 0.2, …, 1.0 s: the full bucket passes the
        // first 5; refills of 0.1 per call leave 0.4 … 0.9 tokens after, so the other 5 are refused.
        let scenario = Build.scenario(
            rate: 10,
            components: [Component(id: "api", ExternalAPI(latency: .constant(.milliseconds(1)), rateLimit: 1, burst: 5))],
            steps: [Build.call("api")], duration: .seconds(1), arrivals: .deterministic)
        let r = Build.run(scenario)
        #expect(r.requests.offered == 10)
        #expect(r.requests.rejected == 5)
    }

    @Test("bursts change the arrival rate while they last, periodically")
    func bursts() {
        // 10/s base, 50/s for 10 s every 60 s starting at 30 s, for 120 s: bursts cover
        // [30, 40) and [90, 100): 20 s at 50/s and 100 s at 10/s = 2,000 arrivals.
        var workload = Workload(arrivals: .deterministic, rate: 10, mix: [.init("req", weight: 1)])
        workload.bursts = [Workload.Burst(start: .seconds(30), duration: .seconds(10), rate: 50, every: .seconds(60))]
        var scenario = Build.scenario(rate: 10, components: [Build.pool("a", servers: 100, service: .constant(.milliseconds(1)))],
                                      steps: [Build.call("a")], duration: .seconds(120))
        scenario.workload = workload
        let r = Build.run(scenario)
        #expect(abs(r.requests.offered - 2_000) <= 2, "\(r.requests.offered)")
    }

    @Test("Poisson arrivals with bursts average the time-weighted rate")
    func poissonBursts() {
        // Rate 10/s, 100/s for 20 % of the time: mean 28/s over 6,000 s ≈ 168,000 arrivals;
        // a Poisson count has σ = √168,000 ≈ 410, so 5σ ≈ 2,050.
        var scenario = Build.scenario(rate: 10, components: [Build.pool("a", servers: 1_000, service: .constant(.milliseconds(1)))],
                                      steps: [Build.call("a")], duration: .seconds(6_000))
        scenario.workload.bursts = [Workload.Burst(start: .seconds(0), duration: .seconds(12), rate: 100, every: .seconds(60))]
        let r = Build.run(scenario)
        #expect(abs(Double(r.requests.offered) - 168_000) < 2_050, "\(r.requests.offered)")
    }

    /// ∫ rate over [0, duration] straight from the definition: burst b is on during
    /// [start + k·every, start + k·every + length) for k = 0, 1, …; the first burst on at an
    /// instant sets the rate, else the base rate does. Every on/off edge inside the run is
    /// listed, and the rate is constant between consecutive edges, so it is read at midpoints.
    static func rateIntegral(base: Double, bursts: [Workload.Burst], duration: Double) -> Double {
        var edges: Set<Double> = [0, duration]
        for b in bursts {
            var k = 0.0
            while true {
                let on = b.start.seconds + k * (b.every?.seconds ?? 0)
                guard on < duration, k == 0 || b.every != nil else { break }
                edges.insert(on)
                edges.insert(min(duration, on + b.duration.seconds))
                k += 1
            }
        }
        func rate(at t: Double) -> Double {
            for b in bursts {
                let since = t - b.start.seconds
                guard since >= 0 else { continue }
                let offset = b.every.map { since - ($0.seconds * (since / $0.seconds).rounded(.down)) } ?? since
                if offset < b.duration.seconds { return b.rate }
            }
            return base
        }
        let sorted = edges.sorted()
        return zip(sorted, sorted.dropFirst()).reduce(0) { sum, segment in
            sum + rate(at: (segment.0 + segment.1) / 2) * (segment.1 - segment.0)
        }
    }

    @Test("the rate integral of a schedule worked by hand")
    func rateIntegralByHand() {
        // 10/s base for 60 s; a burst of 100/s on [5, 7), [15, 17), … (every 10 s, 6 of them) → 12 s
        // at 100/s; a second burst of 0/s on [6, 9) once, overlapping the first on [6, 7) where the
        // first wins, so 2 s at 0/s. 100 × 12 + 0 × 2 + 10 × (60 − 14) = 1,660.
        let bursts = [
            Workload.Burst(start: .seconds(5), duration: .seconds(2), rate: 100, every: .seconds(10)),
            Workload.Burst(start: .seconds(6), duration: .seconds(3), rate: 0),
        ]
        #expect(abs(Self.rateIntegral(base: 10, bursts: bursts, duration: 60) - 1_660) < 1e-9)
    }

    @Test("random burst schedules: time never goes back, and deterministic counts match the rate integral, over 300 seeds")
    func burstProperty() {
        var random = UInt64(0x5eed)
        func next() -> Double {
            random &+= 0x9e37_79b9_7f4a_7c15
            var z = random
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        for seed in 0..<300 {
            let duration = 20 + 40 * next()
            var bursts: [Workload.Burst] = []
            for _ in 0..<Int(next() * 3) {
                let length = 0.5 + 5 * next()
                let every: Double? = next() < 0.5 ? nil : length + 0.1 + 10 * next()
                bursts.append(Workload.Burst(start: .seconds(20 * next()), duration: .seconds(length), rate: (next() < 0.2 ? 0 : 200 * next()), every: every.map { .seconds($0) }))
            }
            for arrivals in [Workload.Arrivals.deterministic, .poisson] {
                var scenario = Build.scenario(rate: 1 + 50 * next(), components: [Build.pool("a", servers: 10_000, service: .constant(.milliseconds(1)))],
                                              steps: [Build.call("a")], duration: .seconds(duration), arrivals: arrivals)
                scenario.workload.bursts = bursts
                let r = Build.run(scenario)
                // The expected count is the integral of the rate over [0, duration], computed
                // here from the bursts' definition — not with the Workload's own rate(at:) and
                // nextRateChange(after:), which the simulator uses and a bug would share.
                let expected = Self.rateIntegral(base: scenario.workload.rate, bursts: bursts, duration: duration)
                if arrivals == .deterministic {
                    // Each segment of constant rate loses at most one arrival to its boundary.
                    let segments = Double(bursts.count) * (duration / 0.6 + 2) + 1
                    #expect(Double(r.requests.offered) <= expected + 1, "seed \(seed)")
                    #expect(Double(r.requests.offered) >= expected - segments, "seed \(seed)")
                } else {
                    // Poisson count: within 6 standard deviations (√expected) plus one.
                    #expect(abs(Double(r.requests.offered) - expected) <= 6 * expected.squareRoot() + 1, "seed \(seed): \(r.requests.offered) vs \(expected)")
                }
            }
        }
    }
}

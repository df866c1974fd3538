import Foundation
import Testing
@testable import HeadroomModel
import HeadroomAnalysis
import HeadroomEngine
import HeadroomScenario

/// Traffic over time: shaped rates (step, ramp, spike, diurnal, hourly) by inversion of the
/// cumulative rate, trace replay and closed-loop users. Expected counts are integrals of the
/// rate function computed here in closed form, independently of the model's own pieces.
@Suite("Traffic over time")
struct TrafficTests {
    /// A scenario whose one class calls a server that takes no time: arrivals are all it measures.
    static func scenario(
        _ workload: Workload, duration: Double, bucket: Double, seed: UInt64 = 5
    ) -> Scenario {
        Scenario(
            name: "traffic", seed: seed, duration: .seconds(duration), workload: workload,
            components: [Component(id: "s", ServicePool(concurrency: 1_000_000, serviceTime: .constant(.zero)))],
            routes: [Route(requestClass: "req", steps: [.call(Call("s"))])], timeBucket: .seconds(bucket))
    }

    static func run(_ s: Scenario) -> RunMeasurements {
        let problems = ScenarioValidator.validate(s)
        #expect(problems.isEmpty, "\(problems)")
        do { return try Simulation(scenario: s).run() } catch { fatalError("\(error)") }
    }

    static func workload(rate: Double, shape: TrafficShape?, arrivals: Workload.Arrivals = .poisson, bursts: [Workload.Burst] = []) -> Workload {
        Workload(arrivals: arrivals, rate: rate, mix: [.init("req", weight: 1)], bursts: bursts, shape: shape)
    }

    /// Checks Poisson counts per bucket against `expected(a, b)`, the integral of the rate over
    /// [a, b): each count within 4.5 standard deviations (√μ) of its mean — with at most a few
    /// hundred buckets a correct model exceeds that with probability below 0.2 % — and the sum
    /// of squared z-scores within 5 standard deviations (√(2k)) of its chi-square mean k.
    static func expectPoisson(_ m: RunMeasurements, _ expected: (Double, Double) -> Double, _ label: String) {
        var chi = 0.0, k = 0
        for b in m.buckets {
            let mu = expected(b.start, b.end)
            guard mu > 0 else {
                #expect(b.arrivals == 0, "\(label): bucket at \(b.start) expected no arrivals")
                continue
            }
            let z = (Double(b.arrivals) - mu) / mu.squareRoot()
            #expect(abs(z) < 4.5, "\(label): bucket at \(b.start): \(b.arrivals) arrivals, expected \(mu)")
            chi += z * z
            k += 1
        }
        let df = Double(k)
        #expect(abs(chi - df) < 5 * (2 * df).squareRoot(), "\(label): chi-square \(chi) over \(k) buckets")
    }

    /// ∫ of a piecewise-linear rate through `points` (time, rate) over [a, b), split at every
    /// point and exact on each linear part by the midpoint rule (a step is two points at one time).
    static func piecewiseLinear(_ points: [(Double, Double)], _ a: Double, _ b: Double) -> Double {
        func rate(_ t: Double) -> Double {
            if t <= points[0].0 { return points[0].1 }
            for (p, q) in zip(points, points.dropFirst()) where t <= q.0 {
                return p.1 + (q.1 - p.1) * (t - p.0) / (q.0 - p.0)
            }
            return points[points.count - 1].1
        }
        let cuts = ([a, b] + points.map(\.0).filter { $0 > a && $0 < b }).sorted()
        return zip(cuts, cuts.dropFirst()).reduce(0) { $0 + rate(($1.0 + $1.1) / 2) * ($1.1 - $1.0) }
    }

    @Test("step, ramp and spike: Poisson counts per bucket match the integral of the rate")
    func stepRampSpike() {
        let step = Self.run(Self.scenario(Self.workload(rate: 50, shape: .step(at: .seconds(300), to: 200)), duration: 600, bucket: 10))
        Self.expectPoisson(step, { a, b in Self.piecewiseLinear([(0, 50), (300, 50), (300, 200), (600, 200)], a, b) }, "step")
        let ramp = Self.run(Self.scenario(
            Self.workload(rate: 20, shape: .ramp(start: .seconds(100), duration: .seconds(400), to: 300)), duration: 600, bucket: 10))
        Self.expectPoisson(ramp, { a, b in Self.piecewiseLinear([(0, 20), (100, 20), (500, 300), (600, 300)], a, b) }, "ramp")
        let spike = Self.run(Self.scenario(
            Self.workload(rate: 30, shape: .spike(at: .seconds(200), peak: 600, rise: .seconds(30), hold: .seconds(60), decay: .seconds(90))),
            duration: 600, bucket: 10))
        Self.expectPoisson(spike, { a, b in
            Self.piecewiseLinear([(0, 30), (200, 30), (230, 600), (290, 600), (380, 30), (600, 30)], a, b)
        }, "spike")
    }

    /// ∫ of trough + (peak − trough)(1 + cos(2π(t − peakAt)/period))/2 over [a, b).
    static func diurnal(trough: Double, peak: Double, peakAt: Double, period: Double, _ a: Double, _ b: Double) -> Double {
        let mean = (trough + peak) / 2, amplitude = (peak - trough) / 2, w = 2 * Double.pi / period
        return mean * (b - a) + amplitude / w * (sin(w * (b - peakAt)) - sin(w * (a - peakAt)))
    }

    @Test("diurnal: Poisson counts per bucket match the sinusoid's integral; evenly spaced ones within one arrival of it")
    func diurnal() {
        let shape = TrafficShape.diurnal(peak: 400, peakAt: .seconds(900), period: .seconds(3_600))
        let expected = { (a: Double, b: Double) in Self.diurnal(trough: 40, peak: 400, peakAt: 900, period: 3_600, a, b) }
        let poisson = Self.run(Self.scenario(Self.workload(rate: 40, shape: shape), duration: 7_200, bucket: 30))
        Self.expectPoisson(poisson, expected, "diurnal")
        // Evenly spaced arrivals fall where the cumulative rate crosses 1, 2, 3, …: a bucket
        // [a, b) holds ⌊Λ(b)⌋ − ⌊Λ(a)⌋ of them, within one of Λ(b) − Λ(a).
        let even = Self.run(Self.scenario(Self.workload(rate: 40, shape: shape, arrivals: .deterministic), duration: 7_200, bucket: 30))
        var total = 0
        for b in even.buckets {
            #expect(abs(Double(b.arrivals) - expected(b.start, b.end)) < 1 + 1e-6, "bucket at \(b.start): \(b.arrivals)")
            total += b.arrivals
        }
        #expect(abs(Double(total) - expected(0, 7_200)) < 1 + 1e-6)
    }

    @Test("hourly points over a day: counts match the piecewise-linear profile, and bursts still override it")
    func hourly() {
        let rates: [Double] = [5, 4, 3, 3, 3, 4, 8, 15, 25, 30, 32, 33, 35, 34, 33, 32, 30, 28, 25, 20, 15, 12, 9, 6]
        let points = (0...24).map { (Double($0) * 3_600, rates[$0 % 24]) }
        let m = Self.run(Self.scenario(
            Workload(rate: 0, mix: [.init("req", weight: 1)], bursts: [Workload.Burst(start: .hours(12), duration: .minutes(30), rate: 200)],
                     shape: .hourly(rates)),
            duration: 86_400, bucket: 600))
        Self.expectPoisson(m, { a, b in
            // The burst (12:00–12:30) replaces the profile while it is on.
            let lo = max(a, 43_200), hi = min(b, 45_000)
            let burst = max(0, hi - lo)
            return Self.piecewiseLinear(points, a, b) - (burst > 0 ? Self.piecewiseLinear(points, lo, hi) : 0) + 200 * burst
        }, "hourly")
    }

    @Test("a timestamps trace is replayed exactly, faster by its speed")
    func timestampTrace() {
        let times = (0..<5_000).map { Double($0 * $0 % 9_973) / 10 }.sorted()
        let trace = Trace(file: "t.csv", format: .timestamps, times: times)
        let m = Self.run(Self.scenario(Workload(rate: 0, mix: [.init("req", weight: 1)], shape: .trace(trace)), duration: 1_000, bucket: 10))
        for b in m.buckets {
            let expected = times.filter { $0 >= b.start && $0 < b.end }.count
            #expect(b.arrivals == expected, "bucket at \(b.start)")
        }
        var fast = trace
        fast.speed = 2
        let doubled = Self.run(Self.scenario(Workload(rate: 0, mix: [.init("req", weight: 1)], shape: .trace(fast)), duration: 1_000, bucket: 10))
        #expect(doubled.buckets.map(\.arrivals).reduce(0, +) == times.count)
        #expect(doubled.buckets.first { $0.start == 100 }?.arrivals == times.filter { $0 >= 200 && $0 < 220 }.count)
    }

    @Test("a counts trace gives each second exactly its count, spread uniformly within it")
    func countTrace() {
        // Half-second buckets: each second's two halves add up to its count exactly, and over all
        // seconds the first halves hold a Binomial(n, 1/2) share: within 5σ = 5·√n/2 of n/2.
        let counts = (0..<600).map { ($0 * 37 + 11) % 53 }
        let trace = Trace(file: "c.csv", format: .counts, counts: counts)
        let m = Self.run(Self.scenario(Workload(rate: 0, mix: [.init("req", weight: 1)], shape: .trace(trace)), duration: 600, bucket: 0.5))
        var firstHalves = 0
        for (k, n) in counts.enumerated() {
            #expect(m.buckets[2 * k].arrivals + m.buckets[2 * k + 1].arrivals == n, "second \(k)")
            firstHalves += m.buckets[2 * k].arrivals
        }
        let n = Double(counts.reduce(0, +))
        #expect(abs(Double(firstHalves) - n / 2) < 5 * n.squareRoot() / 2, "\(firstHalves) of \(n)")
        // Evenly spaced within the second: the halves differ by at most one.
        let even = Self.run(Self.scenario(
            Workload(arrivals: .deterministic, rate: 0, mix: [.init("req", weight: 1)], shape: .trace(trace)), duration: 600, bucket: 0.5))
        for (k, n) in counts.enumerated() {
            #expect(abs(even.buckets[2 * k].arrivals - even.buckets[2 * k + 1].arrivals) <= 1 && even.buckets[2 * k].arrivals + even.buckets[2 * k + 1].arrivals == n)
        }
    }

    @Test("the configured mean rate of a shape is reported as the workload rate")
    func workloadRate() {
        let m = Self.run(Self.scenario(Self.workload(rate: 50, shape: .step(at: .seconds(300), to: 200)), duration: 600, bucket: 10))
        #expect(abs(m.offeredRate - 125) < 1e-9)
    }

    @Test("closed loop: the interactive response-time law R = N/X − Z holds on the sample path")
    func responseTimeLaw() {
        // N users, constant think Z, one exponential server. Over the window each user's time is
        // its whole cycles (response + think) plus at most one partial cycle at each end, so
        // N·T = n·(R̄ + Z) + E with |E| ≤ 2N·(longest cycle): |N/X − Z − R̄| = |E|/n ≤ 2N(Rmax + Z)/n.
        for (users, think) in [(20, 0.5), (60, 0.2), (5, 2.0)] {
            let s = Scenario(
                name: "closed", seed: 9, duration: .seconds(1_000), warmup: .seconds(20),
                workload: Workload(rate: 0, mix: [.init("req", weight: 1)], users: users, thinkTime: .constant(.seconds(think))),
                components: [Component(id: "s", ServicePool(concurrency: 1, serviceTime: .exponential(mean: .milliseconds(20))))],
                routes: [Route(requestClass: "req", steps: [.call(Call("s"))])])
            let m = Self.run(s)
            let n = Double(m.overall.completed)
            let x = n / m.measuredSeconds
            let r = m.overall.latencySum / n
            let bound = 2 * Double(users) * (m.overall.latencyMax + think) / n
            #expect(abs(Double(users) / x - think - r) <= bound, "N = \(users): R = \(r), N/X − Z = \(Double(users) / x - think), bound \(bound)")
            #expect(m.overall.offered == m.overall.completed + m.overall.inSystemAtEnd)
            #expect(m.overall.inSystemAtEnd <= users)
            #expect(m.users == users)
        }
    }
}

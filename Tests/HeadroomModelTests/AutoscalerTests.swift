import Foundation
import Testing
@testable import HeadroomModel
import HeadroomAnalysis
import HeadroomEngine
import HeadroomScenario

/// Autoscalers: the HPA rule on the known cases, the seeds' threshold policy and the HPA
/// on deterministic runs worked out by hand, and seeded property tests of cooldowns, limits,
/// min and max.
@Suite("Autoscalers")
struct AutoscalerTests {
    @Test("the HPA rule: 50 at 90 % vs 75 % → 60; 10 at 52 % vs 50 % → 10 (tolerance); 10 at 56 % vs 50 % → 12")
    func hpaKnownCases() {
        #expect(hpaRecommendation(ready: 50, unready: 0, metric: 90, target: 75, tolerance: 0.1) == 60)
        #expect(hpaRecommendation(ready: 10, unready: 0, metric: 52, target: 50, tolerance: 0.1) == 10)
        #expect(hpaRecommendation(ready: 10, unready: 0, metric: 56, target: 50, tolerance: 0.1) == 12)
        // Scale-down: ceil(10 × 30/50) = 6; exactly at the tolerance's edge nothing changes.
        #expect(hpaRecommendation(ready: 10, unready: 0, metric: 30, target: 50, tolerance: 0.1) == 6)
        #expect(hpaRecommendation(ready: 10, unready: 0, metric: 55, target: 50, tolerance: 0.1) == 10)
        // Starting instances count as idle in a scale-up: 4 ready at 90 % and 2 starting vs 50 %
        // is 4 × 90 / 6 = 60 % on 6, ratio 1.2 → ceil(6 × 1.2) = 8.
        #expect(hpaRecommendation(ready: 4, unready: 2, metric: 90, target: 50, tolerance: 0.1) == 8)
        // … 4 ready at 70 % and 4 starting vs 50 %: 4 × 70 / 8 = 35 % < 50 %: the scale-up reverses, so none.
        #expect(hpaRecommendation(ready: 4, unready: 4, metric: 70, target: 50, tolerance: 0.1) == 8)
        // … 4 ready at 60 % and 1 starting vs 50 %: 48 % on 5, within tolerance: none.
        #expect(hpaRecommendation(ready: 4, unready: 1, metric: 60, target: 50, tolerance: 0.1) == 5)
        // The default scale-up limit: the larger of +4 and ×2 per period.
        #expect(hpaScaleUpLimit(periodStart: 1, pods: 4, percent: 100) == 5)
        #expect(hpaScaleUpLimit(periodStart: 10, pods: 4, percent: 100) == 20)
    }

    /// "app": 2 instances × 1 worker of constant 90 ms, called at `rate` per second (evenly
    /// spaced, then a step to `later` at `stepAt`), scaled by `scaler`.
    static func scenario(rate: Double, later: Double, stepAt: Double, duration: Double, scaler: Autoscaling, workers: Int = 1,
                         service: Double = 0.09, instances: Int = 2) -> Scenario {
        Scenario(
            name: "scaling", seed: 3, duration: .seconds(duration),
            workload: Workload(arrivals: .deterministic, rate: rate, mix: [.init("req", weight: 1)], shape: .step(at: .seconds(stepAt), to: later)),
            components: [
                Component(id: "app", ServicePool(instances: instances, concurrency: workers, serviceTime: .constant(.seconds(service))), pricing: Pricing(instanceHour: 3.6)),
                Component(id: "scaler", scaler),
            ],
            routes: [Route(requestClass: "req", steps: [.call(Call("app"))])], timeBucket: .seconds(10))
    }

    static func run(_ s: Scenario) -> RunMeasurements {
        let problems = ScenarioValidator.validate(s)
        #expect(problems.isEmpty, "\(problems)")
        do { return try Simulation(scenario: s).run() } catch { fatalError("\(error)") }
    }

    static func steps(_ m: RunMeasurements) -> [[Double]] { m.scalingDecisions.map { [$0.atSeconds, Double($0.from), Double($0.to)] } }

    @Test("the seeds' policy: +1 above 70 %, 5 min up-cooldown, −1 below 30 %, 10 min down-cooldown, min 2; billing follows the fleet")
    func thresholdByHand() {
        // 30 req/s × 90 ms = 2.7 erlangs on 2 workers: saturated. t = 60: utilization 100 % → 3.
        // The up-cooldown holds until 360, when the last minute ran at 90 % (the backlog of the
        // first minute drained by ~270 s) → 4, at 67.5 %: no more. At 600 the rate drops to 5/s
        // (11 %): t = 660 → 3 (down-cooldown since then), t = 1260 → 2 = min.
        for boot in [0.0, 30.0] {
            let m = Self.run(Self.scenario(rate: 30, later: 5, stepAt: 600, duration: 1_500, scaler: Autoscaling(scales: "app", bootTime: .seconds(boot))))
            #expect(Self.steps(m) == [[60, 2, 3], [360, 3, 4], [660, 4, 3], [1_260, 3, 2]], "boot \(boot): \(Self.steps(m))")
            // The first request arrives at 1/30 s: the workers were held (60 − 1/30) / 60 = 99.94 % of the first minute.
            #expect(m.scalingDecisions.first?.reason == "utilization 99.9 % > 70 % and requests 99.9 % of capacity > 80 %")
            // At 1,260 the last minute ran 5/s × 90 ms = 0.45 erlangs on 3 instances: 15 %.
            #expect(m.scalingDecisions.last?.reason == "utilization 15.0 % < 30 % and requests 15.0 % of capacity < 30 %")
            // Instance-seconds: 2 × 60 + 3 × 300 + 4 × 300 + 3 × 600 + 2 × 240 = 4,500 (booting
            // instances are billed), plus at most one 90 ms request finishing on each drained one.
            let app = m.components[0]
            #expect(app.instanceSeconds >= 4_500 - 1e-6 && app.instanceSeconds <= 4_500.2, "\(app.instanceSeconds)")
            // No request failed: drained instances finish what they hold.
            #expect(m.overall.errors.total == 0)
            // While the third instance boots it serves nothing: in [60, 70) the workers available
            // are 2 × 10 s without a boot time, 2 × 10 s with one, and 3 × 10 s from t = 90.
            let bucket = m.buckets.first { $0.start == 60 }!.components[0]
            #expect(abs(bucket.workerSeconds - (boot == 0 ? 30 : 20)) < 1e-9)
            #expect(abs(bucket.instanceSeconds - 30) < 1e-9)
        }
    }

    @Test("the HPA: one step up to 3, then a scale-down held by the 5-minute stabilization window")
    func targetTrackingByHand() {
        // 2 instances × 10 workers of 1 s at 18 req/s: 87 % over the first 15 s (the first
        // second fills up) vs a 75 % target → ceil(2 × 1.16) = 3, at 60 % after: inside the
        // tolerance (ceil(3 × 0.8) = 3). At t = 100 the rate drops to 4/s: t = 105 recommends 2
        // (44 % over [90, 105]), then 1 — but the window still holds the 3 of t = 90 until it
        // leaves at 390: down to 2 (the highest of 105 … 390), and at 405 to 1.
        let scaler = Autoscaling(scales: "app", policy: .targetTracking, min: 1, max: 10, target: 75)
        let m = Self.run(Self.scenario(rate: 18, later: 4, stepAt: 100, duration: 600, scaler: scaler, workers: 10, service: 1))
        #expect(Self.steps(m) == [[15, 2, 3], [390, 3, 2], [405, 2, 1]], "\(Self.steps(m))")
        #expect(m.scalingDecisions[1].reason.contains("highest recommendation of the last 5 min: 2"), "\(m.scalingDecisions[1].reason)")
    }

    /// Random autoscaled runs: bursty or diurnal traffic on a pool, either policy, random limits.
    static func randomRun(seed: UInt64) -> (Autoscaling, RunMeasurements) {
        var g = SplitMix(seed: seed)
        let threshold = g.next() % 2 == 0
        let lo = 1 + Int(g.next() % 3), hi = lo + 2 + Int(g.next() % 8)
        let interval = Double([15, 30, 60][Int(g.next() % 3)])
        var scaler = Autoscaling(
            scales: "app", policy: threshold ? .threshold : .targetTracking, metric: [.utilization, .workersHeld, .inFlightPerInstance][Int(g.next() % 3)],
            min: lo, max: hi, interval: .seconds(interval), bootTime: .seconds(Double(g.next() % 60)))
        if threshold {
            scaler.scaleUpCooldown = .seconds(Double(g.next() % 300))
            scaler.scaleDownCooldown = .seconds(Double(g.next() % 600))
            if scaler.metric == .inFlightPerInstance {
                scaler.scaleUpAbove = 6
                scaler.scaleDownBelow = 2
            }
        } else {
            scaler.target = scaler.metric == .inFlightPerInstance ? 4 : 60
            scaler.stabilizationWindow = .seconds(Double(g.next() % 300))
        }
        let shape: TrafficShape = g.next() % 2 == 0
            ? .diurnal(peak: 400, peakAt: .seconds(1_800), period: .seconds(3_600))
            : .spike(at: .seconds(900), peak: 500, rise: .seconds(60), hold: .seconds(600), decay: .seconds(300))
        let s = Scenario(
            name: "random-scaling", seed: seed, duration: .seconds(3_600),
            workload: Workload(rate: 20, mix: [.init("req", weight: 1)], shape: shape),
            components: [
                Component(id: "app", ServicePool(instances: lo, concurrency: 8, serviceTime: .exponential(mean: .milliseconds(40)))),
                Component(id: "scaler", scaler),
            ],
            routes: [Route(requestClass: "req", steps: [.call(Call("app"))])])
        return (scaler, Self.run(s))
    }

    @Test("property: sizes stay within min…max, evaluations fall on the interval, cooldowns and scale-up limits hold (30 seeds)")
    func properties() {
        var scaled = 0
        for seed in UInt64(1)...30 {
            let (scaler, m) = Self.randomRun(seed: seed)
            let decisions = m.scalingDecisions
            var size = scaler.effectiveMin
            var lastUp = -Double.infinity, lastDown = -Double.infinity
            for d in decisions {
                let context = "seed \(seed), \(scaler.policy) at \(d.atSeconds)"
                #expect(d.from == size, "\(context): from \(d.from), expected \(size)")
                #expect(d.to >= scaler.effectiveMin && d.to <= scaler.effectiveMax && d.to != d.from, "\(context): to \(d.to)")
                let k = d.atSeconds / scaler.effectiveInterval.seconds
                #expect(abs(k - k.rounded()) < 1e-9, "\(context): not on the interval")
                if d.to > d.from {
                    switch scaler.policy {
                    case .threshold:
                        #expect(d.to == d.from + 1 && d.atSeconds - lastUp >= scaler.scaleUpCooldown.seconds, "\(context)")
                    case .targetTracking:
                        #expect(d.to <= max(d.from + 4, 2 * d.from), "\(context): \(d.from) → \(d.to)")
                    }
                    lastUp = d.atSeconds
                } else {
                    switch scaler.policy {
                    case .threshold:
                        #expect(d.to == d.from - 1 && d.atSeconds - lastDown >= scaler.scaleDownCooldown.seconds, "\(context)")
                    case .targetTracking:
                        // A scale-up's recommendation stays in the window: no scale-down within it.
                        #expect(d.atSeconds - lastUp >= scaler.stabilizationWindow.seconds - 1e-9, "\(context)")
                    }
                    lastDown = d.atSeconds
                }
                size = d.to
            }
            #expect(m.overall.offered == m.overall.completed + m.overall.errors.total + m.overall.inSystemAtEnd, "seed \(seed)")
            if !decisions.isEmpty { scaled += 1 }
        }
        // The checks above bind only where something scaled: most runs must (a run whose limits
        // are wide for its traffic may never cross a threshold).
        #expect(scaled >= 20, "\(scaled) of 30 runs scaled")
    }
}

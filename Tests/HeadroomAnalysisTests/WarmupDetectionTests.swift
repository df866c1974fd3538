import Foundation
import Testing
import HeadroomAnalysis
import HeadroomEngine

@Suite("MSER-5 warm-up detection")
struct WarmupDetectionTests {
    /// Standard normal draws by Box–Muller from a seeded stream (independent of the engine's distributions).
    static func normals(seed: UInt64, count: Int) -> [Double] {
        let stream = RandomStreams(seed: seed).stream(named: "mser-test")
        return (0..<count).map { _ in
            (-2 * log(stream.uniform())).squareRoot() * cos(2 * Double.pi * stream.uniform())
        }
    }

    /// Records `values` one by one, each at time = its index.
    static func series(_ values: [Double]) -> BatchMeans {
        var series = BatchMeans()
        for (i, x) in values.enumerated() { series.record(x, at: Double(i)) }
        return series
    }

    @Test("S(d) equals the definition computed directly, for every cut of small series")
    func statisticMatchesDefinition() {
        for m in [6, 7, 12, 30] {
            let z = Self.normals(seed: UInt64(m), count: m).map { 10 + $0 }
            let s = MSER.statistics(z)
            #expect(s.count == m - MSER.minimumTail + 1)
            for d in s.indices {
                let tail = z[d...]
                let mean = tail.reduce(0, +) / Double(tail.count)
                let direct = tail.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(tail.count * tail.count)
                #expect(abs(s[d] - direct) <= 1e-12 * max(direct, 1e-12), "m \(m), d \(d): \(s[d]) vs \(direct)")
            }
        }
    }

    // The known transient: 5,000 observations of N(0, 1) noise whose first 500 carry a bias of +3
    // (a level shift, the cleanest transient to reason about): batch means of 5 have noise
    // σ_b = 1/√5 ≈ 0.447, so the first 100 of the 1,000 batches are biased by 3 ≈ 6.7 σ_b.
    //
    // Where the minimum falls, by hand: with n batches kept and SS their squared deviations,
    // keeping one more batch that deviates by e lowers S(d) only if e² < SS·(2n+1)/n² ≈ 2σ_b².
    // - A biased batch deviates by about 3 + noise: for it to be kept, the noise must be below
    //   −3 + √2·σ_b, i.e. 5.3 σ_b — probability 6e-8. So the cut never ends inside the transient.
    // - Dropping k further unbiased batches lowers S only when their mean squared deviation
    //   exceeds 2σ_b², i.e. χ²_k / k > 2: P ≈ 0.03 for k = 10, 5e-5 for k = 50. So the cut ends
    //   within 50 batches (5 % of the run) after the transient, except with probability under
    //   1e-3 per series (summing the tail over k ≥ 50).
    @Test("a known transient (+3 over the first 500 of 5,000 observations) is cut at batch 100 to 150, for 50 seeds")
    func knownTransient() {
        for seed in UInt64(1)...50 {
            let values = Self.normals(seed: seed, count: 5_000).enumerated().map { i, x in x + (i < 500 ? 3 : 0) }
            let detection = WarmupDetection(series: Self.series(values))
            #expect(detection.decided, "seed \(seed)")
            #expect(detection.batchSize == 5 && detection.batches == 1_000)
            #expect((100...150).contains(detection.cutBatches), "seed \(seed): cut \(detection.cutBatches)")
            // The warm-up is the time of the last dropped observation: index 5d − 1 (times are indices).
            #expect(detection.warmupSeconds >= 499, "seed \(seed)")
        }
    }

    @Test("a stationary series needs (almost) no cut: under 50 batches of 1,000, for 50 seeds")
    func stationary() {
        // The same argument as above with no biased batch: dropping k leading batches pays only
        // when χ²_k / k > 2, so cuts of 50 or more have probability under 1e-3 per series.
        for seed in UInt64(101)...150 {
            let detection = WarmupDetection(series: Self.series(Self.normals(seed: seed, count: 5_000)))
            #expect(detection.decided && detection.cutBatches < 50, "seed \(seed): cut \(detection.cutBatches)")
        }
    }

    @Test("a series that never settles (a steady upward trend) is refused: the run is too short")
    func neverSettles() {
        // A trend of 10 over the run against noise 1: the last batches always vary least about
        // their own mean, so the minimum lies in the second half.
        let values = Self.normals(seed: 7, count: 5_000).enumerated().map { i, x in x + 10 * Double(i) / 5_000 }
        let detection = WarmupDetection(series: Self.series(values))
        #expect(!detection.decided)
        #expect(detection.cutBatches == 0 && detection.warmupSeconds == 0)
    }

    @Test("fewer than 20 batch means (100 observations) are too few to decide")
    func tooFew() {
        let detection = WarmupDetection(series: Self.series(Self.normals(seed: 3, count: 99)))
        #expect(detection.batches == 19 && !detection.decided)
        // At 20 batches the rule applies: 20 observations of 10 then 80 of 0 make S(d) = 0 from
        // d = 4 on, and the earliest minimum is taken.
        let enough = WarmupDetection(series: Self.series((0..<100).map { $0 < 20 ? 10 : 0 }))
        #expect(enough.batches == 20 && enough.decided && enough.cutBatches == 4, "\(enough)")
    }

    @Test("after merging, the cut is in merged batches and the time is the merged batch's end")
    func merged() {
        // 50,000 observations: 10,000 batches of 5 → merged to 2,500 batches of 20. A transient
        // of the first 5,000 observations is then the first 250 merged batches.
        let values = Self.normals(seed: 11, count: 50_000).enumerated().map { i, x in x + (i < 5_000 ? 3 : 0) }
        let detection = WarmupDetection(series: Self.series(values))
        #expect(detection.batchSize == 20 && detection.batches == 2_500)
        #expect((250...375).contains(detection.cutBatches), "cut \(detection.cutBatches)")
        #expect(detection.warmupSeconds >= 4_999)
    }
}

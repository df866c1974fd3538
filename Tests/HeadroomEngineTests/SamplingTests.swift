import Foundation
import Testing
import HeadroomEngine

@Suite("Zipf keys, bucket histograms, tables and flat samplers")
struct SamplingTests {
    @Test("Zipf ranks follow 1/k^s exactly, for s of 0, 0.8, 1 and 1.4", arguments: [0.0, 0.8, 1.0, 1.4])
    func zipfFrequencies(exponent: Double) {
        let streams = RandomStreams(seed: 21)
        defer { withExtendedLifetime(streams) {} }
        let generator = streams.generator(named: "zipf")
        let n = 50, draws = 400_000
        let zipf = ZipfSampler(count: n, exponent: exponent)
        var counts = Array(repeating: 0, count: n + 1)
        for _ in 0..<draws { counts[zipf.sample(generator)] += 1 }
        #expect(counts[0] == 0)
        for k in 1...n {
            // A binomial count: within 5 standard deviations √(N p (1 − p)) of N p (plus one).
            let p = zipf.probability(ofRank: k)
            let sd = (Double(draws) * p * (1 - p)).squareRoot()
            #expect(abs(Double(counts[k]) - Double(draws) * p) <= 5 * sd + 1, "s \(exponent), rank \(k): \(counts[k]) vs \(Double(draws) * p)")
        }
    }

    @Test("Zipf over one key and over a billion keys stays in range")
    func zipfEdges() {
        let streams = RandomStreams(seed: 2)
        defer { withExtendedLifetime(streams) {} }
        let generator = streams.generator(named: "z")
        let one = ZipfSampler(count: 1, exponent: 1.2)
        #expect((0..<100).allSatisfy { _ in one.sample(generator) == 1 })
        let huge = ZipfSampler(count: 1_000_000_000, exponent: 0.99)
        for _ in 0..<10_000 { #expect((1...1_000_000_000).contains(huge.sample(generator))) }
    }

    @Test("bucket histogram percentiles lie within 1 % of the exact order statistics")
    func bucketHistogram() {
        let streams = RandomStreams(seed: 4)
        defer { withExtendedLifetime(streams) {} }
        let generator = streams.generator(named: "h")
        var histogram = BucketHistogram()
        var values: [Double] = []
        for _ in 0..<50_000 {
            let x = Distribution.lognormal(mean: 0.02, cv: 2).sample(generator)
            values.append(x)
            histogram.record(x)
        }
        values.sort()
        for p in [50.0, 90, 95, 99, 99.9] {
            let exact = values[Int((p / 100 * Double(values.count)).rounded(.up)) - 1]
            let binned = histogram.valueAtPercentile(p)
            // A bin spans 1/128 of its octave: its midpoint is within 0.4 % of any value in it.
            #expect(abs(binned - exact) <= 0.004 * exact, "p\(p): \(binned) vs \(exact)")
        }
        histogram.reset()
        #expect(histogram.count == 0 && histogram.valueAtPercentile(50) == 0)
        histogram.record(1e-12)
        histogram.record(1e12)
        #expect(histogram.valueAtPercentile(1) < 1e-8 && histogram.valueAtPercentile(100) > 1e9)
    }

    @Test("a table grows, keeps its elements and pops from the end")
    func table() {
        var table = Table<Int32>([7], capacity: 1)
        for k in 1..<1_000 { table.append(Int32(k)) }
        table.append(repeating: -1, count: 10)
        #expect(table.count == 1_010)
        #expect(table[0] == 7 && table[999] == 999 && table[1_009] == -1)
        table[5] += 100
        #expect(table[5] == 105)
        #expect(table.popLast() == -1 && table.count == 1_009)
        #expect(table.array.prefix(3) == [7, 1, 2])
    }

    @Test("the flat sampler table draws exactly what each distribution draws", arguments: [
        Distribution.constant(0.004), .exponential(mean: 0.01), .uniform(min: 0.001, max: 0.003),
        .truncatedNormal(mean: 0.01, stddev: 0.02), .lognormal(mean: 0.02, cv: 1.5), .gamma(shape: 2.5, scale: 0.004),
        .weibull(shape: 1.5, scale: 0.01), .pareto(shape: 2.5, scale: 0.001),
        .empirical(EmpiricalTable(samples: [0.001, 0.002, 0.009])),
        .empirical(EmpiricalTable(upperEdges: [0.001, 0.005, 0.02], weights: [1, 3, 0.5])),
    ])
    func samplerTable(_ distribution: Distribution) {
        var table = SamplerTable()
        _ = table.add(.constant(1))
        let index = table.add(distribution)
        let a = RandomStreams(seed: 8), b = RandomStreams(seed: 8)
        defer { withExtendedLifetime((a, b)) {} }
        let ga = a.generator(named: "s"), gb = b.generator(named: "s")
        for _ in 0..<1_000 { #expect(table.sample(index, ga) == distribution.sample(gb)) }
    }
}

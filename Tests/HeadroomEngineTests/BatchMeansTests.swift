import Testing
import HeadroomEngine

@Suite("Batch means")
struct BatchMeansTests {
    /// The reference: keep every observation, then average consecutive groups of `size` directly.
    static func directMeans(_ values: [Double], size: Int) -> [Double] {
        stride(from: 0, to: values.count - values.count % size, by: size).map { start in
            values[start..<start + size].reduce(0, +) / Double(size)
        }
    }

    @Test("batches of 5 consecutive observations, the incomplete batch held back")
    func firstBatches() {
        var series = BatchMeans()
        for x in [1.0, 2, 3, 4, 5, 10, 10, 10, 10, 40, 7, 7] { series.record(x) }
        #expect(series.batchSize == 5)
        #expect(series.means == [3, 16])
        #expect(series.count == 12 && series.pendingCount == 2)
    }

    @Test("exhaustively for small capacities: the means always equal the direct averages at the current batch size", arguments: [2, 4, 6, 8, 10])
    func matchesDirectAverages(capacity: Int) {
        var series = BatchMeans(capacity: capacity)
        var values: [Double] = []
        for i in 0..<600 {
            // A deterministic, irregular sequence of integers.
            let x = Double((i * 7_919) % 101)
            values.append(x)
            series.record(x, at: Double(i))
            let expected = Self.directMeans(values, size: series.batchSize)
            #expect(series.means.count == expected.count, "capacity \(capacity), after \(i + 1) observations")
            for (a, b) in zip(series.means, expected) {
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "capacity \(capacity), after \(i + 1): \(a) vs \(b)")
            }
            // Each batch ends at the time of its last observation.
            #expect(series.batchEndTimes == series.means.indices.map { Double(($0 + 1) * series.batchSize - 1) })
            #expect(series.means.count < capacity, "a full series merges at once")
            #expect(series.count == i + 1 && series.pendingCount == (i + 1) % series.batchSize)
        }
    }

    @Test("memory stays bounded: a million observations with capacity 4,096 leave 2,048 to 4,095 means")
    func bounded() {
        var series = BatchMeans()
        for i in 0..<1_000_000 { series.record(Double(i % 13)) }
        #expect(series.means.count >= 2_048 && series.means.count < 4_096)
        // 1,000,000 / 5 = 200,000 batches of 5; halving until under 4,096 takes six merges:
        // 200,000 / 2^6 = 3,125 batches of 320.
        #expect(series.batchSize == 320)
        #expect(series.means.count == 1_000_000 / 320)
    }

    @Test("a custom first batch size is kept until the first merge")
    func customBatchSize() {
        var series = BatchMeans(batchSize: 2, capacity: 4)
        for x in [1.0, 3, 5, 7, 9, 11, 13] { series.record(x) }
        // Batches (1,3) (5,7) (9,11): three means, below the capacity of 4.
        #expect(series.batchSize == 2 && series.means == [2, 6, 10])
        series.record(15)
        // The fourth batch (13,15) fills the capacity: pairs merge into batches of 4.
        #expect(series.batchSize == 4 && series.means == [4, 12])
    }
}

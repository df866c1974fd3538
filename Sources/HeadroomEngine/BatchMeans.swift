/// Batch means of a stream of observations in bounded memory: the series MSER-5 reads to find
/// the end of a run's warm-up.
///
/// Consecutive observations are averaged in batches of ``batchSize`` (5 at first) and each batch
/// keeps its mean and the time of its last observation. When the stored means reach
/// ``capacity``, adjacent pairs are merged (their mean is the mean of the 2·b observations) and
/// the batch size doubles, so memory stays O(capacity) however long the run, and the series
/// always covers every observation recorded so far in at least capacity/2 batches.
///
/// `record` is O(1) amortized (a merge costs O(capacity) and happens once per doubling); it
/// allocates only while the arrays grow towards their capacity.
public struct BatchMeans: Sendable, Equatable {
    /// The batch size a new series starts with (the "5" of MSER-5).
    public static let initialBatchSize = 5
    /// The capacity a new series has unless told otherwise.
    public static let defaultCapacity = 4_096

    /// The most batch means kept before adjacent pairs are merged (even, at least 2).
    public let capacity: Int
    /// The mean of each complete batch, oldest first.
    public private(set) var means: [Double] = []
    /// The `time` given with the last observation of each complete batch (NaN when recorded without one).
    public private(set) var batchEndTimes: [Double] = []
    /// Observations per batch now: 5 × 2^(merges so far).
    public private(set) var batchSize: Int
    /// Observations recorded, the incomplete batch included.
    public private(set) var count = 0

    private var partialSum = 0.0
    private var partialCount = 0

    /// An empty series with batches of `batchSize` observations, merged when `capacity` means are stored.
    public init(batchSize: Int = BatchMeans.initialBatchSize, capacity: Int = BatchMeans.defaultCapacity) {
        precondition(batchSize >= 1, "a batch holds at least one observation")
        precondition(capacity >= 2 && capacity % 2 == 0, "the capacity must be even and at least 2, so means merge in pairs")
        self.batchSize = batchSize
        self.capacity = capacity
    }

    /// Adds the next observation; `time` (e.g. the simulated time it was made) is remembered when it ends a batch.
    @inline(__always)
    public mutating func record(_ value: Double, at time: Double) {
        count &+= 1
        partialSum += value
        partialCount &+= 1
        if partialCount == batchSize { closeBatch(endingAt: time) }
    }

    /// Adds the next observation without a time.
    @inline(__always)
    public mutating func record(_ value: Double) { record(value, at: .nan) }

    /// Observations in the incomplete batch at the end (not in ``means`` yet).
    public var pendingCount: Int { partialCount }

    private mutating func closeBatch(endingAt time: Double) {
        means.append(partialSum / Double(batchSize))
        batchEndTimes.append(time)
        partialSum = 0
        partialCount = 0
        if means.count == capacity { mergePairs() }
    }

    /// Halves the series: mean i becomes the mean of old means 2i and 2i+1 (equal-sized batches,
    /// so the plain average is the mean of their observations), ending when the second ends.
    private mutating func mergePairs() {
        let half = means.count / 2
        for i in 0..<half {
            means[i] = (means[2 * i] + means[2 * i + 1]) / 2
            batchEndTimes[i] = batchEndTimes[2 * i + 1]
        }
        means.removeLast(means.count - half)
        batchEndTimes.removeLast(batchEndTimes.count - half)
        batchSize *= 2
    }
}

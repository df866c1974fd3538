// The bare loops every benchmark is printed beside: the same work with nothing but a struct,
// an array heap and GSL's generator, run in the same process, so the ratio means something on a
// noisy shared machine whose CPU kind changes.
import HeadroomEngine

/// A bare event: time and sequence, as in the calendar.
struct BareEvent {
    var time: Double
    var sequence: UInt64
    var kind: UInt32
    var target: UInt32

    @inline(__always)
    static func precedes(_ a: BareEvent, _ b: BareEvent) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}

/// A textbook array-backed binary min-heap with separate pop and push (no fused hold step).
struct BareBinaryHeap {
    var items: [BareEvent] = []

    init(capacity: Int) { items.reserveCapacity(capacity) }

    @inline(__always)
    mutating func push(_ e: BareEvent) {
        items.append(e)
        var hole = items.count - 1
        while hole > 0 {
            let parent = (hole - 1) >> 1
            if !BareEvent.precedes(e, items[parent]) { break }
            items[hole] = items[parent]
            hole = parent
        }
        items[hole] = e
    }

    @inline(__always)
    mutating func pop() -> BareEvent? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return first }
        let n = items.count
        var hole = 0
        while true {
            var child = 2 * hole + 1
            if child >= n { break }
            if child + 1 < n, BareEvent.precedes(items[child + 1], items[child]) { child += 1 }
            if !BareEvent.precedes(items[child], last) { break }
            items[hole] = items[child]
            hole = child
        }
        items[hole] = last
        return first
    }
}

/// The same with four children per node: shallower, so fewer cache misses on very large heaps.
struct BareQuaternaryHeap {
    var items: [BareEvent] = []

    init(capacity: Int) { items.reserveCapacity(capacity) }

    @inline(__always)
    mutating func push(_ e: BareEvent) {
        items.append(e)
        var hole = items.count - 1
        while hole > 0 {
            let parent = (hole - 1) >> 2
            if !BareEvent.precedes(e, items[parent]) { break }
            items[hole] = items[parent]
            hole = parent
        }
        items[hole] = e
    }

    @inline(__always)
    mutating func pop() -> BareEvent? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return first }
        let n = items.count
        var hole = 0
        while true {
            let c = 4 * hole + 1
            if c >= n { break }
            var best = c
            var k = c + 1
            while k < min(c + 4, n) {
                if BareEvent.precedes(items[k], items[best]) { best = k }
                k += 1
            }
            if !BareEvent.precedes(items[best], last) { break }
            items[hole] = items[best]
            hole = best
        }
        items[hole] = last
        return first
    }
}

/// The hold model on a bare heap: pop the earliest, push one an exponential time later.
func bareHold<Heap>(_ heap: inout Heap, pending: Int, holds: Int, push: (inout Heap, BareEvent) -> Void,
                    pop: (inout Heap) -> BareEvent?) -> (seconds: Double, checksum: Double) {
    let streams = RandomStreams(seed: 1)
    defer { withExtendedLifetime(streams) {} }
    let generator = streams.generator(named: "hold")
    var sequence: UInt64 = 0
    for i in 0..<pending {
        push(&heap, BareEvent(time: generator.exponential(mean: 1), sequence: sequence, kind: 0, target: UInt32(i)))
        sequence += 1
    }
    for _ in 0..<min(holds / 10, 1_000_000) {
        let e = pop(&heap)!
        push(&heap, BareEvent(time: e.time + generator.exponential(mean: 1), sequence: sequence, kind: e.kind, target: e.target))
        sequence += 1
    }
    var checksum = 0.0
    let t = seconds {
        for _ in 0..<holds {
            let e = pop(&heap)!
            checksum += e.time
            push(&heap, BareEvent(time: e.time + generator.exponential(mean: 1), sequence: sequence, kind: e.kind, target: e.target))
            sequence += 1
        }
    }
    return (t, checksum)
}

/// How a bare loop draws its exponentials: chosen by type, so each loop is specialised and pays
/// no branch per draw.
protocol ExponentialDraw {
    static func draw(_ generator: RandomGenerator, mean: Double) -> Double
}

/// GSL's sampler, −mean·log1p(−U): the yardstick's draw since the first measurements.
enum GSLExponential: ExponentialDraw {
    @inline(__always) static func draw(_ generator: RandomGenerator, mean: Double) -> Double { generator.gslExponential(mean: mean) }
}

/// The ziggurat the model draws with (``RandomGenerator/exponential(mean:)``).
enum ZigguratExponential: ExponentialDraw {
    @inline(__always) static func draw(_ generator: RandomGenerator, mean: Double) -> Double { generator.exponential(mean: mean) }
}

/// A bare M/M/c loop: arrivals and departures on a bare binary heap, a counter for the queue.
/// The yardstick for the end-to-end M/M/8: the least work that simulates the same system. By
/// default it draws with GSL's exponential sampler, as it always has, so that ratios measured
/// before and after the model moved to the ziggurat compare; with ``ZigguratExponential`` it
/// draws as the model does, which is the like-for-like ratio.
func bareMMc<Draw: ExponentialDraw>(
    servers: Int, arrivalRate: Double, serviceMean: Double, customers: Int, drawing _: Draw.Type = GSLExponential.self
) -> (seconds: Double, meanWait: Double) {
    let streams = RandomStreams(seed: 7)
    defer { withExtendedLifetime(streams) {} }
    let arrivals = streams.generator(named: "arrivals"), service = streams.generator(named: "service")
    var heap = BareBinaryHeap(capacity: 64)
    var sequence: UInt64 = 0
    var busy = 0
    var queue: [Double] = []  // arrival times of waiting customers (a ring would do; the array stays small)
    var head = 0
    var served = 0, arrived = 0
    var waitSum = 0.0
    let t = seconds {
        heap.push(BareEvent(time: Draw.draw(arrivals, mean: 1 / arrivalRate), sequence: sequence, kind: 0, target: 0))
        sequence += 1
        while served < customers, let e = heap.pop() {
            if e.kind == 0 {
                arrived += 1
                heap.push(BareEvent(time: e.time + Draw.draw(arrivals, mean: 1 / arrivalRate), sequence: sequence, kind: 0, target: 0))
                sequence += 1
                if busy < servers {
                    busy += 1
                    heap.push(BareEvent(time: e.time + Draw.draw(service, mean: serviceMean), sequence: sequence, kind: 1, target: 0))
                    sequence += 1
                } else {
                    queue.append(e.time)
                }
            } else {
                served += 1
                if head < queue.count {
                    waitSum += e.time - queue[head]
                    head += 1
                    if head > 4_096 && head * 2 > queue.count { queue.removeFirst(head); head = 0 }
                    heap.push(BareEvent(time: e.time + Draw.draw(service, mean: serviceMean), sequence: sequence, kind: 1, target: 0))
                    sequence += 1
                } else {
                    busy -= 1
                }
            }
        }
    }
    return (t, waitSum / Double(served))
}

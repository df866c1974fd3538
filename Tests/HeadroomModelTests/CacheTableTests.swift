import Testing
@testable import HeadroomModel

/// The cache's tables against a reference written the plainest way: an array in recency order.
@Suite("Cache tables: the key index, the entries and the write log")
struct CacheTableTests {
    /// A cache as a list, most recent first, with a linear search: slow and obviously right.
    struct ReferenceCache {
        let capacity: Int
        let touchOnHit: Bool
        var list: [(key: UInt64, expiry: Double)] = []

        func find(_ key: UInt64) -> Int? { list.firstIndex { $0.key == key } }

        mutating func hit(_ key: UInt64) {
            guard touchOnHit, let i = find(key) else { return }
            list.insert(list.remove(at: i), at: 0)
        }

        mutating func write(_ key: UInt64, expiry: Double) -> Double? {
            if let i = find(key) {
                list.remove(at: i)
                list.insert((key, expiry), at: 0)
                return nil
            }
            var dropped: Double?
            if list.count >= capacity, let last = list.popLast() { dropped = last.expiry }
            list.insert((key, expiry), at: 0)
            return dropped
        }

        mutating func remove(_ key: UInt64) { if let i = find(key) { list.remove(at: i) } }
    }

    /// Random draws from a fixed seed (SplitMix64), so a failure names a reproducible case.
    struct Draws {
        var state: UInt64
        mutating func next(below n: UInt64) -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return (z ^ (z >> 31)) % n
        }
    }

    @Test("entries follow the reference under random hits, writes, removals and evictions", arguments: [
        (1, true), (2, true), (5, false), (64, true), (64, false), (1_500, true),
    ])
    func entriesMatchReference(capacity: Int, lru: Bool) {
        for seed in 0..<20 as Range<UInt64> {
            var draws = Draws(state: seed)
            var entries = CacheEntries(capacity: capacity, touchOnHit: lru)
            var reference = ReferenceCache(capacity: capacity, touchOnHit: lru)
            // Keys from a space a little larger than the capacity, so hits, misses and evictions all happen.
            let keySpace = UInt64(capacity + capacity / 2 + 2)
            for step in 0..<3_000 {
                // Even seeds: small keys (the index's direct table); odd seeds: keys over 64 bits (its hash table).
                let key = draws.next(below: keySpace) &* (seed % 2 == 0 ? 1 : 0x1_0000_0001)
                let found = entries.find(key)
                #expect((found >= 0) == (reference.find(key) != nil), "seed \(seed), step \(step): find \(key)")
                switch draws.next(below: 10) {
                case 0..<4:
                    if found >= 0 {
                        #expect(entries.expiry(found) == reference.list[reference.find(key)!].expiry, "seed \(seed), step \(step)")
                        entries.hit(found)
                        reference.hit(key)
                    }
                case 4..<8:
                    let expiry = Double(step)
                    let dropped = entries.write(key, expiry: expiry)
                    #expect(dropped == reference.write(key, expiry: expiry), "seed \(seed), step \(step): dropped")
                default:
                    if found >= 0 {
                        entries.remove(found)
                        reference.remove(key)
                    }
                }
                guard entries.order == reference.list.map(\.key), entries.count == reference.list.count, entries.isConsistent else {
                    Issue.record("seed \(seed), step \(step): order \(entries.order) vs \(reference.list.map(\.key))")
                    return
                }
            }
        }
    }

    @Test("the key index finds what it holds after inserts, moves and removals across growth, direct and hashed")
    func keyIndex() {
        var draws = Draws(state: 9)
        var index = KeyIndex(capacity: 4)
        var reference: [UInt64: Int32] = [:]
        for step in 0..<40_000 {
            // Small keys (direct, growing the table up to its limit of 2¹⁶ and past it), and keys with
            // colliding low bits (hashed: long probe runs).
            let key = draws.next(below: 2) == 0 ? draws.next(below: 70_000) : draws.next(below: 3_000) << 20
            switch draws.next(below: 3) {
            case 0 where reference[key] == nil:
                index.insert(key, Int32(step))
                reference[key] = Int32(step)
            case 1 where reference[key] != nil:
                index.set(key, Int32(step))
                reference[key] = Int32(step)
            case 2 where reference[key] != nil:
                index.remove(key)
                reference[key] = nil
            default: break
            }
            #expect(index.find(key) == reference[key] ?? -1, "step \(step): key \(key)")
        }
        #expect(index.count == reference.count)
        for (key, value) in reference { #expect(index.find(key) == value, "key \(key)") }
    }

    @Test("the write log is exact for keys in its range, and keys beyond it never make a read stale wrongly")
    func writeLog() {
        var log = WriteLog(keys: 1_000)
        #expect(log.size == 1_024)
        #expect(log.lastWrite(5) == -.infinity)
        log.record(5, at: 1)
        log.record(1_023, at: 2)
        #expect(log.lastWrite(5) == 1 && log.lastWrite(1_023) == 2 && log.lastWrite(6) == -.infinity)
        // A key beyond the range shares a slot with one in the range: the later write takes it, and
        // the other then reads as never written (fresh; the log may undercount, never overcount).
        let far: UInt64 = 1 << 40
        let shared = KeyIndex.hash(far) & 1_023
        log.record(shared, at: 3)
        log.record(far, at: 4)
        #expect(log.lastWrite(far) == 4 && log.lastWrite(shared) == -.infinity)
        for key: UInt64 in [5, 1_023] where key != shared { #expect(log.lastWrite(key) == (key == 5 ? 1 : 2)) }
        log.record(shared, at: 5)
        #expect(log.lastWrite(shared) == 5 && log.lastWrite(far) == -.infinity)
        #expect(log.lastWrite(1 << 41) == -.infinity)
        #expect(WriteLog(keys: 0).lastWrite(0) == -.infinity)
    }
}

import HeadroomEngine

/// A hash index from 64-bit keys to small integers (positions in a dense table), by open
/// addressing with linear probing and backward-shift deletion (Knuth, TAOCP vol. 3, 6.4,
/// Algorithm R): no tombstones, so lookups stay short however many keys come and go.
///
/// It keeps its load at most one half, doubling when it would pass it; once it has grown to the
/// most keys it ever holds, it allocates nothing. Expected probes per operation: about 1.5 for
/// a hit and 2.5 for a miss at load one half.
struct KeyIndex: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    /// An index with room for `capacity` keys before it first grows.
    init(capacity: Int) {
        var slots = 16
        while slots < 2 * capacity { slots <<= 1 }
        keys = Array(repeating: 0, count: slots)
        values = Array(repeating: -1, count: slots)
        mask = slots - 1
    }

    /// SplitMix64's finalizer (Steele, Lea and Flood 2014): every bit of the key moves every bit
    /// of the hash, so consecutive keys spread over the table.
    @inline(__always)
    static func hash(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: Self.hash(key)) & mask }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        var i = home(key)
        while values[i] >= 0 && keys[i] != key { i = (i &+ 1) & mask }
        return i
    }

    /// The value of `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 { values[slot(of: key)] }

    /// Adds `key` (not present) with `value`.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if 2 * (count + 1) > values.count { grow() }
        let i = slot(of: key)
        keys[i] = key
        values[i] = value
        count += 1
    }

    /// Changes the value of `key` (present).
    @inline(__always)
    mutating func set(_ key: UInt64, _ value: Int32) { values[slot(of: key)] = value }

    /// Removes `key` (present), shifting back the keys after it in its run so none is stranded
    /// behind an empty slot.
    mutating func remove(_ key: UInt64) {
        var hole = slot(of: key)
        guard values[hole] >= 0 else { return }
        count -= 1
        var j = hole
        while true {
            j = (j &+ 1) & mask
            guard values[j] >= 0 else { break }
            let k = home(keys[j])
            // Slot j's key may move to the hole only if its home is not cyclically in (hole, j].
            let stays = hole <= j ? (hole < k && k <= j) : (hole < k || k <= j)
            if stays { continue }
            keys[hole] = keys[j]
            values[hole] = values[j]
            hole = j
        }
        values[hole] = -1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldValues.count * 2)
        values = Array(repeating: -1, count: oldValues.count * 2)
        mask = values.count - 1
        count = 0
        for i in oldValues.indices where oldValues[i] >= 0 { insert(oldKeys[i], oldValues[i]) }
    }
}

/// The entries of a cache of keys: at most `capacity`, stored densely, with a recency list
/// (LRU: a hit moves an entry to the front) or an insertion list (FIFO). The victim of a full
/// cache is the list's tail. Every operation is O(1) expected; the arrays grow to the capacity
/// as the cache fills and never allocate after that.
struct CacheEntries: Sendable {
    let capacity: Int
    /// Hits move an entry to the front (LRU); otherwise only writes do (FIFO).
    let touchOnHit: Bool
    private var index: KeyIndex
    private(set) var keys: [UInt64] = []
    /// When each entry expires (`.infinity` without a TTL).
    var expiries: [Double] = []
    private var prev: [Int32] = []
    private var next: [Int32] = []
    /// Most recently used or written, and the next victim.
    private var head: Int32 = -1
    private(set) var tail: Int32 = -1

    init(capacity: Int, touchOnHit: Bool) {
        self.capacity = capacity
        self.touchOnHit = touchOnHit
        let initial = min(capacity, 1_024)
        index = KeyIndex(capacity: initial)
        keys.reserveCapacity(initial)
        expiries.reserveCapacity(initial)
        prev.reserveCapacity(initial)
        next.reserveCapacity(initial)
    }

    /// Entries held.
    var count: Int { keys.count }

    /// The entry holding `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 { index.find(key) }

    /// A hit on entry `e`: with LRU it becomes the most recent.
    @inline(__always)
    mutating func hit(_ e: Int32) { if touchOnHit { moveToFront(e) } }

    /// Writes `key` with `expiry`: an entry already there is refreshed and becomes the most
    /// recent; otherwise, when full, the tail is dropped first. Returns the dropped entry's
    /// expiry (to tell an eviction from an expiration), or nil when nothing was dropped.
    @discardableResult
    mutating func write(_ key: UInt64, expiry: Double) -> Double? {
        let found = index.find(key)
        if found >= 0 {
            expiries[Int(found)] = expiry
            moveToFront(found)
            return nil
        }
        var dropped: Double?
        if keys.count >= capacity, tail >= 0 {
            dropped = expiries[Int(tail)]
            remove(tail)
        }
        let e = Int32(keys.count)
        keys.append(key)
        expiries.append(expiry)
        prev.append(-1)
        next.append(head)
        if head >= 0 { prev[Int(head)] = e } else { tail = e }
        head = e
        index.insert(key, e)
        return dropped
    }

    /// Removes entry `e`, moving the last entry into its place.
    mutating func remove(_ e: Int32) {
        unlink(e)
        index.remove(keys[Int(e)])
        let last = Int32(keys.count - 1)
        if e != last {
            let i = Int(e), l = Int(last)
            keys[i] = keys[l]
            expiries[i] = expiries[l]
            prev[i] = prev[l]
            next[i] = next[l]
            if prev[i] >= 0 { next[Int(prev[i])] = e } else { head = e }
            if next[i] >= 0 { prev[Int(next[i])] = e } else { tail = e }
            index.set(keys[i], e)
        }
        keys.removeLast()
        expiries.removeLast()
        prev.removeLast()
        next.removeLast()
    }

    @inline(__always)
    private mutating func unlink(_ e: Int32) {
        let i = Int(e)
        let p = prev[i], n = next[i]
        if p >= 0 { next[Int(p)] = n } else { head = n }
        if n >= 0 { prev[Int(n)] = p } else { tail = p }
        prev[i] = -1
        next[i] = -1
    }

    @inline(__always)
    private mutating func moveToFront(_ e: Int32) {
        guard e != head else { return }
        unlink(e)
        next[Int(e)] = head
        if head >= 0 { prev[Int(head)] = e } else { tail = e }
        head = e
    }

    /// The keys from the most recent to the victim, for tests.
    var order: [UInt64] {
        var result: [UInt64] = []
        var e = head
        while e >= 0 {
            result.append(keys[Int(e)])
            e = next[Int(e)]
        }
        return result
    }
}

/// Single flight: the fills in progress, by key, each with its leader (the request running the
/// miss branch) and the requests waiting for it, in arrival order. Waiters are kept in a node
/// pool with a free list, so once it has grown to the most waiters at once it allocates nothing.
struct FillTable: Sendable {
    private var index = KeyIndex(capacity: 16)
    private var keys: [UInt64] = []
    private(set) var leaders: [Int32] = []
    private(set) var generations: [UInt32] = []
    private var heads: [Int32] = []
    private var tails: [Int32] = []
    private var tickets: [ParkTicket] = []
    private var links: [Int32] = []
    private var free: Int32 = -1

    /// Fills in progress.
    var count: Int { keys.count }

    /// The fill of `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 { index.find(key) }

    /// The key of fill `f`.
    func key(_ f: Int32) -> UInt64 { keys[Int(f)] }

    /// A fill of `key` led by request `slot` of `generation` starts.
    mutating func start(_ key: UInt64, leader slot: Int, generation: UInt32) {
        let f = Int32(keys.count)
        keys.append(key)
        leaders.append(Int32(slot))
        generations.append(generation)
        heads.append(-1)
        tails.append(-1)
        index.insert(key, f)
    }

    /// A request waits for fill `f`.
    mutating func wait(_ f: Int32, _ ticket: ParkTicket) {
        let node: Int32
        if free >= 0 {
            node = free
            free = links[Int(node)]
            tickets[Int(node)] = ticket
            links[Int(node)] = -1
        } else {
            node = Int32(tickets.count)
            tickets.append(ticket)
            links.append(-1)
        }
        let i = Int(f)
        if tails[i] >= 0 { links[Int(tails[i])] = node } else { heads[i] = node }
        tails[i] = node
    }

    /// Ends fill `f` and returns its waiters as a chain (head and tail, -1 when none) for ``pop(_:)``.
    mutating func finish(_ f: Int32) -> (head: Int32, tail: Int32) {
        let i = Int(f)
        let chain = (heads[i], tails[i])
        index.remove(keys[i])
        let last = keys.count - 1
        if i != last {
            keys[i] = keys[last]
            leaders[i] = leaders[last]
            generations[i] = generations[last]
            heads[i] = heads[last]
            tails[i] = tails[last]
            index.set(keys[i], f)
        }
        keys.removeLast()
        leaders.removeLast()
        generations.removeLast()
        heads.removeLast()
        tails.removeLast()
        return chain
    }

    /// Joins chain `b` after chain `a`.
    mutating func append(_ a: (head: Int32, tail: Int32), _ b: (head: Int32, tail: Int32)) -> (head: Int32, tail: Int32) {
        guard a.head >= 0 else { return b }
        guard b.head >= 0 else { return a }
        links[Int(a.tail)] = b.head
        return (a.head, b.tail)
    }

    /// Takes the first waiter off `chain` (its node is freed) and returns its ticket.
    mutating func pop(_ chain: inout (head: Int32, tail: Int32)) -> ParkTicket {
        let node = chain.head
        let ticket = tickets[Int(node)]
        chain.head = links[Int(node)]
        if chain.head < 0 { chain.tail = -1 }
        links[Int(node)] = free
        free = node
        return ticket
    }
}

import HeadroomEngine

/// An index from 64-bit keys to small integers (positions in a dense table).
///
/// Keys below a limit (16 slots per key the index was sized for, at least 2¹⁶) are looked up
/// directly: a table of values by key, grown to cover the largest such key written. Request keys
/// are ranks (Zipf's most popular is key 1) or small uniform integers, so the popular keys' slots
/// share a few cache lines, where a hash would scatter them over the whole table; a look-up or a
/// removal is one slot, with no probing. Other keys go to a hash table: open addressing with
/// linear probing and backward-shift deletion (Knuth, TAOCP vol. 3, 6.4, Algorithm R), no
/// tombstones, each slot holding its key and value side by side (one cache line per probe), at a
/// load of at most one half (about 1.5 probes for a hit and 2.5 for a miss).
///
/// Both parts grow by doubling; once they cover the keys that come, the index allocates nothing.
struct KeyIndex: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        /// -1: empty.
        var value: Int32
    }

    /// Values of the keys below `direct.count`, -1 where absent.
    private var direct: [Int32] = []
    /// Keys below this are looked up directly.
    private let directLimit: UInt64
    /// The hash table of the other keys.
    private var slots: [Slot]
    private var mask: Int
    private var hashed = 0
    /// Keys held.
    private(set) var count = 0

    /// An index sized for about `capacity` keys.
    init(capacity: Int) {
        directLimit = UInt64(max(1 << 16, 16 * capacity))
        var size = 16
        while size < 2 * min(capacity, 1_024) { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: -1), count: size)
        mask = size - 1
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

    /// The hash slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        var i = home(key)
        while slots[i].value >= 0 && slots[i].key != key { i = (i &+ 1) & mask }
        return i
    }

    /// The value of `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        if key < directLimit { return key < UInt64(direct.count) ? direct[Int(truncatingIfNeeded: key)] : -1 }
        return hashed > 0 ? slots[slot(of: key)].value : -1
    }

    /// Adds `key` (not present) with `value`.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        count += 1
        if key < directLimit {
            if key >= UInt64(direct.count) { growDirect(covering: key) }
            direct[Int(truncatingIfNeeded: key)] = value
            return
        }
        if 2 * (hashed + 1) > slots.count { growHashed() }
        slots[slot(of: key)] = Slot(key: key, value: value)
        hashed += 1
    }

    /// Changes the value of `key` (present).
    @inline(__always)
    mutating func set(_ key: UInt64, _ value: Int32) {
        if key < directLimit {
            direct[Int(truncatingIfNeeded: key)] = value
        } else {
            slots[slot(of: key)].value = value
        }
    }

    /// Removes `key` (present). A hashed key's removal shifts back the keys after it in its run
    /// so none is stranded behind an empty slot.
    mutating func remove(_ key: UInt64) {
        if key < directLimit {
            guard key < UInt64(direct.count), direct[Int(truncatingIfNeeded: key)] >= 0 else { return }
            direct[Int(truncatingIfNeeded: key)] = -1
            count -= 1
            return
        }
        var hole = slot(of: key)
        guard slots[hole].value >= 0 else { return }
        count -= 1
        hashed -= 1
        var j = hole
        while true {
            j = (j &+ 1) & mask
            guard slots[j].value >= 0 else { break }
            let k = home(slots[j].key)
            // Slot j's key may move to the hole only if its home is not cyclically in (hole, j].
            let stays = hole <= j ? (hole < k && k <= j) : (hole < k || k <= j)
            if stays { continue }
            slots[hole] = slots[j]
            hole = j
        }
        slots[hole].value = -1
    }

    /// Prefetches the slot `key` is looked up in (see ``prefetch(_:)``): its home slot when hashed.
    @inline(__always)
    func prefetch(_ key: UInt64) {
        if key < directLimit { direct.prefetch(Int(truncatingIfNeeded: key)) } else if hashed > 0 { slots.prefetch(home(key)) }
    }

    /// Grows the direct table to cover `key` (below `directLimit`): at least doubling, at most the limit.
    private mutating func growDirect(covering key: UInt64) {
        let size = min(max(Int(key) + 1, 2 * direct.count, 1_024), Int(directLimit))
        direct += Array(repeating: -1, count: size - direct.count)
    }

    private mutating func growHashed() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: -1), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.value >= 0 { slots[self.slot(of: slot.key)] = slot }
    }
}

/// The entries of a cache of keys: at most `capacity`, each a small record (key, expiry and its
/// links in a recency list) in one dense array, so an entry costs one cache line to reach. The
/// list is by recency (LRU: a hit moves an entry to the front) or by insertion (FIFO); the victim
/// of a full cache is the list's tail. A removed entry's record goes on a free list and the next
/// write reuses it, so an eviction followed by a fill (a full cache's every miss) moves nothing
/// else. Every operation is O(1) expected; the array grows to the capacity as the cache fills
/// and never allocates after that.
struct CacheEntries: Sendable {
    struct Entry: Sendable {
        var key: UInt64
        /// When it expires (`.infinity` without a TTL).
        var expiry: Double
        /// Towards the most recent (-1 at the head), and towards the victim (-1 at the tail; on
        /// the free list, the next free record).
        var prev: Int32
        var next: Int32
    }

    let capacity: Int
    /// Hits move an entry to the front (LRU); otherwise only writes do (FIFO).
    let touchOnHit: Bool
    private var index: KeyIndex
    private var records: [Entry] = []
    /// Records removed and not yet reused, linked through `next`.
    private var free: Int32 = -1
    /// Entries held.
    private(set) var count = 0
    /// Most recently used or written, and the next victim.
    private var head: Int32 = -1
    private(set) var tail: Int32 = -1

    init(capacity: Int, touchOnHit: Bool) {
        self.capacity = capacity
        self.touchOnHit = touchOnHit
        let initial = min(capacity, 1_024)
        index = KeyIndex(capacity: initial)
        records.reserveCapacity(initial)
    }

    /// The entry holding `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 { index.find(key) }

    /// When entry `e` expires.
    @inline(__always)
    func expiry(_ e: Int32) -> Double { records[Int(e)].expiry }

    /// Entry `e` now expires at `expiry` (a sliding TTL renewed by a hit).
    @inline(__always)
    mutating func setExpiry(_ e: Int32, _ expiry: Double) { records[Int(e)].expiry = expiry }

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
            records[Int(found)].expiry = expiry
            moveToFront(found)
            return nil
        }
        var dropped: Double?
        if count >= capacity, tail >= 0 {
            dropped = records[Int(tail)].expiry
            remove(tail)
        }
        let entry = Entry(key: key, expiry: expiry, prev: -1, next: head)
        let e: Int32
        if free >= 0 {
            e = free
            free = records[Int(e)].next
            records[Int(e)] = entry
        } else {
            e = Int32(records.count)
            records.append(entry)
        }
        if head >= 0 { records[Int(head)].prev = e } else { tail = e }
        head = e
        count += 1
        index.insert(key, e)
        // The next eviction's victim is the new tail: its record, fetched now, is in cache by then.
        if dropped != nil { records.prefetch(Int(tail)) }
        return dropped
    }

    /// When full, prefetches what the next eviction touches besides the victim's record (which
    /// the last eviction prefetched): the victim's index slot and the record before it. Called
    /// on a miss, some events before its fill evicts (see ``prefetch(_:)``).
    @inline(__always)
    func prefetchVictim() {
        guard count >= capacity, tail >= 0 else { return }
        let victim = records[Int(tail)]
        index.prefetch(victim.key)
        records.prefetch(Int(victim.prev))
    }

    /// Removes entry `e`; its record goes on the free list.
    mutating func remove(_ e: Int32) {
        unlink(e)
        index.remove(records[Int(e)].key)
        records[Int(e)].next = free
        free = e
        count -= 1
    }

    @inline(__always)
    private mutating func unlink(_ e: Int32) {
        let i = Int(e)
        let p = records[i].prev, n = records[i].next
        if p >= 0 { records[Int(p)].next = n } else { head = n }
        if n >= 0 { records[Int(n)].prev = p } else { tail = p }
        records[i].prev = -1
        records[i].next = -1
    }

    @inline(__always)
    private mutating func moveToFront(_ e: Int32) {
        guard e != head else { return }
        unlink(e)
        records[Int(e)].next = head
        if head >= 0 { records[Int(head)].prev = e } else { tail = e }
        head = e
    }

    /// The keys from the most recent to the victim, for tests.
    var order: [UInt64] {
        var result: [UInt64] = []
        var e = head
        while e >= 0 {
            result.append(records[Int(e)].key)
            e = records[Int(e)].next
        }
        return result
    }

    /// Checks the list and the index agree (tests): every listed entry is found under its key,
    /// the links run both ways, and the count is the list's length.
    var isConsistent: Bool {
        var e = head, previous: Int32 = -1, length = 0
        while e >= 0 {
            let r = records[Int(e)]
            guard r.prev == previous, index.find(r.key) == e, length < records.count else { return false }
            previous = e
            e = r.next
            length += 1
        }
        return previous == tail && length == count && index.count == count
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

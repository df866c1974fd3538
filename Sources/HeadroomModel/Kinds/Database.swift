import HeadroomEngine
import HeadroomScenario

/// A data store with hooks: a database with read replicas or a connection set-up, or sharded
/// data (Kinds/Shards.swift; a database is one shard). Its primaries are one pool (an instance
/// per shard) and its replicas another (`replicas` instances per shard, shard by shard), both of
/// its component, so the shared station mechanics serve, queue and time them out.
///
/// - A call or write goes to the primary pool, whose dispatch picks the key's shard; an eventual
///   read goes to the replica pool, whose dispatch picks the shard and then a replica by the
///   read strategy.
/// - Writes made by `write` steps record their key's time in ``WriteLog``; a replica read draws
///   the replica's lag and is stale when the key was written less than that long ago.
/// - A query whose request holds no connection of a pool to this store pays `connectionSetup`.
struct DataStoreState: Sendable {
    let component: Int32
    let shards: Int
    /// Replicas per shard.
    let replicas: Int
    /// Range partitioning's key count; 0 is hash partitioning.
    let rangeKeys: UInt64
    let strategy: ReadStrategy
    let primaryPool: Int32
    /// -1 without replicas.
    let replicaPool: Int32
    /// The replication lag's sampler, or -1 for none.
    let lag: Int32
    /// Random stream of lag draws and random replica choices.
    let stream: Int32
    /// Seconds a query without a pooled connection spends opening one (0: none).
    let connectionSetup: Double
    /// Round-robin position in each shard's replicas.
    var cursors: [Int32]
    /// Last write time per key: allocated once a write step writes this store.
    var writeLog = WriteLog(keys: 0)
    /// Replica reads and stale ones, by request class.
    var reads: [Int] = []
    var stale: [Int] = []
    var lagSum = 0.0
    var writes = 0
    var setups = 0
    /// Queries sent to each shard (primary or replica) and to each replica.
    var shardQueries: [Int]
    var replicaQueries: [Int]
    var atWarmup = DataStoreSnapshot()
    var atBucket = DataStoreSnapshot()
}

/// What a data store has counted up to a moment (the end of the warm-up, a bucket's start).
struct DataStoreSnapshot: Sendable {
    var reads: [Int] = []
    var stale: [Int] = []
    var lagSum = 0.0
    var writes = 0
    var shardQueries: [Int] = []
    var replicaQueries: [Int] = []
    /// Worker-seconds held by each primary, then each replica, since the start.
    var busy: [Double] = []
}

/// The time of the last write of each key, for stale reads: a direct-mapped table of up to 2²⁰
/// slots. Keys below the table's size have a slot of their own, so for key spaces up to
/// 1,048,576 keys it is exact; larger keys share hashed slots, and a read of a key whose slot
/// another key took is judged fresh (so it can only undercount).
///
/// Until a key beyond the direct range is written, slot i can only hold key i, so the log keeps
/// times alone and a look-up reads one 8-byte slot (one cache line; Zipf's popular low ranks
/// share a few). The first such key brings in the slots' keys, each slot's own index to start
/// with: exactly what the slots written so far hold.
struct WriteLog: Sendable {
    static let maximumSlots = 1 << 20
    private var times: [Double]
    /// Each slot's key: empty until a key at or above `direct` is written.
    private var keys: [UInt64] = []
    private let mask: UInt64
    /// Keys below this are their own slot.
    private let direct: UInt64

    /// A log for key spaces of `keys` keys (0: none yet).
    init(keys count: Int) {
        var slots = 1
        while slots < min(max(count, 1), Self.maximumSlots) { slots <<= 1 }
        times = Array(repeating: -.infinity, count: count > 0 ? slots : 0)
        mask = UInt64(slots - 1)
        direct = UInt64(slots)
    }

    /// Slots it has.
    var size: Int { times.count }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key < direct ? key : KeyIndex.hash(key) & mask) }

    @inline(__always)
    mutating func record(_ key: UInt64, at time: Double) {
        guard !times.isEmpty else { return }
        if keys.isEmpty {
            if key < direct {
                times[Int(truncatingIfNeeded: key)] = time
                return
            }
            keys = (0..<UInt64(times.count)).map { $0 }
        }
        let i = slot(key)
        keys[i] = key
        times[i] = time
    }

    /// Prefetches `key`'s slot (see ``prefetch(_:)``): a replica read does when it is sent, so its
    /// stale-read check, when the replica answers, finds the slot in cache.
    @inline(__always)
    func prefetch(_ key: UInt64) {
        guard !times.isEmpty else { return }
        if keys.isEmpty {
            if key < direct { times.prefetch(Int(truncatingIfNeeded: key)) }
            return
        }
        let i = slot(key)
        keys.prefetch(i)
        times.prefetch(i)
    }

    /// When `key` was last written, or -∞.
    @inline(__always)
    func lastWrite(_ key: UInt64) -> Double {
        guard !times.isEmpty else { return -.infinity }
        if keys.isEmpty { return key < direct ? times[Int(truncatingIfNeeded: key)] : -.infinity }
        let i = slot(key)
        return keys[i] == key ? times[i] : -.infinity
    }
}

extension ModelCompiler {
    /// Declares a data store of `shards` primaries with `replicas` each, returning whether it
    /// needs hooks at all: a database without replicas or connection set-up stays a plain pool.
    mutating func declareDataStore(
        component c: Int, id: String, behaviour: Behaviour, shards: Int, instances: Int, concurrency: Int, queueCapacity: Int?,
        serviceTime: DistributionSpec, timeout: TimeSpan?, spec: some ReplicatedSpec, rangeKeys: Int?
    ) {
        let k = kinds.dataStores.count
        let primaries = addPool(
            component: c, id: id, behaviour: behaviour, kindIndex: k, instances: shards * instances, concurrency: concurrency,
            queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout)
        var replicaPool = -1
        if spec.replicas > 0 {
            replicaPool = addPool(
                component: c, id: "\(id):replicas", behaviour: behaviour, kindIndex: k, instances: shards * spec.replicas,
                concurrency: concurrency, queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout)
            callTargets[c] = .pool(Int32(primaries))
        }
        componentInstances[c] = shards * (instances + spec.replicas)
        componentConcurrency[c] = concurrency
        // Without a warm-up the window starts at zero: the snapshots start as zero counts.
        let start = DataStoreSnapshot(
            shardQueries: Array(repeating: 0, count: shards), replicaQueries: Array(repeating: 0, count: shards * spec.replicas))
        kinds.dataStores.append(DataStoreState(
            component: Int32(c), shards: shards, replicas: spec.replicas, rangeKeys: UInt64(rangeKeys ?? 0),
            strategy: spec.readStrategy, primaryPool: Int32(primaries), replicaPool: Int32(replicaPool),
            lag: spec.replicationLag.map { addSampler($0) } ?? -1, stream: addStream("replicas:\(id)"),
            connectionSetup: spec.connectionSetup?.seconds ?? 0, cursors: Array(repeating: 0, count: shards),
            shardQueries: start.shardQueries, replicaQueries: start.replicaQueries, atWarmup: start, atBucket: start))
    }

    /// A write step to data store `k` is compiled for the current class: its writes are logged
    /// when replicas can lag behind them.
    mutating func logWrites(store k: Int) {
        guard kinds.dataStores[k].replicaPool >= 0, kinds.dataStores[k].lag >= 0, let keys = classKeys.last else { return }
        let count = keys.keyCount
        if count > kinds.dataStores[k].writeLog.size || kinds.dataStores[k].writeLog.size == 0 {
            kinds.dataStores[k].writeLog = WriteLog(keys: max(count, kinds.dataStores[k].writeLog.size))
        }
    }

    /// Replica reads are counted per class: room for the class being compiled.
    mutating func countReads(store k: Int) {
        let classes = classNames.count
        if kinds.dataStores[k].reads.count < classes {
            kinds.dataStores[k].reads += Array(repeating: 0, count: classes - kinds.dataStores[k].reads.count)
            kinds.dataStores[k].stale += Array(repeating: 0, count: classes - kinds.dataStores[k].stale.count)
        }
    }
}

extension KeySampler {
    /// How many keys the class draws from (keys beyond a fixed key's count are hashed).
    var keyCount: Int {
        switch self {
        case .none: 1
        case .fixed: 1
        case .uniform(let count): count
        case .zipf(let sampler): sampler.count
        }
    }
}

extension DatabasePool: CompilableSpec {
    /// Without replicas or a connection set-up a database is a plain pool; otherwise a data store.
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        guard replicas > 0 || connectionSetup != nil else {
            model.addPool(
                component: c, id: id, behaviour: .pool, instances: instances, concurrency: concurrency, queueCapacity: queueCapacity,
                serviceTime: serviceTime, timeout: timeout)
            return
        }
        model.declareDataStore(
            component: c, id: id, behaviour: .database, shards: 1, instances: instances, concurrency: concurrency,
            queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout, spec: self, rangeKeys: nil)
    }
}

extension Simulation {
    /// The instance of pool `p` (the store's primaries or replicas) a query goes to.
    mutating func dataStoreDispatch(_ k: Int, pool p: Int, slot: Int) -> Int32 {
        let shards = kinds.dataStores[k].shards
        let shard = shards > 1 ? shardOf(k, key: requests[slot].key) : 0
        kinds.dataStores[k].shardQueries[shard] &+= 1
        let first = Int(pools[p].firstInstance)
        if Int32(p) == kinds.dataStores[k].primaryPool {
            // One shard: the database's primaries (one, or several without replicas) in turn.
            return shards == 1 ? dispatch(pool: p) : Int32(first + shard)
        }
        kinds.dataStores[k].writeLog.prefetch(requests[slot].key)
        let r = kinds.dataStores[k].replicas
        let i = pickReplica(k, shard: shard, first: first + shard * r, count: r)
        if i >= 0 { kinds.dataStores[k].replicaQueries[shard * r + (i - first - shard * r)] &+= 1 }
        return Int32(i)
    }

    /// The shard holding `key`: a hash of the key modulo the shards, or its range.
    @inline(__always)
    func shardOf(_ k: Int, key: UInt64) -> Int {
        let shards = UInt64(kinds.dataStores[k].shards)
        let range = kinds.dataStores[k].rangeKeys
        guard range > 0 else { return Int(KeyIndex.hash(key) % shards) }
        return key >= range ? Int(shards) - 1 : Int(key * shards / range)
    }

    /// A replica among `count` from instance `first`, by the store's read strategy, among
    /// those up; -1 when none is.
    mutating func pickReplica(_ k: Int, shard: Int, first: Int, count: Int) -> Int {
        let generator = generators[Int(kinds.dataStores[k].stream)]
        var pick: Int
        switch kinds.dataStores[k].strategy {
        case .roundRobin:
            let cursor = Int(kinds.dataStores[k].cursors[shard])
            kinds.dataStores[k].cursors[shard] = Int32(cursor + 1 == count ? 0 : cursor + 1)
            pick = first + cursor
        case .random:
            pick = first + generator.index(below: count)
        case .leastConnections:
            let start = Int(kinds.dataStores[k].cursors[shard])
            kinds.dataStores[k].cursors[shard] = Int32(start + 1 == count ? 0 : start + 1)
            pick = -1
            var best = Int32.max
            for j in 0..<count {
                let i = first + (start + j) % count
                if instances[i].state == .up && instances[i].inFlight < best {
                    best = instances[i].inFlight
                    pick = i
                }
            }
        case .powerOfTwoChoices:
            let a = generator.index(below: count)
            var b = count > 1 ? generator.index(below: count - 1) : a
            if count > 1 && b >= a { b += 1 }
            pick = instances[first + b].inFlight < instances[first + a].inFlight ? first + b : first + a
        }
        if pick >= 0 && instances[pick].state == .up { return pick }
        // The one chosen is not up: the first that is, after it.
        for j in 0..<count {
            let i = first + (max(pick - first, 0) + j) % count
            if instances[i].state == .up { return i }
        }
        return -1
    }

    /// A query whose request holds no connection of a pool to this store opens one first.
    mutating func dataStoreConnectionSetup(_ k: Int, frame f: Int) -> Double {
        let setup = kinds.dataStores[k].connectionSetup
        guard setup > 0, !holdsPooledConnection(frame: f, to: Int(kinds.dataStores[k].component)) else { return 0 }
        kinds.dataStores[k].setups &+= 1
        return setup
    }

    /// A replica answered a read: it draws its lag, and the read is stale when the key was
    /// written less than the lag ago.
    mutating func dataStoreServed(_ k: Int, pool p: Int, slot: Int) -> ErrorCause? {
        guard Int32(p) == kinds.dataStores[k].replicaPool else { return nil }
        let c = Int(requests[slot].requestClass)
        guard c < kinds.dataStores[k].reads.count else { return nil }
        kinds.dataStores[k].reads[c] &+= 1
        let lagSampler = kinds.dataStores[k].lag
        guard lagSampler >= 0 else { return nil }
        let lag = samplers.sample(lagSampler, generators[Int(kinds.dataStores[k].stream)])
        kinds.dataStores[k].lagSum += lag
        if kinds.dataStores[k].writeLog.lastWrite(requests[slot].key) > calendar.now.seconds - lag {
            kinds.dataStores[k].stale[c] &+= 1
        }
        return nil
    }

    /// A write step's query returned: the key's write time is logged.
    mutating func dataStoreWrite(_ k: Int, slot: Int, pc: Int) -> Bool {
        kinds.dataStores[k].writes &+= 1
        kinds.dataStores[k].writeLog.record(requests[slot].key, at: calendar.now.seconds)
        requests[slot].pc = Int32(pc &+ 1)
        return true
    }

    /// The store's counts now, with each server's busy worker-seconds (integrals brought up to
    /// now by the caller).
    func dataStoreSnapshot(_ k: Int) -> DataStoreSnapshot {
        let s = kinds.dataStores[k]
        var busy: [Double] = []
        for pool in [s.primaryPool, s.replicaPool] where pool >= 0 {
            let first = Int(pools[Int(pool)].firstInstance)
            for i in first..<(first + Int(pools[Int(pool)].capacity)) { busy.append(instances[i].busyArea) }
        }
        return DataStoreSnapshot(
            reads: s.reads, stale: s.stale, lagSum: s.lagSum, writes: s.writes, shardQueries: s.shardQueries,
            replicaQueries: s.replicaQueries, busy: busy)
    }

    mutating func dataStoreStartMeasuring(_ k: Int) {
        // The bucket under way keeps its own start: the time series covers the warm-up.
        kinds.dataStores[k].atWarmup = dataStoreSnapshot(k)
    }

    /// The window's figures: a database's "replicas", or "shards".
    func dataStoreFigures(_ k: Int) -> KindFigures? {
        let s = kinds.dataStores[k]
        let now = dataStoreSnapshot(k)
        let window = calendar.now.seconds - min(warmupEnd, calendar.now).seconds
        guard s.shards > 1 else { return s.replicas > 0 ? replicaFigures(k, now: now, since: s.atWarmup, window: window) : nil }
        return shardFigures(k, now: now, since: s.atWarmup, window: window)
    }

    /// Each server's utilization over `window` from the busy worker-seconds of two snapshots.
    func serverUtilizations(_ k: Int, now: DataStoreSnapshot, since: DataStoreSnapshot, window: Double) -> [Double] {
        let capacity = window * Double(pools[Int(kinds.dataStores[k].primaryPool)].concurrency)
        return now.busy.indices.map { i in capacity > 0 ? (now.busy[i] - (i < since.busy.count ? since.busy[i] : 0)) / capacity : 0 }
    }

    /// "replicas": reads at replicas, stale ones (overall and per class), the mean lag, the
    /// primary's and each replica's utilization and query rate.
    func replicaFigures(_ k: Int, now: DataStoreSnapshot, since: DataStoreSnapshot, window: Double) -> KindFigures {
        let s = kinds.dataStores[k]
        let utilization = serverUtilizations(k, now: now, since: since, window: window)
        let primaries = utilization.count - s.replicas
        let reads = now.reads.reduce(0, +) - since.reads.reduce(0, +)
        let stale = now.stale.reduce(0, +) - since.stale.reduce(0, +)
        let rate = { (n: Int) in KindFigures.Value.number(window > 0 ? Double(n) / window : 0, places: 4) }
        let perReplica: [[KindFigures.Figure]] = (0..<s.replicas).map { r in
            [.init("replica", .count(r)), .init("utilization", .ratio(utilization[primaries + r])),
             .init("throughputRps", rate(now.replicaQueries[r] - since.replicaQueries[r]))]
        }
        var figures: [KindFigures.Figure] = [
            .init("replicas", .count(s.replicas)),
            .init("primaryUtilization", .ratio(utilization.prefix(primaries).reduce(0, +) / Double(max(primaries, 1)))),
            .init("replicaUtilization", .ratio(utilization.suffix(s.replicas).reduce(0, +) / Double(max(s.replicas, 1)))),
            .init("writes", .count(now.writes - since.writes)),
            .init("reads", .count(reads)),
            .init("staleReads", .count(stale)),
            .init("staleReadFraction", .ratio(reads > 0 ? Double(stale) / Double(reads) : 0)),
            .init("lagMs", .milliseconds(reads > 0 && s.lag >= 0 ? (now.lagSum - since.lagSum) / Double(reads) * 1_000 : 0)),
            .init("perReplica", .rows(perReplica)),
        ]
        figures.append(.init("classes", .rows(classReadRows(now: now, since: since))))
        return KindFigures(name: "replicas", figures: figures)
    }

    /// Per class that read the store: reads, stale reads and their fraction.
    func classReadRows(now: DataStoreSnapshot, since: DataStoreSnapshot) -> [[KindFigures.Figure]] {
        now.reads.indices.compactMap { c in
            let reads = now.reads[c] - (c < since.reads.count ? since.reads[c] : 0)
            let stale = now.stale[c] - (c < since.stale.count ? since.stale[c] : 0)
            guard reads > 0 else { return nil }
            return [.init("class", .label(classes[c].name)), .init("reads", .count(reads)), .init("staleReads", .count(stale)),
                    .init("staleReadFraction", .ratio(Double(stale) / Double(reads)))]
        }
    }

    /// The bucket's stale-read fraction (with replicas) or hottest shard's share, and the bucket moves on.
    mutating func dataStoreBucketFigures(_ k: Int) -> [KindFigures.Figure] {
        let now = dataStoreSnapshot(k)
        let since = kinds.dataStores[k].atBucket
        kinds.dataStores[k].atBucket = now
        var figures: [KindFigures.Figure] = []
        if kinds.dataStores[k].shards > 1 {
            let queries = now.shardQueries.indices.map { now.shardQueries[$0] - (since.shardQueries.isEmpty ? 0 : since.shardQueries[$0]) }
            let total = queries.reduce(0, +)
            if total > 0 { figures.append(.init("hottestShare", .ratio(Double(queries.max() ?? 0) / Double(total)))) }
        }
        let reads = now.reads.reduce(0, +) - since.reads.reduce(0, +)
        if reads > 0 && kinds.dataStores[k].lag >= 0 {
            let stale = now.stale.reduce(0, +) - since.stale.reduce(0, +)
            figures.append(.init("staleReadFraction", .ratio(Double(stale) / Double(reads))))
        }
        return figures
    }
}

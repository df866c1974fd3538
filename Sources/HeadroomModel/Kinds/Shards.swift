import HeadroomEngine
import HeadroomScenario

/// Sharded data is a data store (Kinds/Database.swift) of `shards` primaries, each with its own
/// replicas; a query's shard is the hash of its request's key modulo the shards, or the key's
/// range (see `shardOf`).
extension ShardedDatabase: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        model.declareDataStore(
            component: c, id: id, behaviour: .shards, shards: shards, instances: 1, concurrency: concurrency,
            queueCapacity: queueCapacity, serviceTime: serviceTime, timeout: timeout, spec: self,
            rangeKeys: partitioning == .range ? keyCount : nil)
    }
}

extension Simulation {
    /// "shards": the hottest shard and its share of the queries, and per shard its utilization
    /// (primary and replicas together), query rate and share; with replicas, the stale reads.
    func shardFigures(_ k: Int, now: DataStoreSnapshot, since: DataStoreSnapshot, window: Double) -> KindFigures {
        let s = kinds.dataStores[k]
        let utilization = serverUtilizations(k, now: now, since: since, window: window)
        let queries = now.shardQueries.indices.map { now.shardQueries[$0] - since.shardQueries[$0] }
        let total = queries.reduce(0, +)
        var hottest = 0
        for shard in queries.indices where queries[shard] > queries[hottest] { hottest = shard }
        let perShard: [[KindFigures.Figure]] = queries.indices.map { shard in
            // Primary `shard`, then its replicas at shards + shard × replicas.
            var busy = utilization[shard]
            for r in 0..<s.replicas { busy += utilization[s.shards + shard * s.replicas + r] }
            return [
                .init("shard", .count(shard)), .init("utilization", .ratio(busy / Double(1 + s.replicas))),
                .init("throughputRps", .number(window > 0 ? Double(queries[shard]) / window : 0, places: 4)),
                .init("share", .ratio(total > 0 ? Double(queries[shard]) / Double(total) : 0)),
            ]
        }
        var figures: [KindFigures.Figure] = [
            .init("shards", .count(s.shards)), .init("hottestShard", .count(hottest)),
            .init("hottestShare", .ratio(total > 0 ? Double(queries[hottest]) / Double(total) : 0)),
        ]
        if s.replicas > 0 {
            let reads = now.reads.reduce(0, +) - since.reads.reduce(0, +)
            let stale = now.stale.reduce(0, +) - since.stale.reduce(0, +)
            figures += [
                .init("replicaReads", .count(reads)), .init("staleReads", .count(stale)),
                .init("staleReadFraction", .ratio(reads > 0 ? Double(stale) / Double(reads) : 0)),
                .init("lagMs", .milliseconds(reads > 0 && s.lag >= 0 ? (now.lagSum - since.lagSum) / Double(reads) * 1_000 : 0)),
            ]
        }
        figures.append(.init("perShard", .rows(perShard)))
        if s.replicas > 0 { figures.append(.init("classes", .rows(classReadRows(now: now, since: since)))) }
        return KindFigures(name: "shards", figures: figures)
    }
}

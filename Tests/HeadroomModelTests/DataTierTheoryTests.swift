import Foundation
import Testing
import HeadroomAnalysis
import HeadroomModel
import HeadroomScenario

/// The data tier against closed forms: caches (Che's approximation, the binomial, TTL renewal
/// arguments), replicas' stale reads, shards under Zipf keys, parallel fan-out, connection pools.
///
/// Every run is seeded, so each outcome is reproducible. Each tolerance is derived in a comment
/// from the estimator's standard deviation (σ); the bounds are 5σ or wider, so a correct model
/// misses with probability below 10⁻⁶ per assertion. docs/validation.md lists the measured errors.
@Suite("Data tier theory validation")
struct DataTierTheoryTests {
    /// A few microseconds: service times that are not zero but negligible against every other time here.
    static let tiny = DistributionSpec.constant(.microseconds(1))

    /// A scenario of one class per (name, weight, key space, steps).
    static func scenario(
        rate: Double, components: [Component], classes: [(String, Double, KeySpace?, [Step])], duration: Double, warmup: Double,
        arrivals: Workload.Arrivals = .poisson, seed: UInt64 = 1
    ) -> Scenario {
        Scenario(
            name: "data-tier", seed: seed, duration: .seconds(duration), warmup: .seconds(warmup),
            workload: Workload(arrivals: arrivals, rate: rate, mix: classes.map { .init($0.0, weight: $0.1) }),
            components: components,
            routes: classes.map { Route(requestClass: $0.0, steps: $0.3, keys: $0.2) })
    }

    /// A cache read whose miss branch reads a database that answers at once.
    static func cacheScenario(_ cache: KeyValueCache, keys: KeySpace, rate: Double, duration: Double, warmup: Double, seed: UInt64 = 1) -> Scenario {
        scenario(
            rate: rate,
            components: [
                Component(id: "cache", cache),
                Component(id: "db", DatabasePool(concurrency: 100_000, serviceTime: tiny)),
            ],
            classes: [("read", 1, keys, [.read(Read("cache", miss: [.read(Read("db"))]))])],
            duration: duration, warmup: warmup, seed: seed)
    }

    /// The cache's figure `name`.
    static func figure(_ r: Results, _ component: String, _ name: String) -> Double {
        r.components.first { $0.id == component }?.figures?[name]?.number ?? .nan
    }

    /// Zipf probabilities of ranks 1…n (exponent 0: uniform).
    static func zipf(exponent s: Double, count n: Int) -> [Double] {
        let weights = (1...n).map { pow(Double($0), -s) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    /// Che's approximation of an LRU cache of `capacity` under independent requests with
    /// probabilities `p`: the characteristic time T solves Σᵢ(1 − e^(−pᵢT)) = C (bisection), and
    /// the hit ratio is Σᵢ pᵢ(1 − e^(−pᵢT)).
    static func che(_ p: [Double], capacity: Int) -> Double {
        func filled(_ t: Double) -> Double { p.reduce(0) { $0 + (1 - exp(-$1 * t)) } }
        var low = 0.0
        var high = 1.0
        while filled(high) < Double(capacity) { high *= 2 }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if filled(mid) < Double(capacity) { low = mid } else { high = mid }
        }
        let t = (low + high) / 2
        return p.reduce(0) { $0 + $1 * (1 - exp(-$1 * t)) }
    }

    // MARK: Caches

    /// (exponent, keys, capacity): skewed and very skewed Zipf, and uniform keys (where LRU's hit
    /// ratio is exactly C/N, which Che's approximation also gives).
    static let cheCases: [(Double, Int, Int)] = [(0.8, 1_000, 100), (1.2, 1_000, 50), (0, 500, 100)]

    @Test("an LRU cache of keys under independent Zipf or uniform requests has Che's hit ratio", arguments: 0..<3)
    func lruMatchesChe(_ i: Int) {
        let (s, n, capacity) = Self.cheCases[i]
        let keys: KeySpace = s == 0 ? .uniform(count: n) : .zipf(exponent: s, count: n)
        let r = Build.run(Self.cacheScenario(
            KeyValueCache(latency: Self.tiny, capacity: capacity), keys: keys, rate: 50_000, duration: 11, warmup: 1))
        let lookups = Self.figure(r, "cache", "lookups")
        let simulated = Self.figure(r, "cache", "hitRatio")
        let theory = Self.che(Self.zipf(exponent: s, count: n), capacity: capacity)
        // Tolerance: Che's approximation itself is off by less than 0.0005 for these three cases
        // (an independent LRU in Python, 2.7 M requests each: 0.37789 vs Che 0.37779, 0.66540 vs
        // 0.66516, 0.20001 vs 0.2). The estimate over n ≈ 500,000 lookups has σ ≈ √(h(1−h)/n)
        // inflated by the correlation of successive LRU states, less than ×√3 here (batch means
        // of the Python run); 5σ of that plus the approximation's error.
        let sigma = (3 * theory * (1 - theory) / lookups).squareRoot()
        #expect(lookups > 490_000)
        #expect(abs(simulated - theory) < 0.0005 + 5 * sigma, "s \(s), N \(n), C \(capacity): simulated \(simulated), Che \(theory)")
    }

    @Test("an LRU cache of one key hits with probability Σ pᵢ², exactly the chance two requests in a row ask for the same key")
    func lruOfOneKey() {
        let r = Build.run(Self.cacheScenario(
            KeyValueCache(latency: Self.tiny, capacity: 1), keys: .zipf(exponent: 0.8, count: 20), rate: 50_000, duration: 11, warmup: 1))
        let p = Self.zipf(exponent: 0.8, count: 20)
        let theory = p.reduce(0) { $0 + $1 * $1 }
        let lookups = Self.figure(r, "cache", "lookups")
        let hits = Self.figure(r, "cache", "hits")
        // Hits are indicators of "this key equals the previous one": 1-dependent, each with
        // variance h(1−h) and covariance of neighbours Σp³ − h² (small); σ of the ratio is
        // √((h(1−h) + 2(Σp³ − h²))/n). Tolerance 5σ.
        let p3 = p.reduce(0) { $0 + $1 * $1 * $1 }
        let sigma = ((theory * (1 - theory) + 2 * max(p3 - theory * theory, 0)) / lookups).squareRoot()
        #expect(abs(hits / lookups - theory) < 5 * sigma, "simulated \(hits / lookups), theory \(theory)")
    }

    @Test("a cache in hit-ratio mode hits a binomial number of times")
    func hitRatioMode() {
        let r = Build.run(Self.cacheScenario(
            KeyValueCache(latency: Self.tiny, hitRatio: 0.9), keys: .uniform(count: 10), rate: 10_000, duration: 10, warmup: 0))
        let n = Self.figure(r, "cache", "lookups")
        let hits = Self.figure(r, "cache", "hits")
        // Each lookup draws independently: hits ~ Binomial(n, 0.9), σ = √(n·0.9·0.1). Tolerance 5σ.
        #expect(n > 99_000)
        #expect(abs(hits - 0.9 * n) < 5 * (n * 0.09).squareRoot(), "\(hits) hits of \(n)")
        #expect(Self.figure(r, "cache", "misses") == n - hits)
        // The miss branch ran once per miss: the database served exactly the misses.
        #expect(Double(r.components[1].arrivals) == n - hits)
    }

    @Test("a TTL fixed at insertion hits λT/(1+λT); refreshed on hits, 1 − e^(−λT)", arguments: [CacheExpiry.fixed, .sliding])
    func ttl(_ expiry: CacheExpiry) {
        // 200 keys, uniform, 2,000 lookups/s: Poisson at λ = 10/s per key; T = 100 ms, λT = 1.
        // The capacity holds every key, so only the TTL removes entries.
        let cache = KeyValueCache(latency: Self.tiny, capacity: 1_000, ttl: .milliseconds(100), expiry: expiry)
        let r = Build.run(Self.cacheScenario(cache, keys: .uniform(count: 200), rate: 2_000, duration: 101, warmup: 1))
        let simulated = Self.figure(r, "cache", "hitRatio")
        let theory = expiry == .fixed ? 0.5 : 1 - exp(-1.0)
        // Renewal-reward: per key, a cycle is one miss and the hits up to the expiry. Fixed: the
        // hits in a cycle are Poisson(λT), so over m ≈ n/(1+λT) = 100,000 cycles the ratio's σ is
        // (1−h)·√(λT)/((1+λT)√m) ≈ 0.0008. Sliding: hits per cycle are geometric with mean
        // e^(λT) − 1, σ of the ratio ≈ √(h(1−h)/n) · 1.6 ≈ 0.0017. Tolerance 0.009 covers 5σ of
        // either.
        #expect(abs(simulated - theory) < 0.009, "\(expiry): simulated \(simulated), theory \(theory)")
        #expect(Self.figure(r, "cache", "expirations") > 0)
        #expect(Self.figure(r, "cache", "evictions") == 0)
    }

    @Test("concurrent misses of a key: each runs the miss branch, or with single flight one does and the others wait for its fill")
    func singleFlight() {
        // One key, a request every 10 ms, a 95 ms database: the requests at 10, 20, …, 100 ms find
        // no entry (the first fill lands at 10 ms + 95 ms = 105 ms). Without coalescing each of
        // the ten misses reads the database; with single flight only the first does, nine wait.
        // The 100th request arrives at the end of the run (1 s) and is not looked up: 99 lookups.
        for coalescing in [CacheCoalescing.none, .singleFlight] {
            let scenario = Self.scenario(
                rate: 100,
                components: [
                    Component(id: "cache", KeyValueCache(latency: Self.tiny, capacity: 10, coalescing: coalescing)),
                    Component(id: "db", DatabasePool(concurrency: 100, serviceTime: .constant(.milliseconds(95)))),
                ],
                classes: [("read", 1, .fixed(7), [.read(Read("cache", miss: [.read(Read("db"))]))])],
                duration: 1, warmup: 0, arrivals: .deterministic)
            let r = Build.run(scenario)
            #expect(Self.figure(r, "cache", "lookups") == 99)
            #expect(Self.figure(r, "cache", "hits") == 89)
            #expect(Self.figure(r, "cache", "misses") == 10)
            let led = coalescing == .none ? 10.0 : 1
            #expect(Self.figure(r, "cache", "coalescedMisses") == 10 - led, "\(coalescing)")
            #expect(Double(r.components[1].arrivals) == led, "\(coalescing)")
        }
    }

    @Test("single flight whose leader fails: the waiting misses look again and one of them leads; nobody is stranded")
    func singleFlightLeaderFails() {
        // One key, a request every 10 ms, a TTL of 100 ms so fills recur; the miss branch's
        // database read is exponential with mean 40 ms against a 50 ms timeout, so a leader fails
        // with probability e^(−1.25) ≈ 0.29 and its followers must take over. Every failed request
        // is a leader whose own database read timed out (a follower only ever fails by leading),
        // and at the end only the requests of the last fill (≤ 50 ms of arrivals, and the ones
        // resumed into it) can still be in flight.
        let scenario = Self.scenario(
            rate: 100,
            components: [
                Component(id: "cache", KeyValueCache(latency: Self.tiny, capacity: 10, ttl: .milliseconds(100), coalescing: .singleFlight)),
                Component(id: "db", DatabasePool(concurrency: 100, serviceTime: .exponential(mean: .milliseconds(40)), timeout: .milliseconds(50))),
            ],
            classes: [("read", 1, .fixed(7), [.read(Read("cache", miss: [.read(Read("db"))]))])],
            duration: 60, warmup: 0, arrivals: .deterministic)
        let r = Build.run(scenario)
        let db = r.components[1]
        #expect(r.requests.failed > 50, "leaders fail")
        #expect(r.requests.failed == db.errors[.timeout])
        #expect(r.requests.completed + r.requests.failed + r.requests.inSystemAtEnd == r.requests.offered)
        #expect(r.requests.inSystemAtEnd <= 10, "\(r.requests.inSystemAtEnd) still in flight")
        #expect(Self.figure(r, "cache", "coalescedMisses") > 0)
    }

    @Test("a write invalidates the key's entry (the next read misses) or updates it (the next read hits)")
    func writePolicies() {
        // One key, a request every 10 ms, each a read or a write with probability ½. Invalidate:
        // a read hits exactly when the request before it was a read (a write deletes the entry, a
        // read leaves it filled), so the hit ratio is ½; over n ≈ 500 reads σ ≈ √(¼/n) ≈ 0.022,
        // tolerance 0.1 (4.5σ). Update: every write sets the entry, so only a read before any
        // write or read can miss.
        for policy in [KeyValueCache.WritePolicy.invalidate, .update] {
            let cache = Component(id: "cache", KeyValueCache(latency: Self.tiny, capacity: 10, onWrite: policy))
            let db = Component(id: "db", DatabasePool(concurrency: 100, serviceTime: Self.tiny))
            let scenario = Self.scenario(
                rate: 100, components: [cache, db],
                classes: [
                    ("read", 1, .fixed(3), [.read(Read("cache", miss: [.read(Read("db"))]))]),
                    ("write", 1, .fixed(3), [.write(Write("db")), .write(Write("cache"))]),
                ],
                duration: 10, warmup: 0, arrivals: .deterministic)
            let r = Build.run(scenario)
            let lookups = Self.figure(r, "cache", "lookups")
            let hits = Self.figure(r, "cache", "hits")
            #expect(lookups >= 400, "\(policy): \(lookups) reads")
            if policy == .invalidate {
                #expect(Self.figure(r, "cache", "invalidations") > 0)
                #expect(abs(hits / lookups - 0.5) < 0.1, "\(policy): \(hits) hits of \(lookups)")
            } else {
                #expect(Self.figure(r, "cache", "updates") > 0)
                #expect(hits >= lookups - 1, "\(policy): \(hits) hits of \(lookups)")
            }
        }
    }

    @Test("a cold cache warms up in the time series: with room for every key, bucket [a, b) hits 1 − N(e^(−Λa/N) − e^(−Λb/N))/(Λ(b − a))")
    func warmUpCurve() throws {
        // N = 10,000 uniform keys at Λ = 1,000/s, a capacity holding them all: a lookup at t hits
        // when its key was asked before, with probability 1 − e^(−Λt/N); averaged over a bucket,
        // the formula above. One-second buckets, the warm-up ending at 5 s inside the curve.
        var scenario = Self.cacheScenario(
            KeyValueCache(latency: Self.tiny, capacity: 10_000), keys: .uniform(count: 10_000), rate: 1_000, duration: 20, warmup: 5)
        scenario.timeBucket = .seconds(1)
        let r = Build.run(scenario)
        let series = try #require(r.timeseries.components.first { $0.id == "cache" }?.figures.first { $0.name == "hitRatio" })
        #expect(series.values.count == 20)
        for (k, simulated) in series.values.enumerated() {
            let (a, b) = (Double(k), Double(k + 1))
            let theory = 1 - 10_000 * (exp(-a / 10) - exp(-b / 10)) / 1_000
            // About 1,000 lookups a bucket: σ ≤ √(¼/1,000) ≈ 0.016; tolerance 0.08 = 5σ. A bucket
            // with no value (NaN) fails too — as the one ending with the warm-up once did.
            #expect(abs(simulated - theory) < 0.08, "bucket \(k): simulated \(simulated), theory \(theory)")
        }
    }

    // MARK: Replicas

    @Test("with Poisson writes at w per key and a replication lag L, a fraction 1 − E[e^(−wL)] of replica reads is stale",
          arguments: [false, true])
    func staleReads(_ exponentialLag: Bool) {
        // 1,000 keys, 1,000 writes/s: w = 1/s per key. Lag 200 ms, constant (1 − e^(−0.2)) or
        // exponential with that mean (E[e^(−wL)] = 1/(1 + wL), so wL/(1 + wL) = 1/6).
        let lag: DistributionSpec = exponentialLag ? .exponential(mean: .milliseconds(200)) : .constant(.milliseconds(200))
        let db = DatabasePool(concurrency: 100_000, serviceTime: Self.tiny, replicas: 2, replicationLag: lag)
        let keys = KeySpace.uniform(count: 1_000)
        let scenario = Self.scenario(
            rate: 2_000, components: [Component(id: "db", db)],
            classes: [("read", 1, keys, [.read(Read("db"))]), ("write", 1, keys, [.write(Write("db"))])],
            duration: 101, warmup: 1)
        let r = Build.run(scenario)
        let reads = Self.figure(r, "db", "reads")
        let simulated = Self.figure(r, "db", "staleReadFraction")
        let theory = exponentialLag ? 0.2 / 1.2 : 1 - exp(-0.2)
        // n ≈ 100,000 reads; reads of one key 200 ms apart share a write window only rarely
        // (λ_read·L = 0.2 per key), so the indicators are nearly independent: σ ≈ √(f(1−f)/n)
        // ≈ 0.0012, at most √1.2 times that with the overlap. Tolerance 0.007 ≈ 5σ.
        #expect(reads > 95_000)
        #expect(abs(simulated - theory) < 0.007, "simulated \(simulated), theory \(theory)")
        // The mean lag drawn per read is the distribution's mean, 200 ms (σ of the mean ≤ 0.7 ms).
        #expect(abs(Self.figure(r, "db", "lagMs") - 200) < 3.5)
    }

    @Test("without a warm-up, replicas and shards report from zero (the run once crashed at its report)")
    func noWarmup() {
        let keys = KeySpace.uniform(count: 100)
        for spec in [Component(id: "db", DatabasePool(concurrency: 10, serviceTime: Self.tiny, replicas: 2, replicationLag: .constant(.milliseconds(1)))),
                     Component(id: "db", ShardedDatabase(shards: 3, concurrency: 10, serviceTime: Self.tiny, replicas: 1))] {
            let r = Build.run(Self.scenario(
                rate: 100, components: [spec], classes: [("read", 1, keys, [.read(Read("db"))]), ("write", 1, keys, [.write(Write("db"))])],
                duration: 10, warmup: 0, arrivals: .deterministic))
            let name = spec.kind == .shards ? "replicaReads" : "reads"
            // Every read request is one replica read, counted from the start (one still in flight
            // at the end may not have been served yet).
            let reads = r.classes[0].requests
            let counted = Self.figure(r, "db", name)
            #expect(reads.completed > 400)
            #expect(counted >= Double(reads.completed) && counted <= Double(reads.completed + reads.inSystemAtEnd), "\(spec.kind)")
        }
    }

    // MARK: Shards

    /// SplitMix64's finalizer (Steele, Lea and Flood 2014), written here from the published
    /// constants: the hash the scenario format documents for hash partitioning.
    static func splitMix(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @Test("hash shards under Zipf keys: the hottest key's shard carries p₁ + (1 − p₁)/S, and each shard the mass of its keys")
    func hotShard() throws {
        let (s, n, shards) = (1.0, 10_000, 4)
        let spec = ShardedDatabase(shards: shards, concurrency: 100_000, serviceTime: Self.tiny)
        let scenario = Self.scenario(
            rate: 20_000, components: [Component(id: "users", spec)],
            classes: [("read", 1, .zipf(exponent: s, count: n), [.read(Read("users"))])], duration: 11, warmup: 1)
        let r = Build.run(scenario)
        let p = Self.zipf(exponent: s, count: n)
        let rows = try #require(r.components[0].figures?["perShard"].flatMap { if case .rows(let rows) = $0 { rows } else { nil } })
        let shares = rows.map { row in row.first { $0.name == "share" }?.value.number ?? .nan }
        let total = Double(r.components[0].arrivals)
        // Exact per shard, given the hash: the mass of the keys it holds (key k is rank k + 1).
        var mass = Array(repeating: 0.0, count: shards)
        for k in 0..<n { mass[Int(Self.splitMix(UInt64(k)) % UInt64(shards))] += p[k] }
        for j in 0..<shards {
            // Multinomial counts: σ = √(q(1−q)/n) ≤ 0.0011 over n ≈ 200,000 queries. Tolerance 5σ.
            let sigma = (mass[j] * (1 - mass[j]) / total).squareRoot()
            #expect(abs(shares[j] - mass[j]) < 5 * sigma, "shard \(j): share \(shares[j]), its keys' mass \(mass[j])")
        }
        // The theory averages over hash functions: the other keys fall on the hot key's shard with
        // probability 1/S each, so its share has mean p₁ + (1 − p₁)/S and, over hashes, σ_h =
        // √((1/S)(1 − 1/S) Σ_{i≥2} pᵢ²) ≈ 0.036 here. Tolerance 3σ_h plus the counting error.
        let theory = p[0] + (1 - p[0]) / Double(shards)
        let sigmaHash = (1 / Double(shards) * (1 - 1 / Double(shards)) * p.dropFirst().reduce(0) { $0 + $1 * $1 }).squareRoot()
        let hot = Int(Self.splitMix(0) % UInt64(shards))
        #expect(Self.figure(r, "users", "hottestShard") == Double(hot))
        #expect(abs(Self.figure(r, "users", "hottestShare") - theory) < 3 * sigmaHash + 0.006, "theory \(theory) ± \(sigmaHash)")
    }

    @Test("range shards under Zipf keys: shard j carries the mass of its range of keys, so the lowest range is hot")
    func rangeShards() throws {
        let (n, shards) = (1_000, 4)
        let spec = ShardedDatabase(shards: shards, partitioning: .range, keyCount: n, concurrency: 100_000, serviceTime: Self.tiny)
        let scenario = Self.scenario(
            rate: 20_000, components: [Component(id: "users", spec)],
            classes: [("read", 1, .zipf(exponent: 0.9, count: n), [.read(Read("users"))])], duration: 11, warmup: 1)
        let r = Build.run(scenario)
        let p = Self.zipf(exponent: 0.9, count: n)
        let first = p.prefix(n / shards).reduce(0, +)
        // σ of a share over ≈ 200,000 queries ≤ 0.0011; tolerance 0.0055 = 5σ.
        #expect(Self.figure(r, "users", "hottestShard") == 0)
        #expect(abs(Self.figure(r, "users", "hottestShare") - first) < 0.0055, "range 0 holds \(first) of the mass")
    }

    // MARK: Fan-out

    @Test("fan-out to n exponential servers without queueing: the mean of the maximum is H_n/μ, of the k-th answer Σ 1/(iμ)",
          arguments: [(5, 5), (5, 2), (2, 2)])
    func fanOut(_ n: Int, _ need: Int) {
        // Mean 10 ms each; the k-th smallest of n exponentials has mean Σ_{i=n−k+1}^{n} 1/(iμ)
        // and variance Σ 1/(iμ)², the terms being independent exponential spacings.
        let service = Component(id: "svc", ServicePool(concurrency: 100_000, serviceTime: .exponential(mean: .milliseconds(10))))
        let branches = Array(repeating: Build.call("svc"), count: n)
        let scenario = Build.scenario(
            rate: 200, components: [service], steps: [.parallel(Parallel(branches, need: need == n ? nil : need))],
            duration: .seconds(500))
        let r = Build.run(scenario)
        let terms = ((n - need + 1)...n).map { 10.0 / Double($0) }
        let theory = terms.reduce(0, +)
        let variance = terms.reduce(0) { $0 + $1 * $1 }
        // Requests do not interact (no queueing), so over ≈ 100,000 of them σ = √(variance/n).
        // Tolerance 5σ, plus 0.1 % of the mean for the latency histogram's resolution.
        let sigma = (variance / Double(r.requests.completed)).squareRoot()
        #expect(r.requests.completed > 99_000)
        #expect(abs((r.latencyMs?.mean ?? .nan) - theory) < 5 * sigma + theory * 0.001, "n \(n), need \(need): \((r.latencyMs?.mean ?? .nan)) ms vs \(theory) ms")
    }

    @Test("a failed branch fails the fan-out, unless it is ignored or the branches still needed answer")
    func fanOutFailures() {
        // "ok" answers in 10 ms; "slow" takes 100 ms against a 50 ms timeout, so its call always
        // fails at 50 ms. One request every 100 ms for 10 s: 99 finished (the last arrives at the end).
        let ok = Component(id: "ok", ServicePool(concurrency: 100, serviceTime: .constant(.milliseconds(10))))
        let slow = Component(id: "slow", ServicePool(concurrency: 100, serviceTime: .constant(.milliseconds(100)), timeout: .milliseconds(50)))
        func run(need: Int?, onFailure: Parallel.OnFailure) -> Results {
            Build.run(Build.scenario(
                rate: 10, components: [ok, slow], steps: [.parallel(Parallel([Build.call("ok"), Build.call("slow")], need: need, onFailure: onFailure))],
                duration: .seconds(10), arrivals: .deterministic))
        }
        let failing = run(need: nil, onFailure: .fail)
        #expect(failing.requests.completed == 0 && failing.requests.failed == 99, "every request fails with its slow branch")
        let ignoring = run(need: nil, onFailure: .ignore)
        #expect(ignoring.requests.completed == 99 && ignoring.requests.failed == 0)
        // The ignored failure counts as the slow branch's answer, at 50 ms.
        #expect(abs((ignoring.latencyMs?.max ?? .nan) - 50) < 1e-6 && abs((ignoring.latencyMs?.mean ?? .nan) - 50) < 1e-6)
        let quorum = run(need: 1, onFailure: .fail)
        #expect(quorum.requests.completed == 99 && quorum.requests.failed == 0, "the first answer is enough")
        #expect(abs((quorum.latencyMs?.max ?? .nan) - 10) < 1e-6)
    }

    // MARK: Connection pools

    @Test("the seeds' example, exactly: 50 ms set-up + 5 ms query = 55 ms per query without a pool, 5 ms with one")
    func pooledVersusUnpooled() {
        let db = Component(id: "db", DatabasePool(concurrency: 20, serviceTime: .constant(.milliseconds(5)), replicas: 0,
                                                  connectionSetup: .milliseconds(50)))
        let pool = Component(id: "pool", DatabaseConnectionPool(database: "db", size: 5))
        let app = Component(id: "app", ServicePool(instances: 2, concurrency: 10, serviceTime: .constant(.milliseconds(1))))
        for pooled in [false, true] {
            let scenario = Build.scenario(
                rate: 20, components: [app, db, pool], steps: [Build.call("app", then: [.read(Read(pooled ? "pool" : "db"))])],
                duration: .seconds(60), arrivals: .deterministic)
            let r = Build.run(scenario)
            let expected = pooled ? 5.0 : 55.0
            let dbResults = r.components[1]
            #expect(abs(dbResults.meanResidenceMs - expected) < 1e-6, "pooled \(pooled): \(dbResults.meanResidenceMs) ms at the database")
            #expect(abs((r.latencyMs?.max ?? .nan) - (1 + expected)) < 1e-3, "pooled \(pooled): \((r.latencyMs?.max ?? .nan)) ms per request")
            if pooled {
                #expect(Self.figure(r, "pool", "waitMs") == 0)
                #expect(Self.figure(r, "pool", "openPools") == 2, "one pool per app instance")
            }
        }
    }

    @Test("a pool's connections are a limit: queries beyond its size wait for one, and past waitTimeout fail")
    func poolWait() {
        // One app instance, a pool of 1, queries of 100 ms arriving every 60 ms: the pool serves
        // at most 10/s of the 16.7/s offered, so waits grow until they pass the 200 ms wait timeout.
        let db = Component(id: "db", DatabasePool(concurrency: 20, serviceTime: .constant(.milliseconds(100))))
        let pool = Component(id: "pool", DatabaseConnectionPool(database: "db", size: 1, waitTimeout: .milliseconds(200)))
        let app = Component(id: "app", ServicePool(concurrency: 100, serviceTime: .constant(.microseconds(1))))
        let scenario = Build.scenario(
            rate: 1 / 0.06, components: [app, db, pool], steps: [Build.call("app", then: [.read(Read("pool"))])],
            duration: .seconds(60), arrivals: .deterministic)
        let r = Build.run(scenario)
        #expect(Self.figure(r, "pool", "waitTimeouts") > 0)
        #expect(Self.figure(r, "pool", "waitMs") > 0)
        // The database never sees more than one query at once from a pool of one: ≤ 10 queries/s.
        #expect(r.components[1].throughputRps <= 10.0 + 1e-9)
    }
}

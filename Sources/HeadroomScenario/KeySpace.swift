/// Which key each request of a class carries: the key caches, shards and sticky routing see
/// (JSON `routes[i].keys`).
///
/// Keys are integers in `0..<count`; classes whose key spaces have the same `count` touch the
/// same keys (reads and writes of one table).
public enum KeySpace: Hashable, Sendable {
    /// Every key equally likely (`{"dist": "uniform", "count": 1000}`).
    case uniform(count: Int)
    /// Key k (0-based) with probability proportional to 1/(k+1)^exponent: key 0 is the hottest
    /// (`{"dist": "zipf", "exponent": 0.99, "count": 100000}`).
    case zipf(exponent: Double, count: Int)
    /// Always this key: one hot row, one user (`{"dist": "fixed", "key": 42}`).
    case fixed(UInt64)
}

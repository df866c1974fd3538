/// What breaks first: components ranked by how saturated they are and by how much of the
/// end-to-end latency they account for.
public struct Bottlenecks: Sendable, Equatable {
    /// A component and its value in a ranking.
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var value: Double
    }

    /// Components that can saturate (worker pools, functions, rate-limited APIs), most utilized first.
    public var byUtilization: [Entry]
    /// Every component's share of the time requests spent waiting and being served, largest first.
    public var byLatencyShare: [Entry]
    /// The most utilized component: the first to saturate as load grows; nil when none can.
    public var firstToSaturate: String? { byUtilization.first?.id }

    /// Ranks `components`. Ties keep declaration order.
    public init(_ components: [Results.ComponentResults]) {
        func ranked(_ pairs: [(Int, Entry)]) -> [Entry] {
            pairs.sorted { $0.1.value != $1.1.value ? $0.1.value > $1.1.value : $0.0 < $1.0 }.map(\.1)
        }
        byUtilization = ranked(components.enumerated().filter { $0.1.saturable }.map { ($0.0, Entry(id: $0.1.id, value: $0.1.utilization)) })
        byLatencyShare = ranked(components.enumerated().map { ($0.0, Entry(id: $0.1.id, value: $0.1.latencyShare)) })
    }
}

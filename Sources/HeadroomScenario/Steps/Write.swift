/// A write to a data store (JSON `{"write": "db"}`).
///
/// - a **database**: a query at its primary; replicas see the write after their replication lag;
/// - **shards**: a query at the primary of the shard that holds the request's key;
/// - a **cache**: a request to the cache that invalidates or updates the request's key (its
///   `onWrite`), as an application does after writing the database;
/// - a **connection pool**: a write to the pool's database, on a connection of the calling
///   instance's pool.
public struct Write: StepSpec {
    /// `"write"`.
    public static let kind = StepKind.write

    /// The id of the data store written.
    public var component: String
    /// This write's own service time, replacing the component's.
    public var serviceTime: DistributionSpec?

    public init(_ component: String, serviceTime: DistributionSpec? = nil) {
        self.component = component
        self.serviceTime = serviceTime
    }

    /// The kinds a write may address (a CDN is read-only here).
    static let writable: Set<ComponentKind> = [.database, .shards, .cache, .connectionPool]

    /// Its keys.
    public static var descriptor: StepDescriptor<Write> {
        StepDescriptor(
            description: "A write to a data store: a query to a database's or shard's primary, or a cache invalidation or update.",
            prototype: Write(""),
            fields: [
                .required("write", \.component, .dataStore(Self.writable, expected: "a database, shards, a cache or a connection pool"),
                          "The id of the database, shards, cache or connection pool written."),
                .optional(
                    "serviceTime", \.serviceTime, .distribution, ifAbsent: "the component's service time (a cache's latency)",
                    "This write's own service time, replacing the component's."),
            ],
            holds: \.component)
    }
}

extension Step {
    /// A write step: `.write(Write("db"))`.
    public static func write(_ write: Write) -> Step { Step(write) }
}

extension DataStoreDeclaration {
    /// A write to this data store, as a route step (JSON `{"write": id}`).
    public func write(serviceTime: DistributionSpec? = nil) -> RouteStep {
        RouteStep(step: .write(Write(component.id, serviceTime: serviceTime)), references: [component] + references)
    }
}

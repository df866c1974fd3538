/// Connections to a database kept open by each calling instance (JSON `"kind": "connectionPool"`;
/// HikariCP, pgbouncer in session mode, a driver's pool).
///
/// Every instance that calls through it (an app server) has its own pool of `size` connections.
/// A query takes a free connection of its instance's pool, or waits for one — at most
/// `waitTimeout`, then it fails (`timeout`) — and holds it until the query returns. Pooled
/// connections are already open, so a query through the pool does not pay the database's
/// `connectionSetup`. `read` and `write` steps on the pool query its database through it; a
/// `call` takes a connection and runs its `then` steps on it (a transaction).
public struct DatabaseConnectionPool: ComponentSpec {
    /// `"connectionPool"`.
    public static let kind = ComponentKind.connectionPool

    /// The id of the database (or shards) its connections go to.
    public var database: String
    /// Connections per calling instance.
    public var size: Int
    /// Longest wait for a free connection before the query fails; nil: as long as it takes.
    public var waitTimeout: TimeSpan?

    public init(database: String, size: Int = 10, waitTimeout: TimeSpan? = nil) {
        self.database = database
        self.size = size
        self.waitTimeout = waitTimeout
    }

    /// Connections per pool: up to a hundred thousand.
    public static let sizeLimits = 1...100_000

    /// Its keys; it costs nothing of its own (the database is priced).
    public static var descriptor: KindDescriptor<DatabaseConnectionPool> {
        KindDescriptor(
            noun: "connection pool",
            description: "Open connections to a database, a pool per calling instance: queries wait for a free one instead of opening their own.",
            prototype: DatabaseConnectionPool(database: ""),
            fields: [
                .required(
                    "database", \.database, .dataStore([.database, .shards], expected: "a database or shards"),
                    "The id of the database (or shards) its connections go to."),
                .defaulted(
                    "size", \.size, .integer(in: sizeLimits), default: 10, alwaysWritten: true,
                    "Connections in the pool of each calling instance."),
                .optional(
                    "waitTimeout", \.waitTimeout, .duration(positive: true), ifAbsent: "a query waits as long as it takes",
                    "The longest a query waits for a free connection before it fails; > 0."),
            ],
            pricing: [],
            references: { [$0.database] },
            summary: \.summary)
    }

    /// "connection pool to db, 10 connections per calling instance, wait timeout 1 s".
    var summary: String {
        var text = "connection pool to \(database), \(Wording.count(size, "connection")) per calling instance"
        if let waitTimeout { text += ", wait timeout \(waitTimeout.humanReadable)" }
        return text
    }
}

/// A connection pool in a Swift scenario (JSON `"kind": "connectionPool"`); see ``DatabaseConnectionPool``.
///
/// ```swift
/// let pool = ConnectionPool("db-pool", database: db, size: 10, waitTimeout: .seconds(1))
/// RequestClass("read") { app.call { pool.read() } }
/// ```
public struct ConnectionPool: DataStoreDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component
    /// The database.
    public let references: [Component]

    /// Pools of `size` connections to `database`, one per calling instance.
    public init(_ id: String, database: some DataStoreDeclaration, size: Int = 10, waitTimeout: TimeSpan? = nil) {
        component = Component(id: id, DatabaseConnectionPool(database: database.id, size: size, waitTimeout: waitTimeout))
        references = [database.component]
    }
}

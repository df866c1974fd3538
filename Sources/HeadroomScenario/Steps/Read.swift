/// A read of a data store (JSON `{"read": "db", ...}`).
///
/// What it does depends on what it reads:
/// - a **cache** or **CDN**: a lookup. A hit answers after the cache's latency; a miss runs
///   `miss` (the steps that fetch the data, such as a database read) and then fills the entry;
/// - a **database** with read replicas: a query at a replica the database's `readStrategy`
///   chooses, which may return stale data; with `consistency` `readYourWrites`, at the primary;
///   without replicas, at the database;
/// - **shards**: a query at the shard that holds the request's key (at one of its replicas if
///   it has any, as for a database);
/// - a **connection pool**: the same query to the pool's database, on a connection of the
///   calling instance's pool.
public struct Read: StepSpec {
    /// `"read"`.
    public static let kind = StepKind.read

    /// Where a read of a replicated database goes.
    public enum Consistency: String, Hashable, Sendable, CaseIterable {
        /// A replica: it may not have the latest writes yet (stale reads).
        case eventual
        /// The primary: the request sees every write that completed before it.
        case readYourWrites
    }

    /// The id of the data store read.
    public var component: String
    /// A cache's or CDN's miss branch: the steps run when it does not hold the key.
    public var miss: [Step]
    /// Replica or primary (databases and shards with replicas).
    public var consistency: Consistency
    /// This read's own service time, replacing the component's.
    public var serviceTime: DistributionSpec?

    public init(_ component: String, consistency: Consistency = .eventual, serviceTime: DistributionSpec? = nil, miss: [Step] = []) {
        self.component = component
        self.miss = miss
        self.consistency = consistency
        self.serviceTime = serviceTime
    }

    /// The kinds a read may address.
    static let readable: Set<ComponentKind> = [.database, .shards, .cache, .cdn, .connectionPool]
    /// The kinds whose reads have a miss branch.
    static let caching: Set<ComponentKind> = [.cache, .cdn]

    /// Its keys; a read holds what it reads while its miss branch runs (for the call-cycle check:
    /// a miss branch that reads the same cache again would wait for its own fill).
    public static var descriptor: StepDescriptor<Read> {
        StepDescriptor(
            description: "A read of a data store: a cache or CDN lookup with a miss branch, or a query to a database, its replicas or a shard.",
            prototype: Read(""),
            fields: [
                .required("read", \.component, .dataStore(Self.readable, expected: "a database, shards, a cache, a CDN or a connection pool"),
                          "The id of the database, shards, cache, CDN or connection pool read."),
                missField,
                .defaulted(
                    "consistency", \.consistency, .choice(noun: "consistency"), default: .eventual,
                    "Where a read of a database or shards with replicas goes: \"eventual\" (a replica, maybe stale) or \"readYourWrites\" (the primary)."
                ).checked { validation, read, path in validation.checkConsistency(read, at: path) },
                .optional(
                    "serviceTime", \.serviceTime, .distribution, ifAbsent: "the component's service time (a cache's latency)",
                    "This read's own service time, replacing the component's."),
            ],
            holds: \.component)
    }

    /// `miss`: required for a cache or CDN, refused for anything else.
    static var missField: FieldDescriptor<Read> {
        FieldDescriptor<Read>.steps(
            "miss", \.miss, "A cache's or CDN's miss branch: the steps that fetch what it does not hold; the entry is filled after them."
        ).checked { validation, read, path in validation.checkMiss(read, at: path) }
    }
}

extension Validation {
    /// The kind of the component `id`, if it exists.
    func kind(of id: String) -> ComponentKind? { scenario.component(id)?.kind }

    /// A cache or CDN needs a miss branch; nothing else may have one.
    fileprivate mutating func checkMiss(_ read: Read, at path: JSONPath) {
        guard let kind = kind(of: read.component) else { return }
        let caching = Read.caching.contains(kind)
        if caching && read.miss.isEmpty {
            report(path, "a read of \(Wording.withArticle(kind.noun)) needs a miss branch: the steps that fetch what it does not hold, such as [{\"read\": \"db\"}]")
        } else if !caching && !read.miss.isEmpty, Read.readable.contains(kind) {
            report(path, "a miss branch needs a cache or a CDN; \(JSONWriter.quoted(read.component)) is \(Wording.withArticle(kind.noun))")
        }
    }

    /// `readYourWrites` only means something for a database, shards or a pool of connections to one.
    fileprivate mutating func checkConsistency(_ read: Read, at path: JSONPath) {
        guard read.consistency == .readYourWrites, let kind = kind(of: read.component), Read.readable.contains(kind) else { return }
        if Read.caching.contains(kind) {
            report(path, "consistency \"readYourWrites\" applies to a database or shards; \(JSONWriter.quoted(read.component)) is \(Wording.withArticle(kind.noun))")
        }
    }
}

extension ValueFormat where Value == String {
    /// The id of a component of one of `kinds` (a data store), for the read and write steps.
    static func dataStore(_ kinds: Set<ComponentKind>, expected: String) -> ValueFormat {
        let id = ValueFormat.componentID
        return ValueFormat(
            expected: id.expected, schema: id.schema, read: id.read, encode: id.encode,
            check: { validation, value, path in
                validation.checkReference(value, at: path, accepts: { kinds.contains($0.kind) }, expected: expected)
            })
    }
}

extension FieldDescriptor {
    /// This field with one more check, which sees the whole owner (checks spanning keys of a step).
    func checked(_ more: @escaping (inout Validation, Owner, JSONPath) -> Void) -> FieldDescriptor {
        let check = self.check
        return FieldDescriptor(
            key: key, isRequired: isRequired, schema: schema, read: read, encode: encode,
            check: { validation, owner, path in
                check(&validation, owner, path)
                more(&validation, owner, path)
            },
            steps: steps)
    }
}

extension Step {
    /// A read step: `.read(Read("db"))`.
    public static func read(_ read: Read) -> Step { Step(read) }
}

/// A data store declared in a Swift scenario that ``read(consistency:serviceTime:)`` and
/// ``write(serviceTime:)`` address: a ``Database``, ``Shards`` or a ``ConnectionPool``.
public protocol DataStoreDeclaration: ComponentDeclaration {}

extension DataStoreDeclaration {
    /// A read of this data store, as a route step (JSON `{"read": id, ...}`).
    ///
    /// - Parameters:
    ///   - consistency: `.readYourWrites` reads at the primary; `.eventual` at a replica (when
    ///     there are replicas).
    ///   - serviceTime: this read's own service time, replacing the component's.
    public func read(consistency: Read.Consistency = .eventual, serviceTime: DistributionSpec? = nil) -> RouteStep {
        RouteStep(step: .read(Read(component.id, consistency: consistency, serviceTime: serviceTime)), references: [component] + references)
    }
}

/// A cache declared in a Swift scenario (a ``Cache`` or a ``CDN``): its reads have a miss branch.
public protocol CacheDeclaration: ComponentDeclaration {}

extension CacheDeclaration {
    /// A lookup in this cache, as a route step (JSON `{"read": id, "miss": [...]}`): `miss` runs
    /// when the cache does not hold the request's key, and then the entry is filled.
    public func read(serviceTime: DistributionSpec? = nil, @RouteBuilder miss: () -> [RouteStep]) -> RouteStep {
        let inner = miss()
        let step = Step.read(Read(component.id, serviceTime: serviceTime, miss: inner.map(\.step)))
        return RouteStep(step: step, references: [component] + references + inner.flatMap(\.references))
    }
}

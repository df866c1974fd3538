/// Every kind of route step: the typed form of a step's discriminator key (`{"call": …}`).
///
/// This is the registry of step kinds, as ``ComponentKind`` is of component kinds. A step is an
/// object with exactly one discriminator key, which names its kind; a new step kind (parallel
/// fan-out, enqueue, a cache lookup) adds its case here, one line to ``descriptor``, and a file
/// of its own (`Steps/<Step>.swift`) with its ``StepSpec`` type and ``StepDescriptor``.
public enum StepKind: String, CaseIterable, Hashable, Sendable {
    /// A synchronous call to a component (``Call``).
    case call
    /// Puts a job on a queue and goes on at once (``Enqueue``).
    case enqueue
    /// A read of a data store: a cache lookup with a miss branch, a query to a replica (``Read``).
    case read
    /// A write to a data store: a query to the primary, a cache invalidation (``Write``).
    case write
    /// Branches run at once; the step ends when enough have answered (``Parallel``).
    case parallel

    /// The declaration of each step kind: the registry.
    var descriptor: AnyStepDescriptor {
        switch self {
        case .call: AnyStepDescriptor(Call.self)
        case .enqueue: AnyStepDescriptor(Enqueue.self)
        case .read: AnyStepDescriptor(Read.self)
        case .write: AnyStepDescriptor(Write.self)
        case .parallel: AnyStepDescriptor(Parallel.self)
        }
    }

    /// Every discriminator key, in declaration order.
    public static var discriminators: [String] { allCases.map(\.rawValue) }
}

/// The content of one kind of route step: a plain value, with no behaviour.
public protocol StepSpec: Hashable, Sendable {
    /// The step kind, whose raw value is the step's discriminator key.
    static var kind: StepKind { get }
    /// How the step is written in a scenario file, checked and described.
    static var descriptor: StepDescriptor<Self> { get }
}

/// One instruction of a route: a value of one of the step kinds (``Call``, …).
///
/// Build a call step with `.call(Call("db"))` (or `Step(Call("db"))`); read one back with
/// ``call`` (nil for other kinds), `spec(as: Call.self)` or `spec as? Call`. The model switches on
/// ``kind`` and reads the step's own type.
public struct Step: Hashable, Sendable {
    /// What the step does.
    public var spec: any StepSpec

    /// A step doing `spec`.
    public init(_ spec: some StepSpec) { self.spec = spec }

    /// Its kind: the discriminator written in JSON.
    public var kind: StepKind { type(of: spec).kind }

    /// The step's content when it is of type `type`, else nil.
    public func spec<Spec: StepSpec>(as type: Spec.Type) -> Spec? { spec as? Spec }

    public static func == (a: Step, b: Step) -> Bool { a.spec.erased == b.spec.erased }

    public func hash(into hasher: inout Hasher) { hasher.combine(spec.erased) }

    /// The declaration of this step's kind.
    var descriptor: AnyStepDescriptor { spec.stepDescriptor }
}

extension StepSpec {
    /// The value as an `AnyHashable`, to compare steps of unknown kinds.
    var erased: AnyHashable { AnyHashable(self) }

    /// This value's step declaration, type-erased.
    var stepDescriptor: AnyStepDescriptor { AnyStepDescriptor(Self.self) }
}

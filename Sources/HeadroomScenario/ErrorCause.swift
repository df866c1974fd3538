/// Why a call or a request did not succeed: the vocabulary of errors by cause.
///
/// A call returns success or one of these to its caller's step; reports count requests and calls
/// by cause, overall, per class and per component. New causes are added at the end, so existing
/// raw values (and the order of columns in reports) never change.
public enum ErrorCause: UInt8, CaseIterable, Hashable, Sendable, Comparable {
    /// The caller's timeout expired before the answer came.
    case timeout
    /// Refused at admission: the queue was full, or every container was busy (throttled).
    case rejected
    /// Refused by a rate limit (HTTP 429).
    case rateLimited
    /// The component answered with an error.
    case failed
    /// The instance serving or queueing the call crashed.
    case crashed
    /// A circuit breaker was open: failed fast without calling.
    case circuitOpen
    /// Dropped by load shedding after waiting longer than a deadline.
    case shed
    // ErrorCounts has eight lanes: widen it before adding a ninth cause.

    /// The name used in JSON and CSV (`"rateLimited"`).
    public var name: String {
        switch self {
        case .timeout: "timeout"
        case .rejected: "rejected"
        case .rateLimited: "rateLimited"
        case .failed: "failed"
        case .crashed: "crashed"
        case .circuitOpen: "circuitOpen"
        case .shed: "shed"
        }
    }

    /// A cause by its JSON name.
    public init?(name: String) {
        guard let cause = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = cause
    }

    /// True for causes that refuse a request at admission (it never got in); the others fail a
    /// request that was admitted. Availability counts the first, success rate both.
    public var isRefusal: Bool { self == .rejected || self == .rateLimited || self == .circuitOpen }

    public static func < (a: ErrorCause, b: ErrorCause) -> Bool { a.rawValue < b.rawValue }
}

/// A count per ``ErrorCause``: plain data (eight counters in one SIMD vector), cheap to copy, to
/// add and to keep in arrays on the simulation's hot path.
public struct ErrorCounts: Hashable, Sendable, BitwiseCopyable {
    /// One lane per cause, by raw value; lanes past the last cause stay zero.
    @usableFromInline var lanes = SIMD8<Int>()

    /// All zero.
    public init() {}

    /// The count for `cause`.
    @inlinable
    public subscript(cause: ErrorCause) -> Int {
        get { lanes[Int(cause.rawValue)] }
        set { lanes[Int(cause.rawValue)] = newValue }
    }

    /// The sum over every cause.
    public var total: Int { lanes.wrappedSum() }

    /// The sum over refusals (rejected, rate-limited, circuit open).
    public var refused: Int { ErrorCause.allCases.filter(\.isRefusal).reduce(0) { $0 + self[$1] } }

    /// (cause, count) for every cause, in declaration order.
    public var entries: [(cause: ErrorCause, count: Int)] { ErrorCause.allCases.map { ($0, self[$0]) } }

    /// Adds cause by cause.
    public static func + (a: ErrorCounts, b: ErrorCounts) -> ErrorCounts {
        var sum = a
        sum.lanes &+= b.lanes
        return sum
    }

    /// Subtracts cause by cause (a window's counts from cumulative ones).
    public static func - (a: ErrorCounts, b: ErrorCounts) -> ErrorCounts {
        var difference = a
        difference.lanes &-= b.lanes
        return difference
    }
}

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

/// A count per ``ErrorCause``: a fixed-size table, cheap to copy and to add.
public struct ErrorCounts: Hashable, Sendable {
    private var counts: [Int]

    /// All zero.
    public init() { counts = Array(repeating: 0, count: ErrorCause.allCases.count) }

    /// The count for `cause`.
    public subscript(cause: ErrorCause) -> Int {
        get { counts[Int(cause.rawValue)] }
        set { counts[Int(cause.rawValue)] = newValue }
    }

    /// The sum over every cause.
    public var total: Int { counts.reduce(0, +) }

    /// The sum over refusals (rejected, rate-limited, circuit open).
    public var refused: Int { ErrorCause.allCases.filter(\.isRefusal).reduce(0) { $0 + self[$1] } }

    /// (cause, count) for every cause, in declaration order.
    public var entries: [(cause: ErrorCause, count: Int)] { ErrorCause.allCases.map { ($0, self[$0]) } }

    /// Adds `other` cause by cause.
    public static func + (a: ErrorCounts, b: ErrorCounts) -> ErrorCounts {
        var sum = a
        for cause in ErrorCause.allCases { sum[cause] += b[cause] }
        return sum
    }

    /// Subtracts `other` cause by cause (a window's counts from cumulative ones).
    public static func - (a: ErrorCounts, b: ErrorCounts) -> ErrorCounts {
        var difference = a
        for cause in ErrorCause.allCases { difference[cause] -= b[cause] }
        return difference
    }
}

/// An instant of simulated time: seconds since the start of the run.
///
/// An instant and a duration are different types with only the meaningful arithmetic between
/// them (instant + duration = instant, instant − instant = duration), as NIO's `NIODeadline` and
/// `TimeAmount`. Both wrap one `Double` and every operation is inlined, so they cost nothing at
/// run time (`make bench` measures the calendar beside a bare `Double` heap).
@frozen
public struct SimInstant: Comparable, Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// Seconds since the start of the run.
    public var seconds: Double

    /// The instant `seconds` after the start.
    @inlinable @inline(__always)
    public init(seconds: Double) { self.seconds = seconds }

    /// The start of the run.
    public static let zero = SimInstant(seconds: 0)
    /// Never: later than every finite instant.
    public static let never = SimInstant(seconds: .infinity)

    /// True unless the instant is infinite or NaN.
    @inlinable public var isFinite: Bool { seconds.isFinite }

    @inlinable @inline(__always)
    public static func < (a: SimInstant, b: SimInstant) -> Bool { a.seconds < b.seconds }

    @inlinable @inline(__always)
    public static func == (a: SimInstant, b: SimInstant) -> Bool { a.seconds == b.seconds }

    @inlinable @inline(__always)
    public static func + (a: SimInstant, d: SimDuration) -> SimInstant { SimInstant(seconds: a.seconds + d.seconds) }

    @inlinable @inline(__always)
    public static func - (a: SimInstant, d: SimDuration) -> SimInstant { SimInstant(seconds: a.seconds - d.seconds) }

    @inlinable @inline(__always)
    public static func - (a: SimInstant, b: SimInstant) -> SimDuration { SimDuration(seconds: a.seconds - b.seconds) }

    public var description: String { "t=\(seconds)s" }
}

/// A length of simulated time, in seconds. See ``SimInstant``.
@frozen
public struct SimDuration: Comparable, Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Double

    /// A duration of `seconds`.
    @inlinable @inline(__always)
    public init(seconds: Double) { self.seconds = seconds }

    /// No time at all.
    public static let zero = SimDuration(seconds: 0)

    @inlinable @inline(__always)
    public static func < (a: SimDuration, b: SimDuration) -> Bool { a.seconds < b.seconds }

    @inlinable @inline(__always)
    public static func == (a: SimDuration, b: SimDuration) -> Bool { a.seconds == b.seconds }

    @inlinable @inline(__always)
    public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(seconds: a.seconds + b.seconds) }

    @inlinable @inline(__always)
    public static func - (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(seconds: a.seconds - b.seconds) }

    @inlinable @inline(__always)
    public static func * (d: SimDuration, k: Double) -> SimDuration { SimDuration(seconds: d.seconds * k) }

    public var description: String { "\(seconds)s" }
}


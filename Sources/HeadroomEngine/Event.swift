/// One scheduled event: a small plain struct, so the calendar is a flat array with no
/// reference counting on the hot path.
///
/// The engine gives `kind` and `target` no meaning; the model that schedules an event decides
/// what they name (for example kind 1 = "service complete", target = a request slot).
public struct Event: Sendable, Equatable, BitwiseCopyable {
    /// When it happens.
    public var time: SimInstant
    /// Insertion number, unique per calendar: equal times pop in the order they were scheduled.
    public var sequence: UInt64
    /// What happens (model-defined).
    public var kind: UInt32
    /// To what or whom it happens (model-defined, usually an array index).
    public var target: UInt32

    @inlinable
    public init(time: SimInstant, sequence: UInt64, kind: UInt32, target: UInt32) {
        self.time = time
        self.sequence = sequence
        self.kind = kind
        self.target = target
    }

    /// Calendar order: earlier time first, then earlier insertion.
    @inlinable @inline(__always)
    public static func precedes(_ a: Event, _ b: Event) -> Bool {
        a.time.seconds < b.time.seconds || (a.time.seconds == b.time.seconds && a.sequence < b.sequence)
    }
}

/// The time integral of a piecewise-constant quantity (a fleet size, a queue length), for
/// time averages and for instance-hours of a fleet whose size changes.
public struct TimeIntegral: Sendable, Equatable {
    /// The current value.
    public private(set) var value: Double
    /// ∫ value dt from `start` to `since`.
    public private(set) var area: Double = 0
    /// When the integral started (the last reset).
    public private(set) var start: SimInstant
    /// When `value` last changed.
    public private(set) var since: SimInstant

    /// A quantity worth `value` from time `time` on.
    public init(value: Double, at time: SimInstant = .zero) {
        self.value = value
        start = time
        since = time
    }

    /// Changes the value at `time` (not earlier than the last change).
    public mutating func set(_ newValue: Double, at time: SimInstant) {
        precondition(time >= since, "a time integral cannot go back in time")
        area += value * (time - since).seconds
        value = newValue
        since = time
    }

    /// Forgets the area so far and starts integrating again at `time` (the end of warm-up).
    public mutating func reset(at time: SimInstant) {
        area = 0
        start = time
        since = time
    }

    /// ∫ value dt from the start to `time`.
    public func total(at time: SimInstant) -> Double { area + value * (time - since).seconds }

    /// The time average from the start to `time`.
    public func average(at time: SimInstant) -> Double {
        time > start ? total(at: time) / (time - start).seconds : value
    }
}

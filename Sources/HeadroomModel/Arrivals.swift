import HeadroomEngine
import HeadroomScenario

/// The open arrival process of client requests: Poisson or evenly spaced, at a base rate that
/// bursts (periodic or single) override while they are on.
///
/// The rate is piecewise constant, so arrivals are exact: a gap that crosses a rate change is
/// redrawn from the change at the new rate — exact for Poisson arrivals (memoryless), a restart
/// of the spacing for deterministic ones. Deterministic times are computed as segment start +
/// n / rate, so they do not drift by summed rounding.
///
/// A workload with a shape (a step, a ramp, a spike, a day, hourly points) takes arrivals by
/// inversion of its cumulative rate (``RateShape``); a trace is replayed (``TraceReplay``); closed-
/// loop users are not an arrival process at all: each user's next request is scheduled when its
/// last one ends (``Simulation/workloadRequestEnded(slot:)``).
struct Arrivals: Sendable {
    /// Which process it is.
    enum Mode: Sendable {
        /// A constant rate and bursts: the process above.
        case open
        /// A shape's rate function (and bursts), by inversion.
        case shaped
        /// A recorded trace.
        case trace
        /// Closed-loop users.
        case closed
    }

    let rate: Double
    let deterministic: Bool
    let bursts: [Burst]
    let mode: Mode
    let shape: RateShape?
    var replay: TraceReplay?
    /// Closed-loop users and their think time.
    let users: Int
    let think: Distribution?
    /// The end of the run: a shaped process looks no further.
    let end: Double
    /// Deterministic arrivals: the start of the current evenly spaced segment and arrivals so far in it.
    var segmentStart = 0.0
    var segmentRate = 0.0
    var segmentCount = 0.0

    /// A period of different traffic (`Workload.Burst` in seconds).
    struct Burst: Sendable {
        let start: Double
        let duration: Double
        let rate: Double
        /// The period of repetition; nil for a single burst.
        let every: Double?

        /// The index of the repetition whose period contains `time` (0 before and during the first).
        ///
        /// Every query about the schedule goes through this one computation, nudged by 1e-9 of a
        /// period, so that an edge reported by ``nextEdge(after:)`` falls in the period that
        /// starts there when the rate is asked at exactly that instant.
        func cycle(at time: Double) -> Double {
            guard let every, time > start else { return 0 }
            return ((time - start) / every + 1e-9).rounded(.down)
        }

        /// When repetition `k` begins.
        func cycleStart(_ k: Double) -> Double { start + k * (every ?? 0) }

        /// True when the burst is on at `time`.
        func covers(_ time: Double) -> Bool {
            guard time >= start else { return false }
            let begin = cycleStart(cycle(at: time))
            return time >= begin && time < begin + duration
        }

        /// The first instant after `time` at which this burst switches on or off, or infinity.
        func nextEdge(after time: Double) -> Double {
            if time < start { return start }
            let k = cycle(at: time)
            let end = cycleStart(k) + duration
            if end > time { return end }
            guard every != nil else { return .infinity }
            let next = cycleStart(k + 1)
            return next > time ? next : cycleStart(k + 2)
        }
    }

    init(_ workload: Workload, end: Double = .infinity) {
        rate = workload.rate
        deterministic = workload.arrivals == .deterministic
        bursts = workload.bursts.map {
            Burst(start: $0.start.seconds, duration: $0.duration.seconds, rate: $0.rate, every: $0.every?.seconds)
        }
        self.end = end
        users = workload.users ?? 0
        think = workload.thinkTime.map(Distribution.init)
        switch workload.shape {
        case nil:
            mode = workload.users == nil ? .open : .closed
            shape = nil
        case .trace(let trace)?:
            mode = .trace
            shape = nil
            replay = TraceReplay(trace, deterministic: deterministic)
        case let other?:
            mode = .shaped
            shape = RateShape(shape: other, base: workload.rate)
        }
    }

    /// Whether requests come from closed-loop users rather than an arrival process.
    var isClosedLoop: Bool { users > 0 }

    /// A closed-loop user's think time.
    func thinkTime(_ generator: RandomGenerator) -> Double { think?.sample(generator) ?? 0 }

    /// The arrival rate at `time`: the first burst covering it, else the base rate.
    func rate(at time: Double) -> Double {
        for burst in bursts where burst.covers(time) { return burst.rate }
        return rate
    }

    /// The next instant after `time` at which the rate may change, or infinity.
    func nextRateChange(after time: Double) -> Double {
        bursts.reduce(Double.infinity) { min($0, $1.nextEdge(after: time)) }
    }

    /// The next arrival after `time`, or ``SimInstant/never``.
    @inline(__always)
    mutating func next(after time: SimInstant, _ generator: RandomGenerator) -> SimInstant {
        switch mode {
        case .open: break
        case .shaped: return nextShaped(after: time.seconds, generator)
        case .trace:
            let t = replay?.next(generator) ?? .infinity
            return t.isFinite ? SimInstant(seconds: t) : .never
        case .closed: return .never
        }
        if bursts.isEmpty {
            if deterministic { return SimInstant(seconds: nextEvenlySpaced(rate: rate, from: 0)) }
            return SimInstant(seconds: time.seconds + generator.exponential(mean: 1 / rate))
        }
        var t = time.seconds
        while t.isFinite {
            let rate = rate(at: t)
            let change = nextRateChange(after: t)
            if rate > 0 {
                // Continue the evenly spaced segment only while its rate holds.
                let candidate = deterministic
                    ? nextEvenlySpaced(rate: rate, from: t == time.seconds && rate == segmentRate ? segmentStart : t)
                    : t + generator.exponential(mean: 1 / rate)
                if candidate <= change { return SimInstant(seconds: candidate) }
            }
            t = change
        }
        return .never
    }

    /// The piece of the rate function covering `t`, cut at the next burst edge and at the end of
    /// the run: a burst's constant rate while one covers `t`, else the shape's.
    func segment(at t: Double) -> RateShape.Piece {
        let change = nextRateChange(after: t)
        for burst in bursts where burst.covers(t) {
            return RateShape.Piece(start: t, end: min(change, end), form: .linear(rate: burst.rate, slope: 0))
        }
        guard let shape else { return RateShape.Piece(start: t, end: min(change, end), form: .linear(rate: rate, slope: 0)) }
        var piece = shape.piece(at: t)
        piece.end = min(piece.end, change, end)
        return piece
    }

    /// The next arrival of a shaped process: where the cumulative rate has grown by an Exp(1)
    /// draw (Poisson) or by 1 (evenly spaced), piece by piece.
    mutating func nextShaped(after time: Double, _ generator: RandomGenerator) -> SimInstant {
        var t = time
        var mass = deterministic ? 1 : generator.exponential(mean: 1)
        while t < end {
            let piece = segment(at: t)
            guard piece.end > t else {
                t = t.nextUp
                continue
            }
            let area = piece.integral(from: t, to: piece.end)
            if area >= mass { return SimInstant(seconds: min(piece.solve(from: t, mass: mass), piece.end)) }
            mass -= area
            t = piece.end
        }
        return .never
    }

    /// The configured number of arrivals in [a, b): the integral of the rate, or the trace's.
    func expectedArrivals(from a: Double, to b: Double) -> Double {
        switch mode {
        case .trace: return replay?.arrivals(from: a, to: b) ?? 0
        case .closed: return 0
        case .open, .shaped:
            var t = a, total = 0.0
            while t < b {
                var piece = segment(at: t)
                piece.end = min(piece.end, b)
                guard piece.end > t else {
                    t = t.nextUp
                    continue
                }
                total += piece.integral(from: t, to: piece.end)
                t = piece.end
            }
            return total
        }
    }

    /// The next of the evenly spaced arrivals `start + n/rate`, starting a new count when the
    /// segment start changes (a rate change).
    @inline(__always)
    mutating func nextEvenlySpaced(rate: Double, from start: Double) -> Double {
        if start != segmentStart || rate != segmentRate {
            segmentStart = start
            segmentRate = rate
            segmentCount = 0
        }
        segmentCount += 1
        return segmentStart + segmentCount / rate
    }
}

/// How a request class draws its key.
enum KeySampler: Sendable {
    /// Every request carries key 0 (no key space declared).
    case none
    case fixed(UInt64)
    case uniform(count: Int)
    case zipf(ZipfSampler)

    init(_ space: KeySpace?) {
        switch space {
        case nil: self = .none
        case .fixed(let key)?: self = .fixed(key)
        case .uniform(let count)?: self = .uniform(count: count)
        case .zipf(let exponent, let count)?: self = .zipf(ZipfSampler(count: count, exponent: exponent))
        }
    }

    /// A key in 0..<count (0 is the hottest Zipf key).
    @inline(__always)
    func draw(_ generator: RandomGenerator) -> UInt64 {
        switch self {
        case .none: 0
        case .fixed(let key): key
        case .uniform(let count): UInt64(generator.index(below: count))
        case .zipf(let sampler): UInt64(sampler.sample(generator) - 1)
        }
    }
}

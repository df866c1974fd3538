import HeadroomEngine
import HeadroomScenario

/// The open arrival process of client requests: Poisson or evenly spaced, at a base rate that
/// bursts (periodic or single) override while they are on.
///
/// The rate is piecewise constant, so arrivals are exact: a gap that crosses a rate change is
/// redrawn from the change at the new rate — exact for Poisson arrivals (memoryless), a restart
/// of the spacing for deterministic ones. Deterministic times are computed as segment start +
/// n / rate, so they do not drift by summed rounding.
struct Arrivals: Sendable {
    let rate: Double
    let deterministic: Bool
    let bursts: [Burst]
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

    init(_ workload: Workload) {
        rate = workload.rate
        deterministic = workload.arrivals == .deterministic
        bursts = workload.bursts.map {
            Burst(start: $0.start.seconds, duration: $0.duration.seconds, rate: $0.rate, every: $0.every?.seconds)
        }
    }

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

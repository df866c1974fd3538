import Foundation
import HeadroomEngine
import HeadroomScenario

/// A traffic shape's rate function, as pieces on which it is analytic: constant, linear, or a
/// sinusoid. Arrivals come by inversion of the cumulative rate Λ: from time t, the next arrival
/// is where Λ has grown by E — an Exp(1) draw for a Poisson process (exact for any rate function,
/// Çinlar 1975, §4.7), or 1 for evenly spaced arrivals. A piece is integrated in closed form and
/// the crossing solved in closed form (constant, linear) or by safeguarded Newton (sinusoid), so
/// nothing is approximated by per-second constant rates.
struct RateShape: Sendable {
    /// One analytic piece of the rate on [start, end).
    struct Piece: Sendable {
        enum Form: Sendable {
            /// r(t) = rate + slope·(t − start).
            case linear(rate: Double, slope: Double)
            /// r(t) = mean + amplitude·cos(ω·(t − peak)).
            case sinusoid(mean: Double, amplitude: Double, omega: Double, peak: Double)
        }

        var start: Double
        var end: Double
        var form: Form

        /// The rate at `t`.
        func rate(at t: Double) -> Double {
            switch form {
            case .linear(let r, let s): max(0, r + s * (t - start))
            case .sinusoid(let m, let a, let w, let p): max(0, m + a * cos(w * (t - p)))
            }
        }

        /// ∫ r over [a, b] (a, b within the piece).
        func integral(from a: Double, to b: Double) -> Double {
            switch form {
            case .linear(let r, let s):
                let ra = r + s * (a - start), rb = r + s * (b - start)
                return (ra + rb) / 2 * (b - a)
            case .sinusoid(let m, let amp, let w, let p):
                return m * (b - a) + amp / w * (sin(w * (b - p)) - sin(w * (a - p)))
            }
        }

        /// The time x in [a, end] at which ∫ r over [a, x] equals `mass` (which ∫ over [a, end] is at least).
        func solve(from a: Double, mass: Double) -> Double {
            switch form {
            case .linear(let r, let s):
                let ra = r + s * (a - start)
                if s == 0 { return a + mass / ra }
                // (s/2)x² + ra·x − mass = 0, in the form that does not cancel.
                let root = (ra * ra + 2 * s * mass).squareRoot()
                return min(end, a + 2 * mass / (ra + root))
            case .sinusoid:
                // Λ is increasing on [a, end]: Newton steps kept inside a shrinking bracket.
                var lo = a, hi = end
                var x = a + mass / max(rate(at: a), 1e-300)
                if !(x > lo && x < hi) { x = (lo + hi) / 2 }
                for _ in 0..<200 {
                    let f = integral(from: a, to: x) - mass
                    if f > 0 { hi = x } else { lo = x }
                    if abs(f) <= 1e-12 * max(1, mass) || hi - lo <= 1e-13 * max(1, x) { break }
                    let r = rate(at: x)
                    var next = r > 0 ? x - f / r : (lo + hi) / 2
                    if !(next > lo && next < hi) { next = (lo + hi) / 2 }
                    x = next
                }
                return x
            }
        }
    }

    /// Sub-pieces per period of a sinusoid: short enough for Newton to start close.
    static let sinusoidPieces = 96.0

    let shape: TrafficShape
    let base: Double

    /// The piece covering `t` (t ≥ 0).
    func piece(at t: Double) -> Piece {
        switch shape {
        case .step(let at, let to):
            return t < at.seconds
                ? Piece(start: 0, end: at.seconds, form: .linear(rate: base, slope: 0))
                : Piece(start: at.seconds, end: .infinity, form: .linear(rate: to, slope: 0))
        case .ramp(let start, let duration, let to):
            let a = start.seconds, b = a + duration.seconds
            if t < a { return Piece(start: 0, end: a, form: .linear(rate: base, slope: 0)) }
            if t < b { return Piece(start: a, end: b, form: .linear(rate: base, slope: (to - base) / (b - a))) }
            return Piece(start: b, end: .infinity, form: .linear(rate: to, slope: 0))
        case .spike(let at, let peak, let rise, let hold, let decay):
            let a = at.seconds, b = a + rise.seconds, c = b + hold.seconds, d = c + decay.seconds
            if t < a { return Piece(start: 0, end: a, form: .linear(rate: base, slope: 0)) }
            if t < b { return Piece(start: a, end: b, form: .linear(rate: base, slope: (peak - base) / (b - a))) }
            if t < c { return Piece(start: b, end: c, form: .linear(rate: peak, slope: 0)) }
            if t < d { return Piece(start: c, end: d, form: .linear(rate: peak, slope: (base - peak) / (d - c))) }
            return Piece(start: d, end: .infinity, form: .linear(rate: base, slope: 0))
        case .diurnal(let peak, let peakAt, let period):
            let width = period.seconds / Self.sinusoidPieces
            let k = (t / width).rounded(.down)
            var start = k * width, end = (k + 1) * width
            // Rounding may put t just outside [start, end): step to the piece that holds it.
            if t >= end { start = end; end += width }
            return Piece(
                start: start, end: end,
                form: .sinusoid(mean: (base + peak) / 2, amplitude: (peak - base) / 2, omega: 2 * .pi / period.seconds, peak: peakAt.seconds))
        case .hourly(let rates):
            let hour = 3_600.0
            let k = (t / hour).rounded(.down)
            var start = k * hour
            if t >= start + hour { start += hour }
            let h = Int((start / hour).truncatingRemainder(dividingBy: Double(rates.count)))
            let from = rates[h], to = rates[(h + 1) % rates.count]
            return Piece(start: start, end: start + hour, form: .linear(rate: from, slope: (to - from) / hour))
        case .trace:
            preconditionFailure("a trace has no rate function")
        }
    }
}

/// A recorded trace replayed: each time (divided by the speed) is an arrival, or each second's
/// count of arrivals is spread within its second — uniformly at random for Poisson arrivals
/// (given the count, a Poisson process's arrivals are independent uniforms: they are drawn as
/// ascending order statistics one at a time, the next of m remaining on (u, 1) at
/// u + (1 − u)(1 − V^(1/m)), V uniform), evenly for deterministic ones.
struct TraceReplay: Sendable {
    let times: [Double]
    let counts: [Int]
    let speed: Double
    let deterministic: Bool
    let timestamps: Bool
    /// Next time index (`times`), or the current second (`counts`, -1 before the first).
    var index: Int
    /// Counts: arrivals left in the current second, its count, and the last one's position in it (0…1).
    var remaining = 0
    var count = 0
    var position = 0.0

    init(_ trace: Trace, deterministic: Bool) {
        times = trace.times
        counts = trace.counts
        speed = trace.speed
        self.deterministic = deterministic
        timestamps = trace.format == .timestamps
        index = timestamps ? 0 : -1
    }

    /// The next arrival, or infinity when the trace is exhausted.
    mutating func next(_ generator: RandomGenerator) -> Double {
        if timestamps {
            guard index < times.count else { return .infinity }
            index += 1
            return times[index - 1] / speed
        }
        while remaining == 0 {
            index += 1
            guard index < counts.count else { return .infinity }
            count = counts[index]
            remaining = count
            position = 0
        }
        if deterministic {
            position = (Double(count - remaining) + 0.5) / Double(count)
        } else {
            position += (1 - position) * (1 - pow(generator.uniform(), 1 / Double(remaining)))
        }
        remaining -= 1
        return (Double(index) + position) / speed
    }

    /// Recorded arrivals in [a, b) of simulated time (for the configured mean rate).
    func arrivals(from a: Double, to b: Double) -> Double {
        if timestamps {
            return Double(times.filter { $0 / speed >= a && $0 / speed < b }.count)
        }
        var total = 0.0
        for (k, n) in counts.enumerated() {
            let s = Double(k) / speed, e = Double(k + 1) / speed
            let overlap = max(0, min(b, e) - max(a, s))
            total += Double(n) * overlap / (e - s)
        }
        return total
    }
}

import CGSL

/// Every distribution of one run, flattened for the hot path: a draw is a switch on a one-byte
/// tag of a plain struct, with no enum payload to copy and no reference to retain. Empirical
/// tables live in two shared flat arrays, addressed by offset and count.
///
/// Build it once with ``add(_:)`` (which returns the index to sample with), then draw with
/// ``sample(_:_:)``. Draws are bit-for-bit those of ``Distribution/sample(_:)``.
public struct SamplerTable: Sendable {
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline enum Tag: UInt8, Sendable {
            case constant, exponential, uniform, truncatedNormal, lognormal, gamma, weibull, pareto, samples, histogram
        }
        @usableFromInline var tag: Tag
        @usableFromInline var a: Double
        @usableFromInline var b: Double
        @usableFromInline var start: Int32
        @usableFromInline var count: Int32
    }

    @usableFromInline var entries: [Entry] = []
    /// Empirical point values or histogram upper edges.
    @usableFromInline var values: [Double] = []
    /// Histogram cumulative probabilities, parallel to `values` (unused for samples).
    @usableFromInline var cumulative: [Double] = []
    /// The distributions as added, for means and variances.
    public private(set) var distributions: [Distribution] = []

    /// An empty table.
    public init() {}

    /// Adds `distribution` and returns its index.
    public mutating func add(_ distribution: Distribution) -> Int32 {
        let entry: Entry
        switch distribution {
        case .constant(let v): entry = Entry(tag: .constant, a: v, b: 0, start: 0, count: 0)
        case .exponential(let mean): entry = Entry(tag: .exponential, a: mean, b: 0, start: 0, count: 0)
        case .uniform(let lo, let hi): entry = Entry(tag: .uniform, a: lo, b: hi, start: 0, count: 0)
        case .truncatedNormal(let mean, let sd): entry = Entry(tag: .truncatedNormal, a: mean, b: sd, start: 0, count: 0)
        case .lognormal(let mu, let sigma): entry = Entry(tag: .lognormal, a: mu, b: sigma, start: 0, count: 0)
        case .gamma(let shape, let scale): entry = Entry(tag: .gamma, a: shape, b: scale, start: 0, count: 0)
        case .weibull(let shape, let scale): entry = Entry(tag: .weibull, a: shape, b: scale, start: 0, count: 0)
        case .pareto(let shape, let scale): entry = Entry(tag: .pareto, a: shape, b: scale, start: 0, count: 0)
        case .empirical(let table):
            let start = Int32(values.count)
            values += table.values
            cumulative += table.isHistogram ? table.cumulative : Array(repeating: 0, count: table.values.count)
            entry = Entry(tag: table.isHistogram ? .histogram : .samples, a: 0, b: 0, start: start, count: Int32(table.values.count))
        }
        entries.append(entry)
        distributions.append(distribution)
        return Int32(entries.count - 1)
    }

    /// Number of distributions.
    public var count: Int { entries.count }

    /// One draw, in seconds, of distribution `index`.
    @inlinable
    public func sample(_ index: Int32, _ generator: RandomGenerator) -> Double {
        let e = entries[Int(index)]
        let r = generator.pointer
        switch e.tag {
        case .exponential: return generator.exponential(mean: e.a)
        case .constant: return e.a
        case .lognormal: return gsl_ran_lognormal(r, e.a, e.b)
        case .uniform: return gsl_ran_flat(r, e.a, e.b)
        case .truncatedNormal: return e.b == 0 ? Swift.max(e.a, 0) : e.a + gsl_ran_gaussian_tail(r, -e.a, e.b)
        case .gamma: return gsl_ran_gamma(r, e.a, e.b)
        // GSL's Weibull takes (scale, shape); Pareto takes (shape, scale).
        case .weibull: return gsl_ran_weibull(r, e.b, e.a)
        case .pareto: return gsl_ran_pareto(r, e.a, e.b)
        case .samples: return values[Int(e.start) + generator.index(below: Int(e.count))]
        case .histogram: return sampleHistogram(e, generator)
        }
    }

    /// A histogram draw: the bin by binary search on the cumulative table, uniform within it.
    @inlinable
    func sampleHistogram(_ e: Entry, _ generator: RandomGenerator) -> Double {
        let u = generator.uniform()
        let first = Int(e.start)
        var lo = first, hi = first + Int(e.count) - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        let lower = lo == first ? 0 : values[lo - 1]
        let pLower = lo == first ? 0 : cumulative[lo - 1]
        let width = cumulative[lo] - pLower
        let fraction = width > 0 ? (u - pLower) / width : 0.5
        return lower + fraction * (values[lo] - lower)
    }
}

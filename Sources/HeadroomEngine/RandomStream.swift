import CGSL
import Foundation

/// A bare handle to one GSL generator: pointers, nothing else, so copying it and drawing from
/// it cost no reference counting. This is the hot-path handle; it is valid only while the
/// ``RandomStreams`` that made it is alive — the simulation keeps its `RandomStreams` for the
/// whole run. Code that cannot promise that uses ``RandomStream``, which keeps its owner alive.
///
/// Every generator is GSL's `taus2`, and its step is inlined here on GSL's own state (three
/// 32-bit words in `unsigned long`s), so `uniform()`, `bits32()` and `index(below:)` give
/// bit-for-bit GSL's `gsl_rng_uniform_pos`, `gsl_rng_get` and `gsl_rng_uniform_int` without
/// two indirect calls per draw; GSL's own samplers (lognormal, gamma, …) draw from the same state,
/// so the two interleave as one stream. ``RandomStreams`` checks the equivalence once per process.
@frozen
public struct RandomGenerator: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<gsl_rng>
    /// GSL's `taus_state_t`: s1, s2, s3.
    @usableFromInline let state: UnsafeMutablePointer<UInt>
    /// ``ExponentialZiggurat/tables``, held here so a draw needs no lazy-global check.
    @usableFromInline let ziggurat: UnsafePointer<Double>

    @inlinable
    init(pointer: UnsafeMutablePointer<gsl_rng>) {
        self.pointer = pointer
        state = pointer.pointee.state.assumingMemoryBound(to: UInt.self)
        ziggurat = ExponentialZiggurat.tables
    }

    /// The next 32 random bits: one step of L'Ecuyer's taus2 (GSL's `taus_get`, "Maximally
    /// equidistributed combined Tausworthe generators", Math. Comp. 65, 1996), as `gsl_rng_get`.
    @inlinable @inline(__always)
    public func bits32() -> UInt32 {
        var s1 = UInt32(truncatingIfNeeded: state[0])
        var s2 = UInt32(truncatingIfNeeded: state[1])
        var s3 = UInt32(truncatingIfNeeded: state[2])
        s1 = ((s1 & 0xffff_fffe) << 12) ^ (((s1 << 13) ^ s1) >> 19)
        s2 = ((s2 & 0xffff_fff8) << 4) ^ (((s2 << 2) ^ s2) >> 25)
        s3 = ((s3 & 0xffff_fff0) << 17) ^ (((s3 << 3) ^ s3) >> 11)
        state[0] = UInt(s1)
        state[1] = UInt(s2)
        state[2] = UInt(s3)
        return s1 ^ s2 ^ s3
    }

    /// A uniform draw in the open interval (0, 1), as `gsl_rng_uniform_pos` (a multiple of 2⁻³²).
    @inlinable @inline(__always)
    public func uniform() -> Double {
        while true {
            let bits = bits32()
            if bits != 0 { return Double(bits) * 0x1p-32 }
        }
    }

    /// A uniform integer in 0..<n, as `gsl_rng_uniform_int` (rejection, no modulo bias).
    ///
    /// - Precondition: 0 < n ≤ 2³² − 1.
    @inlinable @inline(__always)
    public func index(below n: Int) -> Int {
        precondition(n > 0 && n <= Int(UInt32.max), "index(below:) needs 0 < n < 2^32")
        let scale = UInt32.max / UInt32(n)
        while true {
            let k = Int(bits32() / scale)
            if k < n { return k }
        }
    }

    /// An exponential draw with the given mean, by the ziggurat method (``ExponentialZiggurat``):
    /// 64 random bits per draw (two taus2 steps), the low 8 choosing the layer and the top 53 the
    /// point, so the two are independent; exact in distribution.
    @inlinable @inline(__always)
    public func exponential(mean: Double) -> Double {
        while true {
            let bits = UInt64(bits32()) << 32 | UInt64(bits32())
            let i = Int(truncatingIfNeeded: bits & 0xff)
            let x = Double(bits >> 11) * 0x1p-53 * ziggurat[i]
            if x < ziggurat[i &+ 1] { return x * mean }
            if let tail = exponentialSlowPath(layer: i, x: x) { return tail * mean }
        }
    }

    /// The rare draws (about 1 in 45) outside layer `i`'s inner rectangle: the tail of the base
    /// layer, or the wedge test against e^(−x). Nil means draw again.
    @usableFromInline
    func exponentialSlowPath(layer i: Int, x: Double) -> Double? {
        if i == 0 { return ExponentialZiggurat.r - Foundation.log(uniform()) }
        let f = ziggurat + 257
        if f[i &+ 1] + (f[i] - f[i &+ 1]) * uniform() < Foundation.exp(-x) { return x }
        return nil
    }

    /// GSL's own exponential sampler, −mean·log1p(−U) (one 32-bit draw). The benchmarks' bare
    /// yardstick loops keep it, so their figures stay comparable with those measured before the
    /// ziggurat; the simulation uses ``exponential(mean:)``.
    @inlinable
    public func gslExponential(mean: Double) -> Double { gsl_ran_exponential(pointer, mean) }
}

/// A handle to one reproducible GSL generator (`taus2`) of a ``RandomStreams`` set that keeps
/// its owning set alive, so it can never outlive the generator it draws from. Drawing costs one
/// indirect call into GSL; copying the handle retains the owner.
public struct RandomStream: @unchecked Sendable {
    /// The bare generator, for hot loops that keep the owner alive themselves.
    public let generator: RandomGenerator
    let owner: RandomStreams

    init(generator: RandomGenerator, owner: RandomStreams) {
        self.generator = generator
        self.owner = owner
    }

    /// A uniform draw in the open interval (0, 1).
    @inlinable @inline(__always)
    public func uniform() -> Double { generator.uniform() }

    /// A uniform integer in 0..<n.
    @inlinable @inline(__always)
    public func index(below n: Int) -> Int { generator.index(below: n) }

    /// An exponential draw with the given mean.
    @inlinable @inline(__always)
    public func exponential(mean: Double) -> Double { generator.exponential(mean: mean) }
}

/// The set of named random streams of one run, all derived from the scenario seed.
///
/// Each component draws from its own stream, seeded from a hash of (scenario seed, stream
/// name): adding a component does not change the draws of the others, so what-if comparisons
/// use common random numbers. Streams are `taus2` generators (L'Ecuyer's maximally
/// equidistributed combined Tausworthe, period ≈ 2^88), the fastest good generator in GSL.
public final class RandomStreams: @unchecked Sendable {
    /// The scenario seed every stream derives from.
    public let seed: UInt64
    private var generators: [UnsafeMutablePointer<gsl_rng>] = []
    private var names: [String: Int] = [:]

    /// A set of streams rooted at `seed`.
    public init(seed: UInt64) {
        GSL.configure()
        self.seed = seed
    }

    deinit {
        for generator in generators { gsl_rng_free(generator) }
    }

    /// The stream called `name`, created on first use. The same (seed, name) always yields the
    /// same sequence of draws, whatever other streams exist.
    public func stream(named name: String) -> RandomStream {
        RandomStream(generator: generator(named: name), owner: self)
    }

    /// The bare generator of stream `name` (see ``RandomGenerator``): valid while this set lives.
    public func generator(named name: String) -> RandomGenerator {
        precondition(Self.inlinedStepMatchesGSL, "the inlined taus2 step of RandomGenerator no longer matches this GSL's")
        if let index = names[name] { return RandomGenerator(pointer: generators[index]) }
        guard let generator = gsl_rng_alloc(cgsl_rng_taus2()) else {
            fatalError("GSL could not allocate a random number generator (out of memory)")
        }
        gsl_rng_set(generator, UInt(Self.derivedSeed(seed: seed, name: name)))
        names[name] = generators.count
        generators.append(generator)
        return RandomGenerator(pointer: generator)
    }

    /// Whether ``RandomGenerator``'s inlined taus2 step draws what GSL's `gsl_rng_get` draws from
    /// the same state (it reads GSL's private `taus_state_t`): checked once per process.
    private static let inlinedStepMatchesGSL: Bool = {
        GSL.configure()
        guard let reference = gsl_rng_alloc(cgsl_rng_taus2()) else { return false }
        defer { gsl_rng_free(reference) }
        gsl_rng_set(reference, 0x5eed)
        guard let copy = gsl_rng_clone(reference) else { return false }
        defer { gsl_rng_free(copy) }
        let inlined = RandomGenerator(pointer: copy)
        for _ in 0..<64 where UInt32(truncatingIfNeeded: gsl_rng_get(reference)) != inlined.bits32() { return false }
        return gsl_rng_uniform_pos(reference) == inlined.uniform()
    }()

    /// The seed of stream `name`: SplitMix64 of (seed XOR FNV-1a(name)). taus2 uses the low
    /// 32 bits; SplitMix64's avalanche makes every input bit matter there.
    public static func derivedSeed(seed: UInt64, name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        var z = seed ^ hash
        z &+= 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        // taus2 treats 0 as a special seed; keep every derived seed non-zero in its low word.
        return z & 0xffff_ffff == 0 ? z | 1 : z
    }
}

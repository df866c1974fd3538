import CGSL

/// A bare handle to one GSL generator: a pointer, nothing else, so copying it and drawing from
/// it cost no reference counting. This is the hot-path handle; it is valid only while the
/// ``RandomStreams`` that made it is alive — the simulation keeps its `RandomStreams` for the
/// whole run. Code that cannot promise that uses ``RandomStream``, which keeps its owner alive.
@frozen
public struct RandomGenerator: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<gsl_rng>

    @inlinable
    init(pointer: UnsafeMutablePointer<gsl_rng>) { self.pointer = pointer }

    /// A uniform draw in the open interval (0, 1).
    @inlinable @inline(__always)
    public func uniform() -> Double { gsl_rng_uniform_pos(pointer) }

    /// A uniform integer in 0..<n.
    @inlinable @inline(__always)
    public func index(below n: Int) -> Int { Int(gsl_rng_uniform_int(pointer, UInt(n))) }

    /// An exponential draw with the given mean.
    @inlinable @inline(__always)
    public func exponential(mean: Double) -> Double { gsl_ran_exponential(pointer, mean) }
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
        if let index = names[name] { return RandomGenerator(pointer: generators[index]) }
        guard let generator = gsl_rng_alloc(cgsl_rng_taus2()) else {
            fatalError("GSL could not allocate a random number generator (out of memory)")
        }
        gsl_rng_set(generator, UInt(Self.derivedSeed(seed: seed, name: name)))
        names[name] = generators.count
        generators.append(generator)
        return RandomGenerator(pointer: generator)
    }

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

import Testing
import HeadroomEngine

@Suite("Random streams")
struct RandomStreamTests {
    func draws(_ stream: RandomStream, _ n: Int = 8) -> [Double] { (0..<n).map { _ in stream.uniform() } }

    @Test("the same seed and name give the same draws")
    func reproducible() {
        let a = RandomStreams(seed: 42), b = RandomStreams(seed: 42)
        #expect(draws(a.stream(named: "service:api")) == draws(b.stream(named: "service:api")))
    }

    @Test("adding another stream does not change a stream's draws (common random numbers)")
    func independentOfOthers() {
        let a = RandomStreams(seed: 7)
        let reference = draws(a.stream(named: "service:db"))
        let b = RandomStreams(seed: 7)
        _ = draws(b.stream(named: "service:cache"), 100)
        #expect(draws(b.stream(named: "service:db")) == reference)
    }

    @Test("different names and different seeds give different draws")
    func distinct() {
        let s = RandomStreams(seed: 1)
        #expect(draws(s.stream(named: "a")) != draws(s.stream(named: "b")))
        #expect(draws(RandomStreams(seed: 1).stream(named: "a")) != draws(RandomStreams(seed: 2).stream(named: "a")))
    }

    @Test("asking for a stream again continues it rather than restarting it")
    func sameStreamContinues() {
        let s = RandomStreams(seed: 3)
        let first = s.stream(named: "x").uniform()
        let second = s.stream(named: "x").uniform()
        #expect(first != second)
        #expect(RandomStreams(seed: 3).stream(named: "x").uniform() == first)
    }

    @Test("derived seeds never have a zero low word and differ for nearby seeds")
    func derivedSeeds() {
        var lows = Set<UInt64>()
        for seed in 0..<1_000 as Range<UInt64> {
            let d = RandomStreams.derivedSeed(seed: seed, name: "service:api")
            #expect(d & 0xffff_ffff != 0)
            lows.insert(d & 0xffff_ffff)
        }
        #expect(lows.count == 1_000)
    }

    @Test("uniform draws lie in (0, 1) and index(below:) in range")
    func ranges() {
        let s = RandomStreams(seed: 9).stream(named: "r")
        for _ in 0..<10_000 {
            let u = s.uniform()
            #expect(u > 0 && u < 1)
            let i = s.index(below: 7)
            #expect((0..<7).contains(i))
        }
    }
}

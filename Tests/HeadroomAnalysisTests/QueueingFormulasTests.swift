import Testing
import HeadroomAnalysis

/// The closed forms against hand computations (values worked out independently, to 4+ digits).
@Suite("Queueing formulas")
struct QueueingFormulasTests {
    @Test("Erlang B: the classic table values")
    func erlangB() {
        // B(c=1, a=1) = 1/2; B(2, 1) = (1/2)/(1 + 1 + 1/2) = 0.2; B(5, 4) = 0.19907 (teletraffic tables).
        #expect(abs(QueueingFormulas.erlangB(servers: 1, offeredLoad: 1) - 0.5) < 1e-12)
        #expect(abs(QueueingFormulas.erlangB(servers: 2, offeredLoad: 1) - 0.2) < 1e-12)
        #expect(abs(QueueingFormulas.erlangB(servers: 5, offeredLoad: 4) - 0.199067) < 1e-6)
        #expect(QueueingFormulas.erlangB(servers: 0, offeredLoad: 3) == 1)
        // The recurrence stays finite for large systems where factorials would overflow.
        let big = QueueingFormulas.erlangB(servers: 2_000, offeredLoad: 1_900)
        #expect(big > 0 && big < 0.01)
    }

    @Test("Erlang C: single server reduces to ρ; a hand-computed M/M/2")
    func erlangC() {
        #expect(abs(QueueingFormulas.erlangC(servers: 1, offeredLoad: 0.7) - 0.7) < 1e-12)
        // M/M/2 with a = 1 (ρ = 1/2): B = 0.2, C = B/(1 − ρ(1 − B)) = 0.2/0.6 = 1/3.
        #expect(abs(QueueingFormulas.erlangC(servers: 2, offeredLoad: 1) - 1.0 / 3) < 1e-12)
        #expect(QueueingFormulas.erlangC(servers: 4, offeredLoad: 4) == 1)
    }

    @Test("M/M/1, M/D/1 and M/G/1 agree where they should")
    func singleServer() {
        let mm1 = QueueingFormulas.mm1(arrivalRate: 80, serviceTime: 0.01)
        #expect(abs(mm1.meanWait - 0.04) < 1e-12)       // ρ/(μ − λ) = 0.8/20
        #expect(abs(mm1.meanResponse - 0.05) < 1e-12)   // 1/(μ − λ)
        #expect(abs(mm1.meanQueueLength - 3.2) < 1e-12) // ρ²/(1 − ρ)
        let pk = QueueingFormulas.mg1(arrivalRate: 80, serviceMean: 0.01, serviceVariance: 0.0001)
        #expect(abs(pk.meanWait - mm1.meanWait) < 1e-12)  // P-K with exponential variance is M/M/1
        let md1 = QueueingFormulas.md1(arrivalRate: 70, serviceTime: 0.01)
        #expect(abs(md1.meanWait - 0.7 / (2 * 100 * 0.3)) < 1e-12) // ρ/(2μ(1 − ρ))
        // M/M/1 response p95 = −ln(0.05)/(μ − λ) = 2.995732/20.
        #expect(abs(QueueingFormulas.mm1ResponseQuantile(arrivalRate: 80, serviceTime: 0.01, p: 0.95) - 0.1497866) < 1e-6)
    }

    @Test("M/M/8 at ρ = 0.9 matches a hand computation: C = 0.70153, Wq = 70.153 ms")
    func mm8() {
        let m = QueueingFormulas.mmc(arrivalRate: 90, serviceTime: 0.08, servers: 8)
        #expect(abs(QueueingFormulas.erlangC(servers: 8, offeredLoad: 7.2) - 0.701533) < 1e-6)
        #expect(abs(m.meanWait - 0.0701533) < 1e-7)
        #expect(abs(m.utilization - 0.9) < 1e-12)
    }

    @Test("Jackson traffic equations: tandem, branching and feedback")
    func jackson() {
        // A feedback loop: a → b, b returns to a with probability 0.5: λa = γ + 0.5λb, λb = λa ⇒ λa = 2γ.
        let m = QueueingFormulas.jackson(external: [10, 0], routing: [[0, 1], [0.5, 0]], serviceTimes: [0.01, 0.02], servers: [1, 1])
        #expect(abs(m[0].utilization - 0.2) < 1e-9)
        #expect(abs(m[1].utilization - 0.4) < 1e-9)
    }

    @Test("minimum servers by Erlang C: the smallest c meeting the wait target")
    func sizing() {
        // λ = 90/s, S = 80 ms: 8 servers give Wq = 70.2 ms, 9 give 19.2 ms, 10 give 7.2 ms.
        #expect(QueueingFormulas.minimumServers(arrivalRate: 90, serviceTime: 0.08, meanWaitTarget: 0.1) == 8)
        #expect(QueueingFormulas.minimumServers(arrivalRate: 90, serviceTime: 0.08, meanWaitTarget: 0.02) == 9)
        let c = QueueingFormulas.minimumServers(arrivalRate: 90, serviceTime: 0.08, meanWaitTarget: 0.01) ?? 0
        #expect(QueueingFormulas.mmc(arrivalRate: 90, serviceTime: 0.08, servers: c).meanWait <= 0.01)
        #expect(QueueingFormulas.mmc(arrivalRate: 90, serviceTime: 0.08, servers: c - 1).meanWait > 0.01)
    }

    @Test("confidence intervals: a hand-computed Student-t interval")
    func confidenceInterval() {
        // Estimates 1…5: mean 3, s = √2.5, t(0.975, 4) = 2.776445 ⇒ half-width 2.776445·√2.5/√5 = 1.963243.
        let ci = ConfidenceInterval(estimates: [1, 2, 3, 4, 5], confidence: 0.95)
        #expect(abs(ci.mean - 3) < 1e-12)
        #expect(abs(ci.halfWidth - 1.963243) < 1e-6)
        #expect(ci.contains(4.9) && !ci.contains(5.0))
    }
}

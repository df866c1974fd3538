import Testing
import HeadroomEngine

/// Instants and durations from plain seconds, to keep the tables below readable.
func at(_ seconds: Double) -> SimInstant { SimInstant(seconds: seconds) }
func after(_ seconds: Double) -> SimDuration { SimDuration(seconds: seconds) }

/// SplitMix64, so the tests drive the calendar with reproducible pseudo-random times.
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

@Suite("Event calendar")
struct EventCalendarTests {
    @Test("events pop in (time, sequence) order and the clock never goes backwards, over 2,000 seeds")
    func orderingProperty() {
        for seed in 0..<2_000 {
            var random = TestRandom(state: UInt64(seed))
            var calendar = EventCalendar(reservingCapacity: 4)
            var scheduled = 0, popped = 0
            var last = Event(time: at(-1), sequence: 0, kind: 0, target: 0)
            // Interleave schedules and pops, with coarse times so ties are common.
            for _ in 0..<200 {
                if random.next() % 3 != 0 || calendar.isEmpty {
                    let time = calendar.now + SimDuration(seconds: Double(random.next() % 5))
                    calendar.schedule(at: time, kind: 0, target: UInt32(scheduled))
                    scheduled += 1
                } else if let event = calendar.next() {
                    #expect(Event.precedes(last, event), "seed \(seed): \(event) popped after \(last)")
                    let check1 = calendar.now == event.time
                    #expect(check1, "seed \(seed)")
                    last = event
                    popped += 1
                }
                let check2 = calendar.checkInvariants()
                #expect(check2, "seed \(seed): heap property broken")
                let check3 = calendar.count == scheduled - popped
                #expect(check3, "seed \(seed)")
            }
        }
    }

    @Test("events at equal times pop in insertion order")
    func tiesAreFIFO() {
        var calendar = EventCalendar()
        for target in 0..<100 { calendar.schedule(at: at(5), kind: 0, target: UInt32(target)) }
        var order: [UInt32] = []
        while let event = calendar.next() { order.append(event.target) }
        #expect(order == Array(0..<100))
    }

    @Test("schedule after next() reuses the root slot (hold) and keeps order")
    func holdStep() {
        var calendar = EventCalendar()
        for t in [3.0, 1.0, 2.0] { calendar.schedule(at: at(t), kind: 0, target: 0) }
        let check4 = calendar.next()?.time == at(1)
        #expect(check4)
        let check5 = calendar.count == 2
        #expect(check5)
        let check6 = calendar.peek()?.time == at(2)
        #expect(check6)
        calendar.schedule(at: at(2.5), kind: 0, target: 0)
        let check7 = calendar.count == 3
        #expect(check7)
        let check8 = calendar.checkInvariants()
        #expect(check8)
        let check9 = [calendar.next()?.time, calendar.next()?.time, calendar.next()?.time] == [at(2), at(2.5), at(3)]
        #expect(check9)
        let check10 = calendar.next() == nil
        #expect(check10)
        let check11 = calendar.isEmpty
        #expect(check11)
    }

    @Test("next(notAfter:) leaves later events pending and does not move the clock")
    func limit() {
        var calendar = EventCalendar()
        calendar.schedule(at: at(10), kind: 7, target: 1)
        let check12 = calendar.next(notAfter: at(9.5)) == nil
        #expect(check12)
        let check13 = calendar.now == .zero
        #expect(check13)
        let check14 = calendar.count == 1
        #expect(check14)
        calendar.advance(to: at(9.5))
        let check15 = calendar.now == at(9.5)
        #expect(check15)
        let event = calendar.next(notAfter: at(10))
        let check16 = event?.kind == 7 && event?.target == 1 && calendar.now == at(10)
        #expect(check16)
    }

    @Test("schedule returns increasing sequence numbers; relative scheduling adds to now")
    func sequences() {
        var calendar = EventCalendar()
        let a = calendar.schedule(at: at(1), kind: 0, target: 0)
        let b = calendar.schedule(after: after(2), kind: 0, target: 0)
        #expect(b == a + 1)
        _ = calendar.next()
        let c = calendar.schedule(after: after(0.5), kind: 0, target: 0)
        #expect(c == b + 1)
        let check17 = calendar.next()?.time == at(1.5)
        #expect(check17)
        let check18 = calendar.next()?.time == at(2)
        #expect(check18)
    }

    @Test("an exhaustive check of every insertion order of 7 distinct times")
    func exhaustiveSmall() {
        func permutations(_ items: [Double]) -> [[Double]] {
            if items.count <= 1 { return [items] }
            return items.indices.flatMap { i -> [[Double]] in
                var rest = items
                let head = rest.remove(at: i)
                return permutations(rest).map { [head] + $0 }
            }
        }
        for order in permutations([1, 2, 3, 4, 5, 6, 7]) {
            var calendar = EventCalendar()
            for t in order { calendar.schedule(at: at(t), kind: 0, target: 0) }
            var out: [Double] = []
            while let e = calendar.next() { out.append(e.time.seconds) }
            #expect(out == [1, 2, 3, 4, 5, 6, 7], "insertion order \(order)")
        }
    }
}

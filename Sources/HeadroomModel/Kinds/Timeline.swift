import HeadroomEngine

/// Counts of two kinds of event over a sliding window of time (calls and failures, first
/// attempts and retries, requests and accepts), kept as a ring of `slots` sub-windows: a count
/// leaves the window between `window − window/slots` and `window` after it was added. O(1) per
/// update (amortised), no allocation after compilation.
struct SlidingCounts: Sendable {
    let slotWidth: Double
    private(set) var a: [Int]
    private(set) var b: [Int]
    /// The absolute number of the current sub-window (time / slotWidth).
    private var current = 0
    private(set) var totalA = 0
    private(set) var totalB = 0

    init(window: Double, slots: Int = 10) {
        slotWidth = window / Double(slots)
        a = Array(repeating: 0, count: slots)
        b = a
    }

    /// Moves the window to `now`, dropping the counts that have left it.
    mutating func advance(to now: Double) {
        let slot = Int((now / slotWidth).rounded(.down))
        guard slot > current else { return }
        if slot - current >= a.count {
            for j in a.indices { a[j] = 0; b[j] = 0 }
            totalA = 0
            totalB = 0
        } else {
            var k = current
            while k < slot {
                k += 1
                let j = k % a.count
                totalA -= a[j]
                totalB -= b[j]
                a[j] = 0
                b[j] = 0
            }
        }
        current = slot
    }

    /// Adds `da` and `db` at `now`.
    mutating func add(_ da: Int, _ db: Int, at now: Double) {
        advance(to: now)
        let j = current % a.count
        a[j] += da
        b[j] += db
        totalA += da
        totalB += db
    }

    /// Empties the window.
    mutating func reset() {
        for j in a.indices { a[j] = 0; b[j] = 0 }
        totalA = 0
        totalB = 0
    }
}

/// What a kind saw happen, in time order, for its report: a breaker's states, a health
/// checker's instances leaving and joining rotation, crashes and repairs. Capped, so a flapping
/// breaker in a day-long run cannot grow it without bound; events after the cap are counted.
struct Timeline: Sendable {
    struct Entry: Sendable {
        var seconds: Double
        /// The instance (its index in its pool), or -1.
        var instance: Int32
        var label: StaticString
        /// Which of the kind's parts it happened to (a balancer's backend), or -1.
        var group: Int32 = -1
    }

    /// The most entries kept.
    static let capacity = 500

    private(set) var entries: [Entry] = []
    /// Events that happened after the cap was reached.
    private(set) var dropped = 0

    mutating func record(_ label: StaticString, at time: SimInstant, instance: Int = -1, group: Int = -1) {
        if entries.count < Self.capacity {
            entries.append(Entry(seconds: time.seconds, instance: Int32(instance), label: label, group: Int32(group)))
        } else {
            dropped += 1
        }
    }

    /// The entries as report rows: `atSeconds`, the group's name under `groupField` (when there
    /// is one), `instance` (when there is one), and `field` with the label.
    func rows(_ field: String, groupField: String = "", groups: [String] = []) -> KindFigures.Figure {
        .init("timeline", .rows(entries.map { entry in
            var row: [KindFigures.Figure] = [.init("atSeconds", .number(entry.seconds, places: 6))]
            if entry.group >= 0, Int(entry.group) < groups.count { row.append(.init(groupField, .label(groups[Int(entry.group)]))) }
            if entry.instance >= 0 { row.append(.init("instance", .count(Int(entry.instance)))) }
            row.append(.init(field, .text("\(entry.label)")))
            return row
        }))
    }
}

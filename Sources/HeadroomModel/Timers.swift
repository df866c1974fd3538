import HeadroomEngine
import HeadroomScenario

/// The pending timeouts of one duration (one pool's `timeout`, later one call step's): a doubly
/// linked list of frames threaded through `Frame.timerPrev/timerNext`, in deadline order because
/// every deadline is "arrival + the same duration". The calendar holds at most one event per
/// list, for its earliest deadline; a frame that returns unlinks itself in O(1). So pending events
/// and memory are O(requests in flight), not O(rate × timeout).
struct TimerList: Sendable {
    /// The timeout every frame in the list waits for.
    let duration: SimDuration
    var head: Int32 = -1
    var tail: Int32 = -1
    /// Whether a `timer` event for this list is in the calendar.
    var armed = false

    init(duration: SimDuration) { self.duration = duration }
}

extension Simulation {
    /// Starts frame `f`'s timeout on list `list`: its deadline is now + the list's duration.
    @inline(__always)
    mutating func startTimer(frame f: Int, list: Int) {
        let deadline = calendar.now + timerLists[list].duration
        frames[f].deadline = deadline
        frames[f].timerList = Int32(list)
        frames[f].timerNext = -1
        let tail = timerLists[list].tail
        frames[f].timerPrev = tail
        if tail >= 0 { frames[Int(tail)].timerNext = Int32(f) } else { timerLists[list].head = Int32(f) }
        timerLists[list].tail = Int32(f)
        if !timerLists[list].armed {
            timerLists[list].armed = true
            calendar.schedule(at: deadline, kind: EventKind.timer.rawValue, target: UInt32(list))
        }
    }

    /// Takes frame `f` off its timer list, if it is on one.
    @inline(__always)
    mutating func cancelTimer(frame f: Int) {
        let list = Int(frames[f].timerList)
        guard list >= 0 else { return }
        let prev = frames[f].timerPrev, next = frames[f].timerNext
        if prev >= 0 { frames[Int(prev)].timerNext = next } else { timerLists[list].head = next }
        if next >= 0 { frames[Int(next)].timerPrev = prev } else { timerLists[list].tail = prev }
        frames[f].timerList = -1
        frames[f].timerPrev = -1
        frames[f].timerNext = -1
    }

    /// A list's event fired: time out every frame whose deadline has come, then re-arm for the
    /// next deadline. An event armed for a frame that has since returned finds a later head and
    /// only re-arms.
    mutating func handleTimer(list: Int) {
        timerLists[list].armed = false
        let now = calendar.now
        while timerLists[list].head >= 0 {
            let f = Int(timerLists[list].head)
            guard frames[f].deadline <= now else { break }
            cancelTimer(frame: f)
            timeOut(frame: f)
        }
        let head = timerLists[list].head
        if head >= 0 && !timerLists[list].armed {
            timerLists[list].armed = true
            calendar.schedule(at: frames[Int(head)].deadline, kind: EventKind.timer.rawValue, target: UInt32(list))
        }
    }

    /// Frame `f`'s timeout expired: its caller gets a timeout error; work already started runs on.
    mutating func timeOut(frame f: Int) {
        let slot = f / maxDepth, depth = f % maxDepth
        let component = Int(pools[Int(frames[f].pool)].component)
        counters[component].errors[.timeout] &+= 1
        abort(slot: slot, atDepth: depth, cause: .timeout, keepWork: true)
    }
}

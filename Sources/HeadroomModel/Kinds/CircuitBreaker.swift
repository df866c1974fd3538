import HeadroomEngine
import HeadroomScenario

/// A circuit breaker's state machine, on its own so it can be driven by scripted outcomes.
///
/// - consecutive failures: closed → open after `threshold` failures in a row (a success resets
///   the count); open → half-open once `openFor` has passed, at the next call; half-open lets
///   every call through, and the first outcome closes it (success) or opens it again (failure).
/// - failure rate: closed → open when the window holds at least `minimumCalls` outcomes and at
///   least `rate` of them are failures; half-open lets `halfOpenCalls` test calls through (others
///   fail fast) and, once they have all ended, closes if their failure share is below `rate`,
///   else opens again.
struct BreakerMachine: Sendable {
    enum State: UInt8, Sendable {
        case closed, open, halfOpen
    }

    let failureRatePolicy: Bool
    let threshold: Int
    let openFor: Double
    let minimumCalls: Int
    let rate: Double
    let halfOpenCalls: Int
    private(set) var state = State.closed
    private(set) var openUntil = 0.0
    /// Consecutive failures (closed), or test calls admitted / ended / failed (half-open).
    private var inRow = 0
    private var trials = 0
    private var trialsEnded = 0
    private var trialFailures = 0
    /// Failure-rate policy: outcomes (a) and failures (b) in the window.
    var window: SlidingCounts

    init(_ spec: CircuitBreaker) {
        failureRatePolicy = spec.policy == .failureRate
        threshold = spec.failureThreshold ?? CircuitBreaker.defaultFailureThreshold
        openFor = spec.openFor.seconds
        minimumCalls = spec.minimumCalls ?? CircuitBreaker.defaultMinimumCalls
        rate = (spec.failureRate ?? CircuitBreaker.defaultFailureRate) / 100
        halfOpenCalls = spec.halfOpenCalls ?? CircuitBreaker.defaultHalfOpenCalls
        window = SlidingCounts(window: (spec.window ?? CircuitBreaker.defaultWindow).seconds)
    }

    /// Whether a call at `now` may go through; it may move open → half-open.
    mutating func admit(at now: Double) -> Bool {
        switch state {
        case .closed: return true
        case .open:
            guard now >= openUntil else { return false }
            state = .halfOpen
            startTrials(at: now)
            return true
        case .halfOpen:
            guard failureRatePolicy else { return true }
            if trials < halfOpenCalls {
                trials += 1
                return true
            }
            // A test call whose caller gave up never reports: after another openFor, test again.
            guard now >= openUntil else { return false }
            startTrials(at: now)
            return true
        }
    }

    /// A call that went through ended at `now`, failed or not.
    mutating func record(failure: Bool, at now: Double) {
        switch state {
        case .closed:
            if failureRatePolicy {
                window.add(1, failure ? 1 : 0, at: now)
                if window.totalA >= minimumCalls && Double(window.totalB) >= rate * Double(window.totalA) { trip(at: now) }
            } else {
                inRow = failure ? inRow + 1 : 0
                if inRow >= threshold { trip(at: now) }
            }
        case .halfOpen:
            guard failureRatePolicy else {
                if failure { trip(at: now) } else { close() }
                return
            }
            trialsEnded += 1
            if failure { trialFailures += 1 }
            if trialsEnded >= halfOpenCalls {
                if Double(trialFailures) >= rate * Double(trialsEnded) { trip(at: now) } else { close() }
            }
        case .open:
            // A call let through before the breaker opened ended late: it changes nothing.
            break
        }
    }

    private mutating func startTrials(at now: Double) {
        trials = 1
        trialsEnded = 0
        trialFailures = 0
        openUntil = now + openFor
    }

    private mutating func trip(at now: Double) {
        state = .open
        openUntil = now + openFor
        inRow = 0
    }

    private mutating func close() {
        state = .closed
        inRow = 0
        window.reset()
    }
}

/// A breaker in the run: its machine, the component it guards, what it saw.
struct BreakerState: Sendable {
    let component: Int32
    let target: Int32
    /// The timeout of the calls it guards (seconds), or 0.
    let callTimeout: Double
    var machine: BreakerMachine
    var failFast = 0
    var opened = 0
    var failFastAtWarmup = 0
    var openedAtWarmup = 0
    /// Time spent open (not closed) so far, and when the current open spell began.
    var openSeconds = 0.0
    var openSecondsAtWarmup = 0.0
    var openSecondsAtBucket = 0.0
    var lastChange = 0.0
    var timeline = Timeline()
}

extension CircuitBreaker: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {}

    func link(component c: Int, id: String, into model: inout ModelCompiler) {
        guard let t = model.componentIndex[target] else { return }
        model.kinds.breakers.append(BreakerState(
            component: Int32(c), target: Int32(t), callTimeout: callTimeout?.seconds ?? 0, machine: BreakerMachine(self)))
    }
}

extension ModelCompiler {
    /// The breaker guarding component `c`, if one does.
    func breaker(guarding c: Int) -> Int? { kinds.breakers.firstIndex { Int($0.target) == c } }
}

extension Simulation {
    /// Whether breaker `b` lets a call through now; a call it stops is counted (`circuitOpen`).
    mutating func breakerAdmits(_ b: Int) -> Bool {
        let now = calendar.now.seconds
        let before = kinds.breakers[b].machine.state
        let admitted = kinds.breakers[b].machine.admit(at: now)
        breakerChanged(b, from: before)
        if !admitted {
            kinds.breakers[b].failFast &+= 1
            counters[Int(kinds.breakers[b].component)].errors[.circuitOpen] &+= 1
        }
        return admitted
    }

    /// A call breaker `b` let through ended.
    mutating func breakerRecord(_ b: Int, failure: Bool) {
        let before = kinds.breakers[b].machine.state
        kinds.breakers[b].machine.record(failure: failure, at: calendar.now.seconds)
        breakerChanged(b, from: before)
    }

    /// Records a change of breaker `b`'s state on its timeline and in its open time.
    mutating func breakerChanged(_ b: Int, from before: BreakerMachine.State) {
        let after = kinds.breakers[b].machine.state
        guard after != before else { return }
        let now = calendar.now.seconds
        if before != .closed { kinds.breakers[b].openSeconds += now - kinds.breakers[b].lastChange }
        kinds.breakers[b].lastChange = now
        if after == .open { kinds.breakers[b].opened &+= 1 }
        let label: StaticString = switch after {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "halfOpen"
        }
        kinds.breakers[b].timeline.record(label, at: calendar.now)
    }

    /// Seconds breaker `b` has not been closed, up to now.
    func breakerOpenSeconds(_ b: Int) -> Double {
        let breaker = kinds.breakers[b]
        return breaker.openSeconds + (breaker.machine.state == .closed ? 0 : calendar.now.seconds - breaker.lastChange)
    }

    /// The warm-up ended: the breakers' window starts.
    mutating func breakersStartMeasuring() {
        for b in kinds.breakers.indices {
            kinds.breakers[b].failFastAtWarmup = kinds.breakers[b].failFast
            kinds.breakers[b].openedAtWarmup = kinds.breakers[b].opened
            kinds.breakers[b].openSecondsAtWarmup = breakerOpenSeconds(b)
        }
    }

    /// Breaker `b`'s figures over the window: calls failed fast, times opened, time not closed,
    /// its state at the end, and its state changes.
    func breakerFigures(_ b: Int) -> KindFigures {
        let breaker = kinds.breakers[b]
        let label = switch breaker.machine.state {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "halfOpen"
        }
        return KindFigures(name: "circuitBreaker", figures: [
            .init("failedFast", .count(breaker.failFast - breaker.failFastAtWarmup)),
            .init("opened", .count(breaker.opened - breaker.openedAtWarmup)),
            .init("openSeconds", .number(breakerOpenSeconds(b) - breaker.openSecondsAtWarmup, places: 6)),
            .init("stateAtEnd", .text(label)),
            breaker.timeline.rows("state"),
        ])
    }

    /// The seconds breaker `b` was not closed in the bucket that is ending.
    mutating func breakerBucketFigures(_ b: Int) -> [KindFigures.Figure] {
        let total = breakerOpenSeconds(b)
        let open = total - kinds.breakers[b].openSecondsAtBucket
        kinds.breakers[b].openSecondsAtBucket = total
        return [.init("openSeconds", .number(open, places: 6))]
    }
}

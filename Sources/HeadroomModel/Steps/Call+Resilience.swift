import HeadroomEngine
import HeadroomScenario

/// The caller's side of a resilient call step: retries with a backoff (and a retry budget),
/// client-side throttling, and a fallback. It compiles to a few `kindStep` instructions around
/// the call:
///
///     start      the attempt counter goes to 0; a first attempt is counted
///     attempt    an attempt is counted; throttling may reject it locally (→ give up)
///     call       onError → failed
///       then…
///     return
///     succeeded  counted (throttling's accepts); jump to the end
///     failed     retry (back to `attempt`, after a backoff), or give up: the fallback, or the
///                error goes on to the caller's step
///     fallback…
///     (end)
///
/// The attempt counter of a call made at depth d lives in the enclosing frame (d − 1), or in
/// the request at the top level, so it survives a timeout's move of the caller to a new slot.
struct CallPolicyState: Sendable {
    /// What a policy instruction does (its `count`).
    enum Operation: Int32, Sendable {
        case start, attempt, succeeded, failed
    }

    /// The component called.
    let component: Int32
    /// Attempts in all (1: no retries).
    let maxAttempts: UInt16
    /// The retried causes, one bit per ``ErrorCause`` raw value.
    let retriedCauses: UInt32
    /// The backoff: how it grows, its base and cap in seconds.
    let backoff: Retry.Backoff
    let base: Double
    let cap: Double
    /// The retry budget (retries per first attempt, and the allowance per window), when there is one.
    let budgetShare: Double
    let budgetAllowance: Double
    /// Throttling's multiplier K, when there is throttling.
    let throttleK: Double
    /// The circuit breaker guarding the component called, or -1.
    let breaker: Int32
    let stream: Int32
    /// Where a retry goes back to (the `attempt` instruction).
    var attemptPC: Int32 = -1
    /// First attempts and retries in the budget's window; requests and accepts in throttling's.
    var budgetCounts: SlidingCounts?
    var throttleCounts: SlidingCounts?
    var counts = CallPolicyCounts()
    var countsAtWarmup = CallPolicyCounts()
    var countsAtBucket = CallPolicyCounts()
}

/// What a resilient call step did, cumulative from the run's start.
struct CallPolicyCounts: Sendable {
    /// Calls made (the step reached), attempts sent or throttled, retries, and outcomes.
    var calls = 0
    var attempts = 0
    var retries = 0
    var succeeded = 0
    /// Calls that failed for good (retries exhausted, an error not retried, throttled, out of budget).
    var gaveUp = 0
    var throttled = 0
    var budgetDenied = 0

    static func - (a: CallPolicyCounts, b: CallPolicyCounts) -> CallPolicyCounts {
        CallPolicyCounts(
            calls: a.calls - b.calls, attempts: a.attempts - b.attempts, retries: a.retries - b.retries,
            succeeded: a.succeeded - b.succeeded, gaveUp: a.gaveUp - b.gaveUp, throttled: a.throttled - b.throttled,
            budgetDenied: a.budgetDenied - b.budgetDenied)
    }

    static func + (a: CallPolicyCounts, b: CallPolicyCounts) -> CallPolicyCounts {
        CallPolicyCounts(
            calls: a.calls + b.calls, attempts: a.attempts + b.attempts, retries: a.retries + b.retries,
            succeeded: a.succeeded + b.succeeded, gaveUp: a.gaveUp + b.gaveUp, throttled: a.throttled + b.throttled,
            budgetDenied: a.budgetDenied + b.budgetDenied)
    }
}

extension Call {
    /// Compiles a call with retries, throttling or a fallback (see ``CallPolicyState``).
    func compileResilient(depth: Int, stream: Int32, into model: inout ModelCompiler) {
        guard let c = model.componentIndex[component], model.callTargets[c] != nil else { return }
        let breaker = model.breaker(guarding: c)
        let k = model.kinds.callPolicies.count
        var causes: UInt32 = 0
        for cause in retry?.on ?? [] { causes |= 1 << UInt32(cause.rawValue) }
        model.kinds.callPolicies.append(CallPolicyState(
            component: Int32(c), maxAttempts: UInt16(retry?.attempts ?? 1), retriedCauses: causes, backoff: retry?.backoff ?? .constant,
            base: retry?.base.seconds ?? 0, cap: retry?.cap.seconds ?? 0, budgetShare: (retry?.budget?.percent ?? 0) / 100,
            budgetAllowance: retry?.budget.map { $0.minPerSecond * $0.window.seconds } ?? 0, throttleK: throttling?.k ?? 0,
            breaker: Int32(breaker ?? -1), stream: model.addStream("retry:\(component)#\(k)"), budgetCounts: retry?.budget.map { SlidingCounts(window: $0.window.seconds) },
            throttleCounts: throttling.map { SlidingCounts(window: $0.window.seconds) }))
        let target = Int32(bitPattern: KindEvent(tag: .callPolicy, index: k).target)
        func emit(_ operation: CallPolicyState.Operation) -> Int {
            model.program.append(Instruction(operation: .kindStep, target: target, count: operation.rawValue))
            return model.program.count - 1
        }
        _ = emit(.start)
        let attemptAt = emit(.attempt)
        model.kinds.callPolicies[k].attemptPC = Int32(attemptAt)
        guard let at = compileCall(depth: depth, stream: stream, into: &model) else { return }
        if timeout == nil, let b = breaker, model.kinds.breakers[b].callTimeout > 0 {
            model.program[at].timerList = Int32(model.addTimerList(SimDuration(seconds: model.kinds.breakers[b].callTimeout)))
        }
        let succeededAt = emit(.succeeded)
        let failedAt = emit(.failed)
        model.program[at].onError = Int32(failedAt)
        model.program[attemptAt].end = Int32(failedAt)
        model.compile(fallback, depth: depth, stream: stream)
        model.program[succeededAt].end = Int32(model.program.count)
        // Giving up goes to the fallback when there is one; -1: the error goes on to the caller.
        model.program[failedAt].end = fallback.isEmpty ? -1 : Int32(failedAt + 1)
    }
}

extension Simulation {
    /// The attempt counter of the call step the request is at (see ``CallPolicyState``).
    @inline(__always)
    func attemptCount(slot: Int) -> UInt16 {
        let depth = Int(requests[slot].depth)
        return depth == 0 ? requests[slot].attempts : frames[requestBase(slot) &+ depth &- 1].attempts
    }

    @inline(__always)
    mutating func setAttemptCount(slot: Int, _ n: UInt16) {
        let depth = Int(requests[slot].depth)
        if depth == 0 { requests[slot].attempts = n } else { frames[requestBase(slot) &+ depth &- 1].attempts = n }
    }

    /// Runs instruction `pc` of call policy `k`; returns whether the request goes on at once.
    mutating func executeCallPolicy(_ k: Int, slot: Int, instruction: Instruction, pc: Int) -> Bool {
        let now = calendar.now.seconds
        switch CallPolicyState.Operation(rawValue: instruction.count) ?? .start {
        case .start:
            setAttemptCount(slot: slot, 0)
            kinds.callPolicies[k].counts.calls &+= 1
            kinds.callPolicies[k].budgetCounts?.add(1, 0, at: now)
            requests[slot].pc = Int32(pc &+ 1)
            return true
        case .attempt:
            setAttemptCount(slot: slot, attemptCount(slot: slot) &+ 1)
            kinds.callPolicies[k].counts.attempts &+= 1
            if kinds.callPolicies[k].throttleCounts != nil {
                kinds.callPolicies[k].throttleCounts!.advance(to: now)
                let requested = Double(kinds.callPolicies[k].throttleCounts!.totalA)
                let accepted = Double(kinds.callPolicies[k].throttleCounts!.totalB)
                let p = Throttling.rejectProbability(requests: requested, accepts: accepted, k: kinds.callPolicies[k].throttleK)
                kinds.callPolicies[k].throttleCounts!.add(1, 0, at: now)
                if p > 0 && generators[Int(kinds.callPolicies[k].stream)].uniform() < p {
                    // Rejected locally, not sent, and not retried.
                    kinds.callPolicies[k].counts.throttled &+= 1
                    return giveUp(k, slot: slot, failedPC: Int(instruction.end), cause: .rejected)
                }
            }
            let b = Int(kinds.callPolicies[k].breaker)
            if b >= 0 && !breakerAdmits(b) {
                // Failed fast: the failed instruction decides, as for an error of the call.
                requests[slot].lastError = ErrorCause.circuitOpen.rawValue
                requests[slot].pc = instruction.end
                return true
            }
            requests[slot].pc = Int32(pc &+ 1)
            return true
        case .succeeded:
            kinds.callPolicies[k].counts.succeeded &+= 1
            if kinds.callPolicies[k].breaker >= 0 { breakerRecord(Int(kinds.callPolicies[k].breaker), failure: false) }
            kinds.callPolicies[k].throttleCounts?.add(0, 1, at: now)
            requests[slot].pc = instruction.end
            return true
        case .failed:
            let cause = ErrorCause(rawValue: requests[slot].lastError) ?? .failed
            // A breaker counts the outcomes of the calls it let through (not its own fail-fasts).
            if kinds.callPolicies[k].breaker >= 0 && cause != .circuitOpen {
                breakerRecord(Int(kinds.callPolicies[k].breaker), failure: true)
            }
            let attempts = attemptCount(slot: slot)
            guard attempts < kinds.callPolicies[k].maxAttempts, kinds.callPolicies[k].retriedCauses & (1 << UInt32(cause.rawValue)) != 0 else {
                return giveUp(k, slot: slot, failedPC: pc, cause: cause)
            }
            if kinds.callPolicies[k].budgetCounts != nil {
                kinds.callPolicies[k].budgetCounts!.advance(to: now)
                let retries = Double(kinds.callPolicies[k].budgetCounts!.totalB)
                let firsts = Double(kinds.callPolicies[k].budgetCounts!.totalA)
                // Finagle's budget: retries in the window ≤ share × first attempts + minPerSecond × window.
                guard retries + 1 <= kinds.callPolicies[k].budgetShare * firsts + kinds.callPolicies[k].budgetAllowance + 1e-9 else {
                    kinds.callPolicies[k].counts.budgetDenied &+= 1
                    return giveUp(k, slot: slot, failedPC: pc, cause: cause)
                }
                kinds.callPolicies[k].budgetCounts!.add(0, 1, at: now)
            }
            kinds.callPolicies[k].counts.retries &+= 1
            let wait = backoffWait(k, beforeRetry: Int(attempts))
            requests[slot].pc = kinds.callPolicies[k].attemptPC
            guard wait > 0 else { return true }
            wake(slot: slot, after: SimDuration(seconds: wait))
            return false
        }
    }

    /// The wait before retry `r` (1 for the first) of policy `k`: base (constant), min(cap, base·2^(r−1))
    /// (exponential), or a uniform draw in [0, that] (full jitter).
    mutating func backoffWait(_ k: Int, beforeRetry r: Int) -> Double {
        let base = kinds.callPolicies[k].base, cap = kinds.callPolicies[k].cap
        switch kinds.callPolicies[k].backoff {
        case .constant: return min(cap, base)
        case .exponential: return min(cap, base * Double(1 << min(r - 1, 62)))
        case .fullJitter: return generators[Int(kinds.callPolicies[k].stream)].uniform() * min(cap, base * Double(1 << min(r - 1, 62)))
        }
    }

    /// The call of policy `k` failed for good with `cause`: the fallback runs, or the error goes
    /// on to the step that made the enclosing call (or ends the request).
    mutating func giveUp(_ k: Int, slot: Int, failedPC: Int, cause: ErrorCause) -> Bool {
        kinds.callPolicies[k].counts.gaveUp &+= 1
        let fallback = program[failedPC].end
        if fallback >= 0 {
            requests[slot].pc = fallback
            return true
        }
        stepFailed(slot: slot, cause: cause)
        return false
    }

    /// Counts of the call policies calling component `c`, or nil when no resilient step calls it.
    func callPolicyCounts(component c: Int, since: KeyPath<CallPolicyState, CallPolicyCounts>) -> CallPolicyCounts? {
        var total: CallPolicyCounts?
        for policy in kinds.callPolicies where Int(policy.component) == c {
            total = (total ?? CallPolicyCounts()) + (policy.counts - policy[keyPath: since])
        }
        return total
    }

    /// The retries of the resilient steps calling component `c`, over the window.
    func callPolicyFigures(component c: Int) -> KindFigures? {
        guard let n = callPolicyCounts(component: c, since: \.countsAtWarmup) else { return nil }
        return KindFigures(name: "retries", figures: [
            .init("calls", .count(n.calls)),
            .init("attempts", .count(n.attempts)),
            .init("retries", .count(n.retries)),
            .init("amplification", .number(n.calls > 0 ? Double(n.attempts) / Double(n.calls) : 0, places: 6)),
            .init("succeeded", .count(n.succeeded)),
            .init("gaveUp", .count(n.gaveUp)),
            .init("budgetDenied", .count(n.budgetDenied)),
            .init("throttled", .count(n.throttled)),
        ])
    }

    /// Calls, attempts and retries to component `c` in the bucket that is ending.
    mutating func callPolicyBucketFigures(component c: Int) -> [KindFigures.Figure] {
        guard let n = callPolicyCounts(component: c, since: \.countsAtBucket) else { return [] }
        for k in kinds.callPolicies.indices where Int(kinds.callPolicies[k].component) == c {
            kinds.callPolicies[k].countsAtBucket = kinds.callPolicies[k].counts
        }
        return [.init("calls", .count(n.calls)), .init("attempts", .count(n.attempts)), .init("retries", .count(n.retries))]
    }

    /// Figures of resilience for component `c`: the retries of the steps calling it, or its own
    /// as a circuit breaker.
    func resilienceFigures(component c: Int) -> KindFigures? {
        if let figures = callPolicyFigures(component: c) { return figures }
        if let b = kinds.breakers.firstIndex(where: { Int($0.component) == c }) { return breakerFigures(b) }
        return nil
    }

    /// Per-bucket figures of resilience for component `c` (see ``resilienceFigures(component:)``).
    mutating func resilienceBucketFigures(component c: Int) -> [KindFigures.Figure] {
        if let k = kinds.crashes.firstIndex(where: { Int($0.component) == c }) { return crashBucketFigures(k) }
        if let b = kinds.breakers.firstIndex(where: { Int($0.component) == c }) { return breakerBucketFigures(b) }
        return callPolicyBucketFigures(component: c)
    }

    /// The warm-up ended: the policies' window starts.
    mutating func callPoliciesStartMeasuring() {
        for k in kinds.callPolicies.indices { kinds.callPolicies[k].countsAtWarmup = kinds.callPolicies[k].counts }
        breakersStartMeasuring()
    }
}

/// One instruction of a compiled route. Routes compile to one flat array of these, so walking a
/// request through the architecture is a loop over an array index — no tree, no closures.
///
/// Layout conventions:
/// - A call's body (its `then` steps) follows it directly and ends with a matching `.return`
///   whose index is `end`; the call returns (or is skipped) to `end + 1`.
/// - A `.branch` jumps to `end` when its condition holds and falls through otherwise.
/// - A `.fork` is followed by its branches, each ending in `.endBranch`; their start indices are
///   `branchStarts[target ..< target + count]`, and `end` is the `.join` after the last branch.
/// - A `.spawn` starts a detached child at `end` (a separate program ending in `.done`) and the
///   request goes on at the next instruction.
struct Instruction: Sendable {
    enum Operation: UInt8, Sendable {
        /// Call pool `target` synchronously.
        case callPool
        /// Call router `target` (a load balancer…), which forwards to a pool instance it chooses.
        case callRouter
        /// Leave the innermost call: release its worker and continue after it.
        case `return`
        /// The route is finished: the request (or job) completed.
        case done
        /// Jump to `end` when `condition` holds.
        case branch
        /// Start `count` children, one per branch; the request waits at the join (`end`).
        case fork
        /// Continue once `count` of the forked children have succeeded.
        case join
        /// A forked child finished its branch: report success to the parent.
        case endBranch
        /// Start a detached child (a job) at `end`; continue without waiting for it.
        case spawn
        /// A step of a kind's own (a cache fill, a retry decision, a breaker check): `target`
        /// packs the kind's tag and its table index as in ``KindEvent``; `count` and `end` are
        /// the kind's to use. Run by `executeKindStep` in KindHooks.swift.
        case kindStep
    }

    /// What a `.branch` tests.
    enum Condition: UInt8, Sendable {
        /// A draw from `stream` is at least `probability`: the step guarded by it is skipped.
        case skipUnlessProbability
        /// The answer of the request's last call equals `count` (a cache's hit or miss).
        case answerEquals
    }

    var operation: Operation
    /// A pool (`callPool`), a router (`callRouter`), or the first branch-start index (`fork`).
    var target: Int32 = -1
    /// Chance that the guarded step happens (`branch` with `skipUnlessProbability`).
    var probability: Double = 1
    /// Service-time distribution for this call, or -1 for the pool's own.
    var distribution: Int32 = -1
    /// The matching `.return` (calls), the jump target (`branch`), the join (`fork`), or the
    /// detached child's first instruction (`spawn`).
    var end: Int32 = -1
    /// Random stream for the draw of a `branch`.
    var stream: Int32 = -1
    /// Where the caller continues when this call returns an error; -1: the error propagates to
    /// the caller's own caller.
    var onError: Int32 = -1
    /// Branches (`fork`), children needed (`join`), or the answer compared (`branch`).
    var count: Int32 = 0
    /// What a `.branch` tests.
    var condition: Condition = .skipUnlessProbability
    /// A join that may succeed with fewer than all branches still fails fast when too many fail;
    /// with `tolerant`, a failed branch counts as done rather than failing the join.
    var tolerant = false
    /// Calls: the queue level the request waits at (0 first; a job class's priority).
    var priority: UInt8 = 0
    /// Calls: the timer list of this call's own timeout (a client timeout set on the step), used
    /// instead of the pool's; -1 for the pool's. One list per duration keeps lists in deadline order.
    var timerList: Int32 = -1
}

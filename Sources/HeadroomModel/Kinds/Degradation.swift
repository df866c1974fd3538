import HeadroomEngine
import HeadroomScenario

/// A degradation: two kind events, at its start and at its end, set its pool's latency factor
/// and error probability (the shared fault injection of `Pool`). Degradations of one pool that
/// overlap compound: latency factors multiply, and a call survives only if it survives each.
struct DegradationState: Sendable {
    let component: Int32
    /// The pool degraded.
    let pool: Int32
    let start: Double
    let end: Double
    let latencyFactor: Double
    let errorProbability: Double
    var active = false
}

extension Degradation: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {}

    func link(component c: Int, id: String, into model: inout ModelCompiler) {
        guard let p = model.pool(ofComponentID: target) else { return }
        model.kinds.degradations.append(DegradationState(
            component: Int32(c), pool: Int32(p), start: at.seconds, end: at.seconds + duration.seconds, latencyFactor: latencyFactor,
            errorProbability: errorProbability))
        if errorProbability > 0 { model.pools[p].faultStream = model.addStream("faults:\(target)") }
    }
}

extension Simulation {
    /// Schedules every degradation's start and end.
    mutating func degradationsStart() {
        for k in kinds.degradations.indices {
            let d = kinds.degradations[k]
            calendar.schedule(at: SimInstant(seconds: d.start), kind: EventKind.kind.rawValue, target: KindEvent(tag: .degradationStart, index: k).target)
            if d.end < end.seconds {
                calendar.schedule(at: SimInstant(seconds: d.end), kind: EventKind.kind.rawValue, target: KindEvent(tag: .degradationEnd, index: k).target)
            }
        }
    }

    /// Degradation `k` starts (`active`) or ends: its pool's faults become those of the
    /// degradations active on it now.
    mutating func setDegradation(_ k: Int, active: Bool) {
        kinds.degradations[k].active = active
        let p = Int(kinds.degradations[k].pool)
        var factor = 1.0, survive = 1.0
        for d in kinds.degradations where d.active && Int(d.pool) == p {
            factor *= d.latencyFactor
            survive *= 1 - d.errorProbability
        }
        pools[p].latencyFactor = factor
        pools[p].errorProbability = 1 - survive
    }

    /// The figures of the degradation declared as component `c`, if it is one.
    func degradationFigures(component c: Int) -> KindFigures? {
        kinds.degradations.firstIndex { Int($0.component) == c }.map { degradationFigures($0) }
    }

    /// How long it was on within the window, and when.
    func degradationFigures(_ k: Int) -> KindFigures {
        let d = kinds.degradations[k]
        let window = (warmupEnd.seconds, calendar.now.seconds)
        let on = max(0, min(window.1, d.end) - max(window.0, d.start))
        return KindFigures(name: "degradation", figures: [
            .init("startSeconds", .number(d.start, places: 6)),
            .init("endSeconds", .number(d.end, places: 6)),
            .init("activeSeconds", .number(on, places: 6)),
        ])
    }
}

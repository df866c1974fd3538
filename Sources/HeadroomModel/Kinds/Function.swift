import HeadroomEngine
import HeadroomScenario

/// A serverless function: one pool instance whose workers are containers — at most
/// `concurrencyLimit` run at once and an invocation that finds them all busy is throttled (no
/// waiting room). Containers are tracked as a stack of release times: an invocation takes the
/// most recently released container if it has been idle no longer than `idleTimeout`;
/// otherwise it starts a new one and pays a cold start.
struct FunctionState: Sendable {
    /// Cold-start sampler, or -1 for none.
    let coldStart: Int32
    let idleTimeout: Double
    /// Release times of idle (warm) containers, most recent last.
    var warm: [Double] = []
    var coldStarts = 0
    var coldStartsAtWarmup = 0

    mutating func startMeasuring() { coldStartsAtWarmup = coldStarts }

    /// Cold starts in the window, and their share of the window's `invocations`.
    func figures(invocations: Int) -> KindFigures {
        let cold = coldStarts - coldStartsAtWarmup
        return KindFigures(name: "function", figures: [
            .init("coldStarts", .count(cold)),
            .init("coldStartRatio", .ratio(invocations > 0 ? Double(cold) / Double(invocations) : 0)),
        ])
    }
}

extension ServerlessFunction: CompilableSpec {
    func declare(component c: Int, id: String, into model: inout ModelCompiler) {
        let state = FunctionState(coldStart: coldStart.map { model.addSampler($0) } ?? -1, idleTimeout: idleTimeout.seconds)
        model.kinds.functions.append(state)
        let p = model.addPool(
            component: c, id: id, behaviour: .function, kindIndex: model.kinds.functions.count - 1, instances: 1,
            concurrency: concurrencyLimit, queueCapacity: 0, serviceTime: serviceTime, timeout: timeout)
        model.pools[p].billedPerInstance = false
    }
}

extension Simulation {
    /// The cold start an invocation pays: none with a warm container, a draw otherwise.
    mutating func functionColdStart(_ k: Int, generator: RandomGenerator) -> Double {
        let coldStart = kinds.functions[k].coldStart
        guard coldStart >= 0 else { return 0 }
        if let released = kinds.functions[k].warm.popLast() {
            if calendar.now.seconds - released <= kinds.functions[k].idleTimeout { return 0 }
            // The top was the most recently released: once it has expired, all have.
            kinds.functions[k].warm.removeAll(keepingCapacity: true)
        }
        kinds.functions[k].coldStarts += 1
        return samplers.sample(coldStart, generator)
    }

    /// A container finished an invocation: it stays warm for `idleTimeout`.
    mutating func functionContainerReleased(_ k: Int) {
        kinds.functions[k].warm.append(calendar.now.seconds)
    }
}

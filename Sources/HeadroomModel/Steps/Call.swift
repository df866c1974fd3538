import HeadroomEngine
import HeadroomScenario

/// A synchronous call: an optional probability guard, the call, its `then` body, the return.
/// A call with retries, throttling or a fallback wraps the call as in Call+Resilience.swift.
extension Call: CompilableStep {
    func compile(depth: Int, stream: Int32, into model: inout ModelCompiler) {
        var guardAt: Int?
        if probability < 1 {
            guardAt = model.program.count
            model.program.append(Instruction(operation: .branch, probability: probability, stream: stream, condition: .skipUnlessProbability))
        }
        if isResilient || model.componentIndex[component].flatMap({ model.breaker(guarding: $0) }) != nil {
            compileResilient(depth: depth, stream: stream, into: &model)
        } else {
            guard compileCall(depth: depth, stream: stream, into: &model) != nil else { return }
        }
        if let guardAt { model.program[guardAt].end = Int32(model.program.count) }
    }

    /// Appends the call instruction, its `then` body and its return; returns the call's index
    /// (nil when the component is not callable).
    func compileCall(depth: Int, stream: Int32, into model: inout ModelCompiler) -> Int? {
        guard let at = model.appendCall(to: component) else { return nil }
        model.program[at].distribution = serviceTime.map { model.addSampler($0) } ?? -1
        if let timeout { model.program[at].timerList = Int32(model.addTimerList(SimDuration(seconds: timeout.seconds))) }
        model.compile(then, depth: depth + 1, stream: stream)
        model.program[at].end = Int32(model.program.count)
        model.program.append(Instruction(operation: .return))
        return at
    }
}

import HeadroomScenario

/// A synchronous call: an optional probability guard, the call, its `then` body, the return.
extension Call: CompilableStep {
    func compile(depth: Int, stream: Int32, into model: inout ModelCompiler) {
        var guardAt: Int?
        if probability < 1 {
            guardAt = model.program.count
            model.program.append(Instruction(operation: .branch, probability: probability, stream: stream, condition: .skipUnlessProbability))
        }
        guard let at = model.appendCall(to: component) else { return }
        model.program[at].distribution = serviceTime.map { model.addSampler($0) } ?? -1
        model.compile(then, depth: depth + 1, stream: stream)
        model.program[at].end = Int32(model.program.count)
        model.program.append(Instruction(operation: .return))
        if let guardAt { model.program[guardAt].end = Int32(model.program.count) }
    }
}

import HeadroomScenario

/// An enqueue step: the route's `kindStep enqueue`, then the job's program inline (the route
/// jumps over it), as laid out in Kinds/Queue.swift.
extension Enqueue: CompilableStep {
    func compile(depth: Int, stream: Int32, into model: inout ModelCompiler) {
        guard let c = model.componentIndex[queue], let k = model.kinds.queues.firstIndex(where: { Int($0.component) == c })
        else { return }
        let q = model.kinds.queues[k]
        guard q.workerPool >= 0 else { return }
        func step(_ tag: KindEvent.Tag) -> Instruction {
            Instruction(operation: .kindStep, target: Int32(bitPattern: KindEvent(tag: tag, index: k).target))
        }
        let enqueueAt = model.program.count
        model.program.append(step(.enqueue))
        let attempt = model.program.count
        model.program.append(step(.jobAttempt))
        let call = model.program.count
        var instruction = Instruction(operation: .callPool, target: q.workerPool)
        instruction.priority = UInt8(q.level(of: priority))
        instruction.distribution = serviceTime.map { model.addSampler($0) } ?? -1
        model.program.append(instruction)
        // The job runs at depth 0 of a request of its own: its steps are inside the worker call.
        model.compile(then, depth: 1, stream: stream)
        if failureProbability > 0 {
            var failure = step(.jobFailure)
            failure.probability = failureProbability
            model.program.append(failure)
        }
        model.program[call].end = Int32(model.program.count)
        model.program.append(Instruction(operation: .return))
        model.program.append(Instruction(operation: .done))
        let retry = model.program.count
        var handler = step(.jobRetry)
        handler.end = Int32(attempt)
        model.program.append(handler)
        model.program[call].onError = Int32(retry)
        model.program[enqueueAt].end = Int32(model.program.count)
    }
}

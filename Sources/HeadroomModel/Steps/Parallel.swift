import HeadroomScenario

/// A parallel fan-out compiles to a fork of one child per branch, each branch's step followed
/// by `endBranch`, and a join that goes on once `need` of them (default all) have answered;
/// with `onFailure` `ignore` the join is tolerant (a failed branch counts as answered).
extension Parallel: CompilableStep {
    func compile(depth: Int, stream: Int32, into model: inout ModelCompiler) {
        let at = model.program.count
        let table = Int32(model.branchStarts.count)
        model.branchStarts.append(contentsOf: Array(repeating: -1, count: branches.count))
        model.program.append(Instruction(operation: .fork, target: table, count: Int32(branches.count)))
        for (b, branch) in branches.enumerated() {
            model.branchStarts[Int(table) + b] = Int32(model.program.count)
            // A branch is a request of its own: its calls start at depth 0 of its own stack.
            model.compile([branch], depth: 0, stream: stream)
            model.program.append(Instruction(operation: .endBranch))
        }
        model.program[at].end = Int32(model.program.count)
        var join = Instruction(operation: .join, count: Int32(need ?? branches.count))
        join.tolerant = onFailure == .ignore
        model.program.append(join)
    }
}

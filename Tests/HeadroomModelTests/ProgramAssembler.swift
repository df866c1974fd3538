@testable import HeadroomModel
import HeadroomEngine
import HeadroomScenario

/// Writes model programs by hand, for testing instructions no scenario step produces yet (forks,
/// joins, spawns, error handlers): a scenario supplies the components; `assemble` replaces its
/// one route with the instructions written here. Labels are resolved when the program is done.
struct ProgramAssembler {
    var model: ModelCompiler
    private var labels: [String: Int32] = [:]
    private var fixups: [(at: Int, label: String, field: WritableKeyPath<Instruction, Int32>)] = []

    init(_ scenario: Scenario, capacities: [String: Int] = [:]) {
        model = ModelCompiler(scenario, capacities: capacities)
        model.program = []
        model.branchStarts = []
        model.maxDepth = 4
    }

    var here: Int32 { Int32(model.program.count) }

    /// Marks the next instruction with `name`.
    mutating func label(_ name: String) { labels[name] = here }

    /// A synchronous call to component `id`: its body, then the return. `onError` names the
    /// label the caller continues at when the call fails.
    mutating func call(_ id: String, onError: String? = nil, body: (inout ProgramAssembler) -> Void = { _ in }) {
        guard let c = model.componentIndex[id], let target = model.callTargets[c] else { fatalError("no component \(id)") }
        let at = model.program.count
        switch target {
        case .pool(let p): model.program.append(Instruction(operation: .callPool, target: p))
        case .router(let r): model.program.append(Instruction(operation: .callRouter, target: r))
        }
        if let onError { fixups.append((at, onError, \.onError)) }
        body(&self)
        model.program[at].end = here
        model.program.append(Instruction(operation: .return))
    }

    /// A fork of one child per branch; the request goes on once `need` of them succeeded.
    mutating func fork(need: Int, tolerant: Bool = false, onError: String? = nil, _ branches: [(inout ProgramAssembler) -> Void]) {
        let at = model.program.count
        let table = Int32(model.branchStarts.count)
        model.branchStarts.append(contentsOf: Array(repeating: -1, count: branches.count))
        model.program.append(Instruction(operation: .fork, target: table, count: Int32(branches.count)))
        for (b, branch) in branches.enumerated() {
            model.branchStarts[Int(table) + b] = here
            branch(&self)
            model.program.append(Instruction(operation: .endBranch))
        }
        model.program[at].end = here
        var join = Instruction(operation: .join, count: Int32(need))
        join.tolerant = tolerant
        model.program.append(join)
        if let onError { fixups.append((model.program.count - 1, onError, \.onError)) }
    }

    /// Starts a detached job running `job`, and goes on.
    mutating func spawn(_ job: String) {
        fixups.append((model.program.count, job, \.end))
        model.program.append(Instruction(operation: .spawn))
    }

    /// The request is done.
    mutating func done() { model.program.append(Instruction(operation: .done)) }

    /// The compiled model with every label resolved; the scenario's one class starts at `entry`.
    mutating func finish(entry: String = "main") -> ModelCompiler {
        for fixup in fixups {
            guard let target = labels[fixup.label] else { fatalError("no label \(fixup.label)") }
            model.program[fixup.at][keyPath: fixup.field] = target
        }
        model.classEntries = [labels[entry] ?? 0]
        return model
    }
}

extension Build {
    /// Runs `scenario` with the program `write` assembles (starting at label "main").
    static func run(
        _ scenario: Scenario, changes: [TopologyChange] = [], capacities: [String: Int] = [:], maxInFlight: Int = 2_000_000,
        program write: (inout ProgramAssembler) -> Void
    ) -> RunMeasurements {
        var assembler = ProgramAssembler(scenario, capacities: capacities)
        write(&assembler)
        var compiled = assembler.finish()
        compiled.topologyChanges = changes
        do {
            let simulation = try Simulation(compiled: compiled, scenario: scenario, seed: nil, maxInFlight: maxInFlight)
            return simulation.run()
        } catch {
            fatalError("test scenario is invalid: \(error)")
        }
    }

    /// The index of component `id`'s pool in a compiled scenario.
    static func pool(_ id: String, in scenario: Scenario) -> Int {
        ModelCompiler(scenario).pool(ofComponentID: id) ?? -1
    }

    /// The index of the first instance of component `id`'s pool.
    static func firstInstance(_ id: String, in scenario: Scenario) -> Int {
        let model = ModelCompiler(scenario)
        return Int(model.pools[model.pool(ofComponentID: id) ?? 0].firstInstance)
    }
}

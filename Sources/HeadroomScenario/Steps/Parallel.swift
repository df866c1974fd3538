/// A parallel fan-out (JSON `{"parallel": [{"call": "users"}, {"call": "orders"}], "need": 2}`):
/// every branch starts at once, and the route goes on when `need` of them have answered — all
/// of them by default, the first k for a quorum read. Its latency is the slowest answer it needs.
/// One failed branch fails the step unless `onFailure` is `ignore`; branches it no longer needs
/// still run to the end (nothing cancels them).
public struct Parallel: StepSpec {
    /// `"parallel"`.
    public static let kind = StepKind.parallel

    /// What a failed branch does to the step.
    public enum OnFailure: String, Hashable, Sendable, CaseIterable {
        /// The step fails with the branch's error once too few branches can still succeed.
        case fail
        /// A failed branch counts as answered.
        case ignore
    }

    /// The branches: each one step (a call and its `then`, a read…), run at once.
    public var branches: [Step]
    /// How many must answer before the route goes on; nil is all of them.
    public var need: Int?
    /// What a failed branch does.
    public var onFailure: OnFailure

    public init(_ branches: [Step], need: Int? = nil, onFailure: OnFailure = .fail) {
        self.branches = branches
        self.need = need
        self.onFailure = onFailure
    }

    /// The most branches one step may have: each is a request in flight of its own.
    public static let maximumBranches = 1_000

    /// Its keys; the branches are nested steps, each checked like any other.
    public static var descriptor: StepDescriptor<Parallel> {
        StepDescriptor(
            description: "Branches run at once; the route goes on when enough of them (all, or need) have answered.",
            prototype: Parallel([]),
            fields: [
                branchesField,
                .optional(
                    "need", \.need, .integer(in: 1...maximumBranches), ifAbsent: "every branch",
                    "How many branches must answer before the route goes on (a quorum); at most the number of branches."
                ).checked { validation, parallel, path in
                    if let need = parallel.need, need > parallel.branches.count, !parallel.branches.isEmpty {
                        validation.report(path, "found \(need); expected at most the number of branches (\(parallel.branches.count))")
                    }
                },
                .defaulted(
                    "onFailure", \.onFailure, .choice(noun: "onFailure"), default: .fail,
                    "\"fail\": a failed branch fails the step once too few can still answer; \"ignore\": it counts as answered."),
            ])
    }

    /// `parallel`: the discriminator, so required and always written; at least one branch.
    static var branchesField: FieldDescriptor<Parallel> {
        let base = FieldDescriptor<Parallel>.steps("parallel", \.branches, "The branches, each one step, all started at once.")
        return FieldDescriptor(
            key: base.key, isRequired: true, schema: .object([
                ("description", "The branches, each one step, all started at once."), ("type", "array"),
                ("items", .object([("$ref", "#/$defs/step")])), ("minItems", 1), ("maxItems", .int(maximumBranches)),
            ]),
            read: base.read, encode: { .array($0.branches.map(ScenarioEncoder.encode)) },
            check: { validation, parallel, path in
                if parallel.branches.isEmpty {
                    validation.report(path, "found an empty array; expected at least one branch")
                } else if parallel.branches.count > maximumBranches {
                    validation.report(path, "found \(parallel.branches.count) branches; expected at most \(Wording.grouped(maximumBranches))")
                }
            },
            steps: base.steps)
    }
}

extension Step {
    /// A parallel fan-out step: `.parallel(Parallel([...], need: 2))`.
    public static func parallel(_ parallel: Parallel) -> Step { Step(parallel) }
}

/// A parallel fan-out in a Swift scenario: each step of `branches` is one branch.
///
/// ```swift
/// gateway.call {
///     parallel { users.call(); orders.call(); recommendations.call() }
/// }
/// ```
public func parallel(need: Int? = nil, onFailure: Parallel.OnFailure = .fail, @RouteBuilder branches: () -> [RouteStep]) -> RouteStep {
    let built = branches()
    return RouteStep(step: .parallel(Parallel(built.map(\.step), need: need, onFailure: onFailure)), references: built.flatMap(\.references))
}

/// Everything the scenario format says about one kind of route step, declared once in the step's
/// file (`Steps/<Step>.swift`): its keys (the discriminator among them) and which component's
/// worker it holds while its nested steps run. The reader, the validator, the encoder and the
/// JSON Schema derive from it, as they do for components from a ``KindDescriptor``.
public struct StepDescriptor<Spec: StepSpec> {
    /// One sentence about the step, for the JSON Schema.
    let description: String
    /// The step's keys and the value they are read into. The key named by the step's kind (its
    /// discriminator) is one of them, and required.
    let object: ObjectDescriptor<Spec>
    /// The component whose worker the step holds while its nested steps run (a call holds the
    /// component called), for the call-cycle check; nil when it holds none.
    let holds: KeyPath<Spec, String>?
    /// Checks that span several keys (an enqueue's priority must be one its queue declares).
    let checks: [CrossCheck<Spec>]
    /// True when the nested steps run in a request of their own (an enqueued job): the call-cycle
    /// check starts a new call path for them instead of continuing the caller's.
    let detached: Bool

    /// A step kind's declaration; see ``Call`` for an example.
    init(
        description: String, prototype: Spec, fields: [FieldDescriptor<Spec>], holds: KeyPath<Spec, String>? = nil,
        checks: [CrossCheck<Spec>] = [], detached: Bool = false
    ) {
        self.description = description
        self.object = ObjectDescriptor(prototype: prototype, fields: fields)
        self.holds = holds
        self.checks = checks
        self.detached = detached
    }
}

/// A ``StepDescriptor`` with its type erased.
struct AnyStepDescriptor {
    /// The step kind.
    let kind: StepKind
    /// One sentence about it, for the JSON Schema.
    let description: String
    /// Its keys (the discriminator among them), read, written and checked.
    let object: AnyObjectDescriptor<Step>
    /// The component whose worker a step holds while its nested steps run, if any.
    let holds: (Step) -> String?
    /// Checks every key's value and the cross-key rules; the path is the step's.
    let check: (inout Validation, Step, JSONPath) -> Void
    /// Whether its nested steps run in a request of their own.
    let detached: Bool

    /// The erased declaration of `type`.
    init<Spec: StepSpec>(_ type: Spec.Type) {
        let d = Spec.descriptor
        /// The value as `Spec`: the caller found this descriptor from the value's kind.
        func typed(_ spec: any StepSpec) -> Spec {
            guard let spec = spec as? Spec else {
                preconditionFailure("a \(Spec.kind) step descriptor was given a \(Swift.type(of: spec))")
            }
            return spec
        }
        kind = Spec.kind
        description = d.description
        let object = AnyObjectDescriptor(d.object, erase: { Step($0) }, typed: { typed($0.spec) })
        self.object = object
        holds = { step in d.holds.map { typed(step.spec)[keyPath: $0] } }
        check = { validation, step, path in
            object.check(&validation, step, path)
            for check in d.checks { check.run(&validation, typed(step.spec), path) }
        }
        detached = d.detached
    }

    /// The discriminator key: the kind's raw value.
    var discriminator: String { kind.rawValue }
}

/// Everything the scenario format says about one component kind, declared once in the kind's
/// file (`Kinds/<Kind>.swift`): its keys with their types, ranges, defaults and descriptions, the
/// prices it can be charged, its one-sentence summary, the checks that span several keys, the
/// components it refers to and what a call to it holds.
///
/// The reader, the validator's per-kind checks, the encoder, the JSON Schema, `headroom
/// validate`'s sentences and the pricing diagnostics all derive from it. Outside this module it
/// is opaque: kinds are declared here and registered in ``ComponentKind``.
public struct KindDescriptor<Spec: ComponentSpec> {
    /// The kind in running text: "service", "load balancer", "external API".
    let noun: String
    /// One sentence about the kind, for the JSON Schema.
    let description: String
    /// The kind's own keys (besides `id`, `kind` and `pricing`) and the value they are read into.
    let object: ObjectDescriptor<Spec>
    /// The prices the kind can be charged, in documentation order; none means no `pricing` key.
    let pricing: [Pricing.Key]
    /// Checks that span several keys (an external API's `burst` needs its `rateLimit`).
    let checks: [CrossCheck<Spec>]
    /// The ids of the components it refers to (a balancer's backends), in order.
    let references: (Spec) -> [String]
    /// What a synchronous call to it holds while the call's `then` runs, when not its own worker.
    let callHolds: CallHolds<Spec>?
    /// Whether a route step may call it. Kinds that act on other components rather than answer
    /// calls (a queue is enqueued to; an autoscaler, a crash schedule, a circuit breaker act on
    /// their own) are not callable.
    let callable: Bool
    /// One sentence saying what a component of the kind is, for `headroom validate`.
    let summary: (Spec) -> String

    /// A kind's declaration; see the kind files for examples.
    init(
        noun: String, description: String, prototype: Spec, fields: [FieldDescriptor<Spec>], pricing: [Pricing.Key],
        checks: [CrossCheck<Spec>] = [], references: @escaping (Spec) -> [String] = { _ in [] }, callHolds: CallHolds<Spec>? = nil,
        callable: Bool = true, summary: @escaping (Spec) -> String
    ) {
        self.noun = noun
        self.description = description
        self.object = ObjectDescriptor(prototype: prototype, fields: fields)
        self.pricing = pricing
        self.checks = checks
        self.references = references
        self.callHolds = callHolds
        self.callable = callable
        self.summary = summary
    }
}

/// A check of a kind that spans several of its keys.
struct CrossCheck<Spec> {
    /// Reports what is wrong with a value at a component's path.
    let run: (inout Validation, Spec, JSONPath) -> Void

    /// `key` may only be given together with `other`: "a burst needs a rateLimit; expected "rateLimit" beside it".
    static func needs<A, B>(_ key: String, _ value: KeyPath<Spec, A?>, _ other: String, _ otherValue: KeyPath<Spec, B?>) -> CrossCheck {
        CrossCheck { validation, spec, path in
            if spec[keyPath: value] != nil && spec[keyPath: otherValue] == nil {
                validation.report(path.key(key), "a \(key) needs a \(other); expected \(JSONWriter.quoted(other)) beside it")
            }
        }
    }
}

/// What a synchronous call to a component holds while the call's `then` runs, when that is not
/// the component's own worker: a load balancer holds a worker of whichever backend it picked, so
/// for the call-cycle check it holds all of them.
struct CallHolds<Spec> {
    /// What each held component is to this one ("backend"), for the cycle message.
    let role: String
    /// The held components' ids.
    let components: (Spec) -> [String]
}

/// A ``KindDescriptor`` with its type erased, so the reader, validator, encoder and schema can
/// treat every kind alike. Made from a kind's type: ``ComponentKind/descriptor`` (reading a
/// kind name) or ``Component/descriptor`` (a component's value).
struct AnyKindDescriptor {
    /// The kind.
    let kind: ComponentKind
    /// The kind in running text: "load balancer".
    let noun: String
    /// One sentence about the kind, for the JSON Schema.
    let description: String
    /// Its own keys (besides `id`, `kind` and `pricing`), read, written and checked.
    let object: AnyObjectDescriptor<any ComponentSpec>
    /// The prices it can be charged.
    let pricing: [Pricing.Key]
    /// Checks its keys' values and its cross-key rules; the path is the component's.
    let check: (inout Validation, any ComponentSpec, JSONPath) -> Void
    /// Its one-sentence summary.
    let summary: (any ComponentSpec) -> String
    /// The ids it refers to.
    let references: (any ComponentSpec) -> [String]
    /// What a call to it holds instead of its own worker: the role and the components, or nil.
    let callHolds: (any ComponentSpec) -> (role: String, components: [String])?
    /// Whether a route step may call it.
    let callable: Bool

    /// The erased declaration of `type`.
    init<Spec: ComponentSpec>(_ type: Spec.Type) {
        let d = Spec.descriptor
        /// The value as `Spec`: the caller found this descriptor from the value's kind.
        func typed(_ spec: any ComponentSpec) -> Spec {
            guard let spec = spec as? Spec else {
                preconditionFailure("a \(Spec.kind) descriptor was given a \(Swift.type(of: spec))")
            }
            return spec
        }
        kind = Spec.kind
        noun = d.noun
        description = d.description
        object = AnyObjectDescriptor(d.object, erase: { $0 }, typed: typed)
        pricing = d.pricing
        check = { validation, spec, path in
            let spec = typed(spec)
            d.object.check(&validation, spec, at: path)
            for check in d.checks { check.run(&validation, spec, path) }
        }
        summary = { d.summary(typed($0)) }
        references = { d.references(typed($0)) }
        callHolds = { spec in d.callHolds.map { ($0.role, $0.components(typed(spec))) } }
        callable = d.callable
    }

    /// The noun with its article: "a service", "an external API".
    var nounWithArticle: String { Wording.withArticle(noun) }

    /// The keys a component of this kind takes: `id`, `kind`, `pricing` when it has prices, its own.
    var componentKeys: [String] { ["id", "kind"] + (pricing.isEmpty ? [] : ["pricing"]) + object.keys }
}

extension ComponentSpec {
    /// This value's kind declaration, type-erased.
    var kindDescriptor: AnyKindDescriptor { AnyKindDescriptor(Self.self) }
}

extension Component {
    /// The declaration of this component's kind.
    var descriptor: AnyKindDescriptor { spec.kindDescriptor }
}

/// The resilience settings of a call step: its retries (with a backoff and an optional retry
/// budget) and client-side throttling. Each is a small object in the step (`"retry": {...}`).

/// Retries of a failed call (JSON `"retry": {"attempts": 4, "backoff": "fullJitter", ...}`).
///
/// A call that ends in one of the `on` errors is made again after a backoff, up to `attempts`
/// attempts in all. Before retry r (r = 1, 2, …) the request waits `base` (constant),
/// min(`cap`, `base`·2^(r−1)) (exponential), or a uniform draw in [0, min(`cap`, `base`·2^(r−1))]
/// (full jitter, as in the AWS architecture blog's "Exponential Backoff And Jitter").
public struct Retry: Hashable, Sendable {
    /// How the wait before a retry grows.
    public enum Backoff: String, Hashable, Sendable, CaseIterable {
        /// `base` every time.
        case constant
        /// `base`, 2·`base`, 4·`base`, … up to `cap`.
        case exponential
        /// Uniform in [0, the exponential wait]: retries of many clients spread out.
        case fullJitter
    }

    /// Attempts in all, the first included.
    public var attempts: Int
    /// The errors that are retried; others fail the step at once.
    public var on: [ErrorCause]
    /// How the wait grows.
    public var backoff: Backoff
    /// The first wait (constant: every wait).
    public var base: TimeSpan
    /// The longest wait.
    public var cap: TimeSpan
    /// A retry budget limiting retries to a share of requests plus a minimum rate; nil: none.
    public var budget: RetryBudget?

    /// The errors retried when `on` is left out: all but a rate limit's 429 and an open breaker,
    /// which ask the client to back off rather than try again at once.
    public static let defaultCauses: [ErrorCause] = [.timeout, .rejected, .failed, .crashed, .shed]

    public init(
        attempts: Int = 3, on: [ErrorCause] = Retry.defaultCauses, backoff: Backoff = .exponential, base: TimeSpan = .milliseconds(100),
        cap: TimeSpan = .seconds(10), budget: RetryBudget? = nil
    ) {
        self.attempts = attempts
        self.on = on
        self.backoff = backoff
        self.base = base
        self.cap = cap
        self.budget = budget
    }

    /// Attempts a step may make: a hundred is far past any sensible policy.
    public static let attemptLimits = 2...100

    /// The retry object's keys.
    static var object: ObjectDescriptor<Retry> {
        ObjectDescriptor(
            prototype: Retry(),
            fields: [
                .defaulted(
                    "attempts", \.attempts, .integer(in: attemptLimits), default: 3, alwaysWritten: true,
                    "Attempts in all, the first included."),
                .defaulted("on", \.on, causesFormat, default: defaultCauses, "The errors that are retried; others fail the step at once."),
                .defaulted(
                    "backoff", \.backoff, .choice(noun: "backoff"), default: .exponential,
                    "How the wait before a retry grows: constant (base), exponential (base·2^(r−1) up to cap) or fullJitter (uniform in [0, that])."),
                .defaulted("base", \.base, .duration(positive: false), default: .milliseconds(100), "The first wait; ≥ 0."),
                .defaulted("cap", \.cap, .duration(positive: true), default: .seconds(10), "The longest wait; at least base."),
                .optional(
                    "budget", \.budget, .section(RetryBudget.object, expected: RetryBudget.expected), ifAbsent: "no retry budget",
                    "A retry budget: retries limited to a share of the requests plus a minimum rate, over a sliding window (Finagle)."),
            ])
    }

    /// The retry object: its keys, and a cap no shorter than the base.
    static var format: ValueFormat<Retry> {
        ValueFormat.section(object, expected: expected) { validation, retry, path in
            if retry.cap.seconds > 0, retry.base.seconds >= 0, retry.cap < retry.base {
                validation.report(
                    path.key("cap"), "found \(Wording.duration(retry.cap)); expected a duration of at least base (\(Wording.duration(retry.base)))")
            }
        }
    }

    /// `{"attempts": 3}`.
    static let expected = "a retry policy such as {\"attempts\": 3, \"backoff\": \"fullJitter\"}"

    /// The error causes retried: names of ``ErrorCause``, at least one.
    static var causesFormat: ValueFormat<[ErrorCause]> {
        let names = ErrorCause.allCases.map(\.name)
        let expected = "an array of error causes such as [\"timeout\", \"rejected\"]"
        return ValueFormat(
            expected: expected,
            schema: [("type", "array"), ("items", .object([("enum", .array(names.map(JSONValue.string)))])), ("minItems", 1)],
            read: { reader, value, path in
                reader.readArray(value, at: path, expected: expected) { reader, value, path in
                    reader.readChoice(value, at: path, noun: "error cause", names: names).flatMap(ErrorCause.init(name:))
                }
            },
            encode: { .array($0.map { .string($0.name) }) },
            check: { validation, causes, path in
                if causes.isEmpty { validation.report(path, "found an empty array; expected at least one error cause") }
            })
    }

    /// The wait before retry `r` (1 for the first retry) in seconds; `uniform` is a draw in [0, 1)
    /// used by full jitter.
    public func wait(beforeRetry r: Int, uniform: Double) -> Double {
        let exponential = min(cap.seconds, base.seconds * Double(1 << min(max(r - 1, 0), 62)))
        switch backoff {
        case .constant: return min(cap.seconds, base.seconds)
        case .exponential: return exponential
        case .fullJitter: return uniform * exponential
        }
    }
}

/// A retry budget (JSON `"budget": {"percent": 20, "minPerSecond": 10, "window": "10s"}`), as in
/// Finagle's `RetryBudget`: over the last `window`, retries may number at most `percent` % of the
/// first attempts plus `minPerSecond` × the window. A retry beyond the budget is not made: the
/// step fails with the error it got.
public struct RetryBudget: Hashable, Sendable {
    /// Retries allowed per hundred first attempts.
    public var percent: Double
    /// Retries allowed per second whatever the traffic, so a quiet client can still retry.
    public var minPerSecond: Double
    /// The sliding window the counts cover.
    public var window: TimeSpan

    public init(percent: Double = 20, minPerSecond: Double = 10, window: TimeSpan = .seconds(10)) {
        self.percent = percent
        self.minPerSecond = minPerSecond
        self.window = window
    }

    static let expected = "a retry budget such as {\"percent\": 20, \"minPerSecond\": 10}"

    /// The budget object's keys.
    static var object: ObjectDescriptor<RetryBudget> {
        ObjectDescriptor(
            prototype: RetryBudget(),
            fields: [
                .defaulted(
                    "percent", \.percent,
                    .number(NumberBounds(lower: .inclusive(0), upper: .inclusive(1_000)), expected: "a percentage from 0 to 1,000"),
                    default: 20, "Retries allowed per hundred first attempts in the window."),
                .defaulted(
                    "minPerSecond", \.minPerSecond,
                    .number(NumberBounds(lower: .inclusive(0), upper: .inclusive(1e9)), expected: "a number of retries per second from 0 to 1,000,000,000"),
                    default: 10, "Retries allowed per second whatever the traffic."),
                .defaulted("window", \.window, .duration(positive: true), default: .seconds(10), "The sliding window the counts cover; > 0."),
            ])
    }

    /// Whether one more retry fits: `retries` already made and `requests` first attempts in the window.
    public func allows(retries: Int, requests: Int) -> Bool {
        Double(retries + 1) <= minPerSecond * window.seconds + percent / 100 * Double(requests) + 1e-9
    }
}

/// Client-side adaptive throttling (JSON `"throttling": {"k": 2, "window": "2m"}`), from the
/// Google SRE book ("Handling Overload"): the client counts, over the last `window`, the
/// attempts it made (`requests`) and those that succeeded (`accepts`), and rejects a new attempt
/// locally, without sending it, with probability max(0, (requests − k·accepts) / (requests + 1)).
/// A locally rejected attempt fails with cause `rejected` and is not retried.
public struct Throttling: Hashable, Sendable {
    /// The multiplier: the client lets through up to k times what the backend accepts.
    public var k: Double
    /// The sliding window the counts cover.
    public var window: TimeSpan

    public init(k: Double = 2, window: TimeSpan = .minutes(2)) {
        self.k = k
        self.window = window
    }

    static let expected = "a throttling policy such as {\"k\": 2, \"window\": \"2m\"}"

    /// The throttling object's keys.
    static var object: ObjectDescriptor<Throttling> {
        ObjectDescriptor(
            prototype: Throttling(),
            fields: [
                .defaulted(
                    "k", \.k, .number(NumberBounds(lower: .inclusive(1), upper: .inclusive(1_000)), expected: "a multiplier from 1 to 1,000"),
                    default: 2, "The multiplier K: up to K times what the backend accepts is sent (the SRE book uses 2)."),
                .defaulted("window", \.window, .duration(positive: true), default: .minutes(2), "The sliding window the counts cover; > 0."),
            ])
    }

    /// The probability that the next attempt is rejected locally: max(0, (requests − k·accepts) / (requests + 1)).
    public static func rejectProbability(requests: Double, accepts: Double, k: Double) -> Double {
        max(0, (requests - k * accepts) / (requests + 1))
    }
}

extension ValueFormat {
    /// A small object of the format with its own keys (a retry policy): read strictly, written
    /// without its defaults, checked key by key, and described in the JSON Schema.
    static func section(_ object: ObjectDescriptor<Value>, expected: String) -> ValueFormat {
        ValueFormat(
            expected: expected,
            schema: [
                ("type", "object"), ("properties", .object(object.properties)),
                ("required", .array(object.requiredKeys.map(JSONValue.string))), ("additionalProperties", false),
            ],
            read: { reader, value, path in
                guard let f = reader.fields(value, at: path, expected: expected, allowed: object.keys, required: object.requiredKeys) else {
                    return nil
                }
                return object.read(&reader, f)
            },
            encode: { .object(object.encode($0)) },
            check: { validation, value, path in object.check(&validation, value, at: path) })
    }

    /// A section whose keys are checked one by one and then together by `alsoCheck` (a retry's
    /// cap no shorter than its base, a health check's timeout shorter than its interval).
    static func section(
        _ object: ObjectDescriptor<Value>, expected: String, alsoCheck: @escaping (inout Validation, Value, JSONPath) -> Void
    ) -> ValueFormat {
        let section = ValueFormat.section(object, expected: expected)
        return ValueFormat(
            expected: section.expected, schema: section.schema, read: section.read, encode: section.encode,
            check: { validation, value, path in
                section.check(&validation, value, path)
                alsoCheck(&validation, value, path)
            })
    }
}

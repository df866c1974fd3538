/// A serverless function (JSON `"kind": "function"`; AWS Lambda, Cloud Functions): each
/// invocation runs in a container; containers are created on demand (a cold start), kept warm
/// while used, and reclaimed after sitting idle. Invocations beyond the concurrency limit are
/// throttled (rejected).
public struct ServerlessFunction: ComponentSpec {
    /// `"function"`.
    public static let kind = ComponentKind.function

    /// Execution time of one invocation, cold start excluded.
    public var serviceTime: DistributionSpec
    /// Most invocations running at once; one more is throttled.
    public var concurrencyLimit: Int
    /// Extra latency of an invocation that needs a new container; nil means no cold starts.
    public var coldStart: DistributionSpec?
    /// How long an idle container stays warm before it is reclaimed.
    public var idleTimeout: TimeSpan
    /// Memory size in MB: GB-second pricing is memory × billed duration.
    public var memoryMB: Int
    /// Longest time an invocation may take before its caller gives up, like a pool's timeout.
    public var timeout: TimeSpan?

    public init(
        serviceTime: DistributionSpec, concurrencyLimit: Int = 1_000, coldStart: DistributionSpec? = nil,
        idleTimeout: TimeSpan = .minutes(10), memoryMB: Int = 128, timeout: TimeSpan? = nil
    ) {
        self.serviceTime = serviceTime
        self.concurrencyLimit = concurrencyLimit
        self.coldStart = coldStart
        self.idleTimeout = idleTimeout
        self.memoryMB = memoryMB
        self.timeout = timeout
    }

    /// Invocations running at once: up to a million, the largest concurrency any provider sells
    /// many times over; the simulator keeps one counter per running container.
    public static let concurrencyLimits = 1...1_000_000
    /// Memory sizes in MB: up to 64 GiB, above every provider's largest function today.
    public static let memoryLimits = 1...65_536

    /// Its keys; charged per million invocations and per GB-second.
    public static var descriptor: KindDescriptor<ServerlessFunction> {
        KindDescriptor(
            noun: "function",
            description: "A serverless function: containers on demand, cold starts, a concurrency limit, pay per use.",
            prototype: ServerlessFunction(serviceTime: .constant(.zero)),
            fields: [
                .required("serviceTime", \.serviceTime, .distribution, "Execution time of one invocation, cold start excluded."),
                .defaulted(
                    "concurrencyLimit", \.concurrencyLimit, .integer(in: concurrencyLimits), default: 1_000, alwaysWritten: true,
                    "Most invocations running at once; one more is throttled."),
                .optional(
                    "coldStart", \.coldStart, .distribution, ifAbsent: "no cold starts",
                    "Extra latency of an invocation that needs a new container."),
                .defaulted(
                    "idleTimeout", \.idleTimeout, .duration(positive: true), default: .minutes(10), alwaysWritten: true,
                    "How long an idle container stays warm; > 0."),
                .defaulted(
                    "memoryMB", \.memoryMB, .integer(in: memoryLimits, unit: "MB"), default: 128, alwaysWritten: true,
                    "Memory in MB, for GB-second pricing."),
                .optional(
                    "timeout", \.timeout, .duration(positive: true), ifAbsent: "no timeout",
                    "The longest an invocation may take before its caller gives up; > 0."),
            ],
            pricing: [.perMillionRequests, .gbSecond],
            summary: \.summary)
    }

    /// "function, up to 200 concurrent, lognormal execution time mean 40 ms cv 0.8, cold start …, idle 10 min, 512 MB".
    var summary: String {
        var parts = ["function, up to \(concurrencyLimit) concurrent", serviceTime.summary(of: "execution time")]
        parts.append(coldStart.map { $0.summary(of: "cold start") } ?? "no cold starts")
        parts.append("warm for \(idleTimeout.humanReadable) when idle")
        parts.append("\(memoryMB) MB")
        if let timeout { parts.append("timeout \(timeout.humanReadable)") }
        return parts.joined(separator: ", ")
    }
}

/// A serverless function in a Swift scenario (JSON `"kind": "function"`); see ``ServerlessFunction`` for every parameter.
public struct Function: ComponentDeclaration, Hashable, Sendable {
    /// The component declared.
    public let component: Component

    /// A function whose invocations take `serviceTime`, with at most `concurrencyLimit` at once.
    public init(
        _ id: String, serviceTime: DistributionSpec, concurrencyLimit: Int = 1_000, coldStart: DistributionSpec? = nil,
        idleTimeout: TimeSpan = .minutes(10), memoryMB: Int = 128, timeout: TimeSpan? = nil, pricing: Pricing? = nil
    ) {
        let function = ServerlessFunction(
            serviceTime: serviceTime, concurrencyLimit: concurrencyLimit, coldStart: coldStart, idleTimeout: idleTimeout,
            memoryMB: memoryMB, timeout: timeout)
        component = Component(id: id, function, pricing: pricing)
    }
}

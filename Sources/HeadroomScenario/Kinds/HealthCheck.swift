/// A load balancer's active health checks (JSON `"healthCheck": {"interval": "10s", ...}` in a
/// `loadBalancer`), as AWS's Elastic Load Balancing and nginx do them.
///
/// The balancer checks every instance of its backends every `interval`. A check of an instance
/// that is up succeeds; a check of one that is down or booting fails — at once when a crashed
/// instance refuses connections, after `timeout` when it hangs (a crash with `whileDown: hang`).
/// After `unhealthyThreshold` failed checks in a row the balancer takes the instance out of
/// rotation; after `healthyThreshold` successful checks in a row it puts it back (a new or
/// restarted instance, too, takes traffic only once it has passed them). Until the balancer
/// notices a crash, the calls it sends to the dead instance fail (`crashed`) or hang.
///
/// The defaults are those of an AWS Application Load Balancer target group: 30 s, 5 s, 2 and 5.
public struct HealthCheck: Hashable, Sendable {
    /// Time between two checks of one instance.
    public var interval: TimeSpan
    /// How long a check waits for an answer before it counts as failed.
    public var timeout: TimeSpan
    /// Failed checks in a row that take an instance out of rotation.
    public var unhealthyThreshold: Int
    /// Successful checks in a row that put it back.
    public var healthyThreshold: Int

    public init(interval: TimeSpan = .seconds(30), timeout: TimeSpan = .seconds(5), unhealthyThreshold: Int = 2, healthyThreshold: Int = 5) {
        self.interval = interval
        self.timeout = timeout
        self.unhealthyThreshold = unhealthyThreshold
        self.healthyThreshold = healthyThreshold
    }

    /// Thresholds: AWS allows 2 to 10; one check is allowed too (a balancer that reacts at once).
    public static let thresholdLimits = 1...10

    static let expected = "a health check such as {\"interval\": \"10s\", \"unhealthyThreshold\": 3}"

    /// The health check object's keys.
    static var object: ObjectDescriptor<HealthCheck> {
        ObjectDescriptor(
            prototype: HealthCheck(),
            fields: [
                .defaulted(
                    "interval", \.interval, .duration(positive: true), default: .seconds(30), alwaysWritten: true,
                    "Time between two checks of one instance; > 0."),
                .defaulted(
                    "timeout", \.timeout, .duration(positive: true), default: .seconds(5),
                    "How long a check of a hanging instance waits before it counts as failed; > 0 and shorter than interval."),
                .defaulted(
                    "unhealthyThreshold", \.unhealthyThreshold, .integer(in: thresholdLimits), default: 2,
                    "Failed checks in a row that take an instance out of rotation; 1 to 10."),
                .defaulted(
                    "healthyThreshold", \.healthyThreshold, .integer(in: thresholdLimits), default: 5,
                    "Successful checks in a row that put an instance (new, restarted or recovered) in rotation; 1 to 10."),
            ])
    }

    /// The health check object: its keys, and a timeout shorter than the interval (a check must
    /// end before the next one starts).
    static var format: ValueFormat<HealthCheck> {
        ValueFormat.section(object, expected: expected) { validation, check, path in
            if check.interval.seconds > 0, check.timeout.seconds > 0, check.timeout >= check.interval {
                validation.report(
                    path.key("timeout"),
                    "found \(Wording.duration(check.timeout)); expected a duration shorter than interval (\(Wording.duration(check.interval)))")
            }
        }
    }

    /// The longest time from a crash until the balancer takes the instance out of rotation:
    /// the crash may come just after a check, so `unhealthyThreshold` whole intervals, plus the
    /// last check's timeout when the instance hangs. The shortest is one interval less; crashes
    /// at random times wait (threshold − ½) intervals (+ timeout) on average.
    public func detectionBound(hangs: Bool) -> (shortest: Double, mean: Double, longest: Double) {
        let n = Double(unhealthyThreshold), i = interval.seconds, t = hangs ? timeout.seconds : 0
        return ((n - 1) * i + t, (n - 0.5) * i + t, n * i + t)
    }

    /// "health checks every 10 s (timeout 2 s, out after 3 failures, back after 2 successes)".
    var summary: String {
        "health checks every \(interval.humanReadable) (timeout \(timeout.humanReadable), out after \(Wording.count(unhealthyThreshold, "failure")), back after \(Wording.count(healthyThreshold, "success", plural: "successes")))"
    }
}

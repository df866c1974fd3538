/// What a component costs, in US dollars. Which prices apply depends on the kind (its
/// descriptor lists them): pools and load balancers are paid per instance-hour, functions per
/// request and per GB-second, external APIs per call, load balancers also per GB of traffic,
/// databases also per GB-month of storage.
public struct Pricing: Hashable, Sendable {
    /// Dollars per instance per hour (pools, databases, a load balancer's hourly charge).
    public var instanceHour: Double?
    /// Dollars per million invocations (functions).
    public var perMillionRequests: Double?
    /// Dollars per GB-second of memory × billed duration (functions).
    public var gbSecond: Double?
    /// Dollars per call (external APIs).
    public var perCall: Double?
    /// Dollars per GB of responses passing through (load balancers).
    public var egressGB: Double?
    /// Dollars per GB-month of storage (databases).
    public var storageGBMonth: Double?
    /// GB stored (databases), billed at `storageGBMonth`.
    public var storageGB: Double?

    public init(
        instanceHour: Double? = nil, perMillionRequests: Double? = nil, gbSecond: Double? = nil, perCall: Double? = nil,
        egressGB: Double? = nil, storageGBMonth: Double? = nil, storageGB: Double? = nil
    ) {
        self.instanceHour = instanceHour
        self.perMillionRequests = perMillionRequests
        self.gbSecond = gbSecond
        self.perCall = perCall
        self.egressGB = egressGB
        self.storageGBMonth = storageGBMonth
        self.storageGB = storageGB
    }

    /// One price: its JSON key (the raw value) and the property holding it.
    public enum Key: String, CaseIterable, Hashable, Sendable {
        /// ``Pricing/instanceHour``.
        case instanceHour
        /// ``Pricing/perMillionRequests``.
        case perMillionRequests
        /// ``Pricing/gbSecond``.
        case gbSecond
        /// ``Pricing/perCall``.
        case perCall
        /// ``Pricing/egressGB``.
        case egressGB
        /// ``Pricing/storageGBMonth``.
        case storageGBMonth
        /// ``Pricing/storageGB``.
        case storageGB

        /// The property of ``Pricing`` holding this price.
        public var keyPath: WritableKeyPath<Pricing, Double?> {
            switch self {
            case .instanceHour: \.instanceHour
            case .perMillionRequests: \.perMillionRequests
            case .gbSecond: \.gbSecond
            case .perCall: \.perCall
            case .egressGB: \.egressGB
            case .storageGBMonth: \.storageGBMonth
            case .storageGB: \.storageGB
            }
        }

        /// What a valid value is, as diagnostics say it.
        var expected: String { self == .storageGB ? "a number of GB >= 0" : "a price in dollars >= 0" }

        /// What the price is, for the JSON Schema.
        var description: String {
            switch self {
            case .instanceHour: "Dollars per instance per hour."
            case .perMillionRequests: "Dollars per million invocations."
            case .gbSecond: "Dollars per GB-second of memory × billed duration."
            case .perCall: "Dollars per call."
            case .egressGB: "Dollars per GB of responses passing through."
            case .storageGBMonth: "Dollars per GB stored per month; with storageGB."
            case .storageGB: "GB stored; with storageGBMonth."
            }
        }
    }

    /// The price of `key`.
    public subscript(key: Key) -> Double? {
        get { self[keyPath: key.keyPath] }
        set { self[keyPath: key.keyPath] = newValue }
    }

    /// The prices that are set, in documentation order.
    public var entries: [(key: Key, value: Double)] {
        Key.allCases.compactMap { key in self[key].map { (key, $0) } }
    }
}

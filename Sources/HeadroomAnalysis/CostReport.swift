import HeadroomModel
import HeadroomScenario

/// What the architecture costs, from the component prices and what the run measured.
///
/// Usage-priced items (instance-hours, invocations, GB-seconds, calls, egress) are measured
/// over the window and extrapolated to an hour and a 30-day month at the same rate; storage is
/// priced per month and prorated to the window. Prices are in US dollars.
public struct CostReport: Sendable, Equatable {
    /// Hours in the month the extrapolation uses (30 days).
    public static let hoursPerMonth = 720.0

    /// Dollars over the measured window.
    public var windowDollars: Double
    /// Dollars per hour at the window's rate.
    public var perHourDollars: Double
    /// Dollars per 30-day month at the window's rate.
    public var perMonthDollars: Double
    /// Dollars per million completed requests; nil when nothing completed.
    public var perMillionSuccessfulDollars: Double?
    /// Per component with any price, in declaration order.
    public var components: [ComponentCost]

    /// The cost of one component.
    public struct ComponentCost: Sendable, Equatable {
        public var id: String
        public var windowDollars: Double
        public var perMonthDollars: Double
        /// One line per price that applies.
        public var items: [Item]
    }

    /// One priced quantity: `quantity` `unit` at `unitPrice` dollars each.
    public struct Item: Sendable, Equatable {
        /// The price's key in the scenario (`instanceHour`, `gbSecond`, …).
        public var price: String
        public var quantity: Double
        public var unit: String
        public var unitPrice: Double
        public var windowDollars: Double
    }

    /// Prices `scenario`'s components against `m`.
    public init(_ m: RunMeasurements, scenario: Scenario, completed: Int) {
        let window = m.measuredSeconds
        let monthFraction = window / (Self.hoursPerMonth * 3_600)
        var components: [ComponentCost] = []
        for (component, measured) in zip(scenario.components, m.components) {
            guard let pricing = component.pricing else { continue }
            var items: [Item] = []
            func add(_ key: String, _ price: Double?, _ quantity: Double, _ unit: String) {
                guard let price else { return }
                items.append(Item(price: key, quantity: quantity, unit: unit, unitPrice: price, windowDollars: price * quantity))
            }
            add("instanceHour", pricing.instanceHour, measured.instanceSeconds / 3_600, "instance-hours")
            // A function invocation is billed once it gets a container; its GB-seconds are the
            // memory times the time it held the container (cold start included).
            add("perMillionRequests", pricing.perMillionRequests, Double(measured.waitCount) / 1e6, "million requests")
            if let function = component.spec(as: ServerlessFunction.self) {
                add("gbSecond", pricing.gbSecond, Double(function.memoryMB) / 1_024 * measured.busyWorkerSeconds, "GB-seconds")
            }
            add("perCall", pricing.perCall, Double(measured.waitCount), "calls")
            add("egressGB", pricing.egressGB, measured.kilobytes / 1e6, "GB")
            if let gb = pricing.storageGB, let perMonth = pricing.storageGBMonth {
                add("storageGBMonth", perMonth, gb * monthFraction, "GB-months")
            }
            let dollars = items.reduce(0) { $0 + $1.windowDollars }
            components.append(ComponentCost(
                id: component.id, windowDollars: dollars, perMonthDollars: window > 0 ? dollars / monthFraction : 0, items: items))
        }
        self.components = components
        windowDollars = components.reduce(0) { $0 + $1.windowDollars }
        perHourDollars = window > 0 ? windowDollars * 3_600 / window : 0
        perMonthDollars = perHourDollars * Self.hoursPerMonth
        perMillionSuccessfulDollars = completed > 0 ? windowDollars / Double(completed) * 1e6 : nil
    }
}

/// Checks of the kinds and blocks that carry prices and objectives: functions, external APIs,
/// pricing and the SLA.
extension Validation {
    mutating func checkFunction(_ function: ServerlessFunction, at path: JSONPath) {
        check(function.serviceTime, at: path.key("serviceTime"))
        if function.concurrencyLimit < 1 {
            report(path.key("concurrencyLimit"), "found \(function.concurrencyLimit); expected an integer >= 1")
        }
        if let coldStart = function.coldStart { check(coldStart, at: path.key("coldStart")) }
        check(function.idleTimeout, at: path.key("idleTimeout"), positive: true)
        if function.memoryMB < 1 { report(path.key("memoryMB"), "found \(function.memoryMB); expected an integer number of MB >= 1") }
        if let timeout = function.timeout { check(timeout, at: path.key("timeout"), positive: true) }
    }

    mutating func checkExternalAPI(_ api: ExternalAPI, at path: JSONPath) {
        check(api.latency, at: path.key("latency"))
        if let rate = api.rateLimit {
            check(rate, at: path.key("rateLimit"), greaterThan: 0, expected: "a number of calls per second > 0")
        }
        if let burst = api.burst, burst < 1 { report(path.key("burst"), "found \(burst); expected an integer >= 1") }
        if api.burst != nil && api.rateLimit == nil {
            report(path.key("burst"), "a burst needs a rateLimit; expected \"rateLimit\" beside it")
        }
        if let timeout = api.timeout { check(timeout, at: path.key("timeout"), positive: true) }
    }

    mutating func checkPricing(_ pricing: Pricing, kind: String, at path: JSONPath) {
        let allowed = Pricing.keys(for: kind)
        for (key, value) in pricing.entries {
            if !allowed.contains(key) {
                report(path.key(key), "a \(kind) is not charged by \(JSONWriter.quoted(key)); expected one of \(Wording.quotedList(allowed))")
            } else if !(value.isFinite && value >= 0) {
                report(path.key(key), "found \(Wording.number(value)); expected \(key == "storageGB" ? "a number of GB >= 0" : "a price in dollars >= 0")")
            }
        }
        if (pricing.storageGB == nil) != (pricing.storageGBMonth == nil) {
            let missing = pricing.storageGB == nil ? "storageGB" : "storageGBMonth"
            report(path, "storage is priced by \"storageGB\" and \"storageGBMonth\" together; expected \(JSONWriter.quoted(missing)) too")
        }
    }

    mutating func checkSLA() {
        for (i, route) in scenario.routes.enumerated() where !(route.responseKB.isFinite && route.responseKB >= 0) {
            report(JSONPath.root.key("routes").index(i).key("responseKB"), "found \(Wording.number(route.responseKB)); expected a response size in kilobytes >= 0")
        }
        guard let sla = scenario.sla else { return }
        let path = JSONPath.root.key("sla").key("objectives")
        let classes = scenario.routes.map(\.requestClass)
        for (i, objective) in sla.objectives.enumerated() {
            let oPath = path.index(i)
            switch objective.kind {
            case .latency(let p, let max):
                if !(p > 0 && p < 100) {
                    report(oPath.key("percentile"), "found \(Wording.number(p)); expected a percentile between 0 and 100, such as 95 or 99.9")
                }
                check(max, at: oPath.key("max"), positive: true)
            case .availability(let v), .successRate(let v):
                checkPercent(v, at: oPath.key("min"))
            case .errorRate(let v):
                checkPercent(v, at: oPath.key("max"))
            case .throughput(let v):
                if !(v.isFinite && v >= 0) { report(oPath.key("min"), "found \(Wording.number(v)); expected a number of requests per second >= 0") }
            case .monthlyCost(let v):
                if !(v.isFinite && v >= 0) { report(oPath.key("max"), "found \(Wording.number(v)); expected a number of dollars >= 0") }
            }
            if let requestClass = objective.requestClass {
                if case .monthlyCost = objective.kind {
                    report(oPath.key("class"), "cost is not split by request class; expected no \"class\" on a monthlyCost objective")
                } else if !classes.contains(requestClass) {
                    report(oPath.key("class"), "no route has class \(Wording.quotedShort(requestClass))\(Wording.suggestion(for: requestClass, among: classes))")
                }
            }
        }
    }

    private mutating func checkPercent(_ value: Double, at path: JSONPath) {
        if !(value.isFinite && value >= 0 && value <= 100) {
            report(path, "found \(Wording.number(value)); expected a percentage from 0 to 100")
        }
    }
}

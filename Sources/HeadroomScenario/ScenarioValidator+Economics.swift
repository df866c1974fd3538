/// Checks of the blocks that carry prices and objectives: pricing, response sizes and the SLA.
extension Validation {
    /// Only the prices the kind can be charged, each finite and >= 0; storage by both its keys or neither.
    mutating func checkPricing(_ pricing: Pricing, of kind: AnyKindDescriptor, at path: JSONPath) {
        for (key, value) in pricing.entries {
            if !kind.pricing.contains(key) {
                let expected = kind.pricing.isEmpty ? "no pricing" : "one of \(Wording.quotedList(kind.pricing.map(\.rawValue)))"
                report(path.key(key.rawValue), "\(kind.nounWithArticle) is not charged by \(JSONWriter.quoted(key.rawValue)); expected \(expected)")
            } else if !(value.isFinite && value >= 0) {
                report(path.key(key.rawValue), "found \(Wording.number(value)); expected \(key.expected)")
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

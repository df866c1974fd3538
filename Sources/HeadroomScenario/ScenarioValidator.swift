/// The semantic checks every scenario passes before it runs, whether it came from JSON or Swift.
///
/// Paths name values the way the JSON format does (`components[1].serviceTime.mean`), so the
/// same message serves a file's author and a Swift author. Every problem is reported, not just
/// the first.
public enum ScenarioValidator {
    /// The deepest nesting of calls (`then` inside `then`) a route may have.
    public static let maximumCallDepth = 32

    /// Every problem with `scenario`, in document order; empty when it is valid.
    public static func validate(_ scenario: Scenario) -> [ScenarioDiagnostic] {
        var validation = Validation(scenario: scenario)
        validation.run()
        return validation.diagnostics
    }
}

/// One run of the checks, accumulating diagnostics.
struct Validation {
    let scenario: Scenario
    private(set) var diagnostics: [ScenarioDiagnostic] = []
    /// Index of the first component with each id.
    let firstIndex: [String: Int]
    /// Route classes that a misspelt mix entry was reported against (so the route is not reported again).
    var mixClassesMatchedByTypo = Set<String>()

    init(scenario: Scenario) {
        self.scenario = scenario
        var first: [String: Int] = [:]
        for (i, c) in scenario.components.enumerated() where first[c.id] == nil { first[c.id] = i }
        firstIndex = first
    }

    mutating func report(_ path: JSONPath, _ message: String) {
        diagnostics.append(ScenarioDiagnostic(path: path.description, message: message))
    }

    mutating func run() {
        let root = JSONPath.root
        if scenario.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            report(root.key("name"), "found \(Wording.quotedShort(scenario.name)); expected a non-empty name")
        }
        let durationValid = check(scenario.duration, at: root.key("duration"), positive: true)
        if check(scenario.warmup, at: root.key("warmup"), positive: false), durationValid,
            scenario.warmup >= scenario.duration
        {
            report(
                root.key("warmup"),
                "found \(Wording.duration(scenario.warmup)); expected a duration shorter than duration (\(Wording.duration(scenario.duration)))"
            )
        }
        checkWorkload()
        checkComponents()
        checkRoutes()
        checkSLA()
    }

    // MARK: Shared checks

    /// Checks a duration is finite and > 0 (`positive`) or >= 0; reports and returns false otherwise.
    @discardableResult
    mutating func check(_ span: TimeSpan, at path: JSONPath, positive: Bool) -> Bool {
        let valid = span.seconds.isFinite && (positive ? span.seconds > 0 : span.seconds >= 0)
        if !valid {
            report(path, "found \(Wording.duration(span)); expected a duration \(positive ? ">" : ">=") 0")
        }
        return valid
    }

    /// Checks a number is finite and greater than `minimum`; reports `expected` otherwise.
    mutating func check(_ value: Double, at path: JSONPath, greaterThan minimum: Double, expected: String) {
        if !(value.isFinite && value > minimum) { report(path, "found \(Wording.number(value)); expected \(expected)") }
    }

    /// A diagnostic for an id that names no component: "did you mean" among `candidates`, or lists them.
    func unknownComponent(_ id: String, among candidates: [String]) -> String {
        "unknown component \(Wording.quotedShort(id))\(Wording.suggestion(for: id, among: candidates))"
    }

    // MARK: Workload

    private mutating func checkWorkload() {
        let path = JSONPath.root.key("workload")
        let w = scenario.workload
        check(w.rate, at: path.key("rate"), greaterThan: 0, expected: "a number of requests per second > 0")
        for (i, burst) in w.bursts.enumerated() {
            let bPath = path.key("bursts").index(i)
            check(burst.start, at: bPath.key("start"), positive: false)
            check(burst.duration, at: bPath.key("duration"), positive: true)
            check(burst.rate, at: bPath.key("rate"), greaterThan: -1e-300, expected: "a number of requests per second >= 0")
            if let every = burst.every, check(every, at: bPath.key("every"), positive: true), every <= burst.duration {
                report(
                    bPath.key("every"),
                    "found \(Wording.duration(every)); expected a period longer than the burst's duration (\(Wording.duration(burst.duration)))")
            }
        }
        let mixPath = path.key("mix")
        let routeClasses = scenario.routes.map(\.requestClass)
        var seen = Set<String>()
        // Route classes that a misspelt mix entry was already matched to, so they are reported once.
        var suggested = Set<String>()
        for entry in w.mix {
            let entryPath = mixPath.key(entry.requestClass)
            guard seen.insert(entry.requestClass).inserted else {
                report(entryPath, "duplicate class \(Wording.quotedShort(entry.requestClass)) in the mix")
                continue
            }
            check(entry.weight, at: entryPath, greaterThan: 0, expected: "a weight > 0")
            if !routeClasses.contains(entry.requestClass) {
                let unmatched = routeClasses.filter { c in !w.mix.contains { $0.requestClass == c } }
                let near = Wording.nearest(to: entry.requestClass, among: unmatched)
                if let near { suggested.insert(near) }
                let hint = near.map { "; did you mean \(JSONWriter.quoted($0))?" }
                    ?? (routeClasses.isEmpty ? "" : "; expected one of \(Wording.quotedList(routeClasses))")
                report(entryPath, "no route has class \(Wording.quotedShort(entry.requestClass))\(hint)")
            }
        }
        mixClassesMatchedByTypo = suggested
        // Each weight can be finite and their sum not (1e308 twice): the cumulative shares would
        // then be NaN, 0 or 1, and the mix would silently send every request to one class.
        let weights = w.mix.map(\.weight)
        if weights.allSatisfy({ $0.isFinite && $0 > 0 }), !weights.reduce(0, +).isFinite {
            report(mixPath, "found weights that sum to \(Wording.number(weights.reduce(0, +))); expected weights with a finite total (only their ratios matter: 9 and 1 mean 90 % and 10 %)")
        }
    }

    // MARK: Components

    private static let idCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")

    private mutating func checkComponents() {
        let path = JSONPath.root.key("components")
        if scenario.components.isEmpty {
            report(path, "found an empty array; expected at least one component")
        }
        for (i, component) in scenario.components.enumerated() {
            let cPath = path.index(i)
            if component.id.isEmpty || !component.id.allSatisfy(Self.idCharacters.contains) {
                report(
                    cPath.key("id"),
                    "found \(Wording.quotedShort(component.id)); expected an id made of letters, digits, \"_\", \".\" and \"-\"")
            } else if let first = firstIndex[component.id], first != i {
                report(cPath.key("id"), "duplicate id \(JSONWriter.quoted(component.id)) (first used at components[\(first)])")
            }
            switch component.spec {
            case let pool as any PoolSpec:
                checkPool(pool, at: cPath)
            case let balancer as LoadBalancer:
                checkLoadBalancer(balancer, at: cPath)
            case let function as ServerlessFunction:
                checkFunction(function, at: cPath)
            case let api as ExternalAPI:
                checkExternalAPI(api, at: cPath)
            default:
                break
            }
            if let pricing = component.pricing { checkPricing(pricing, kind: component.kind.rawValue, at: cPath.key("pricing")) }
        }
    }

    private mutating func checkPool(_ pool: any PoolSpec, at path: JSONPath) {
        if pool.instances < 1 { report(path.key("instances"), "found \(pool.instances); expected an integer >= 1") }
        if pool.concurrency < 1 { report(path.key("concurrency"), "found \(pool.concurrency); expected an integer >= 1") }
        if let capacity = pool.queueCapacity, capacity < 0 {
            report(path.key("queueCapacity"), "found \(capacity); expected an integer >= 0")
        }
        check(pool.serviceTime, at: path.key("serviceTime"))
        if let timeout = pool.timeout { check(timeout, at: path.key("timeout"), positive: true) }
    }

    /// Ids of the components a load balancer may forward to, for suggestions.
    var poolIDs: [String] { Self.candidates(scenario.components.filter { $0.pool != nil }) }

    /// Distinct non-empty ids of `components`, in order, for suggestions.
    static func candidates(_ components: [Component]) -> [String] {
        var seen = Set<String>()
        return components.map(\.id).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private mutating func checkLoadBalancer(_ balancer: LoadBalancer, at path: JSONPath) {
        let backendsPath = path.key("backends")
        if balancer.backends.isEmpty {
            report(backendsPath, "found an empty array; expected at least one backend")
        }
        var firstBackend: [String: Int] = [:]
        for (j, backend) in balancer.backends.enumerated() {
            let bPath = backendsPath.index(j)
            if let first = firstBackend[backend.component] {
                report(bPath, "duplicate backend \(JSONWriter.quoted(backend.component)) (first at backends[\(first)])")
            } else {
                firstBackend[backend.component] = j
                if let target = scenario.component(backend.component) {
                    if target.pool == nil {
                        let article = target.kind == .externalAPI ? "an" : "a"
                        report(
                            bPath,
                            "\(JSONWriter.quoted(backend.component)) is \(article) \(target.kind == .loadBalancer ? "load balancer" : target.kind.rawValue); expected a service or database")
                    }
                } else {
                    report(bPath, unknownComponent(backend.component, among: poolIDs))
                }
            }
            check(backend.weight, at: bPath.key("weight"), greaterThan: 0, expected: "a weight > 0")
        }
        if let latency = balancer.latency { check(latency, at: path.key("latency")) }
    }
}

import Foundation

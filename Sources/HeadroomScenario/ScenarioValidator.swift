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

    /// The index of the component at `path` (`components[i]`): a kind's cross-check, given only
    /// its spec and its path, finds here which component it is checking.
    func componentIndex(at path: JSONPath) -> Int? {
        scenario.components.indices.first { JSONPath.root.key("components").index($0) == path }
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
        if let bucket = scenario.timeBucket { checkTimeBucket(bucket, durationValid: durationValid) }
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

    /// Checks that `id` names a component that `accepts` takes (else: what it is, and `expected`),
    /// suggesting among the components it accepts.
    mutating func checkReference(_ id: String, at path: JSONPath, accepts: (Component) -> Bool, expected: String) {
        guard let target = scenario.component(id) else {
            report(path, unknownComponent(id, among: Self.candidates(scenario.components.filter(accepts))))
            return
        }
        if !accepts(target) {
            report(path, "\(JSONWriter.quoted(id)) is \(target.descriptor.nounWithArticle); expected \(expected)")
        }
    }

    // MARK: Time buckets

    /// A bucket is > 0, no longer than the run, and the run has at most ``Scenario/maximumTimeBuckets`` of them.
    private mutating func checkTimeBucket(_ bucket: TimeSpan, durationValid: Bool) {
        let path = JSONPath.root.key("timeBucket")
        guard check(bucket, at: path, positive: true), durationValid else { return }
        let found = "found \(Wording.duration(bucket)); expected"
        if bucket > scenario.duration {
            report(path, "\(found) a duration no longer than duration (\(Wording.duration(scenario.duration)))")
        } else if scenario.duration.seconds / bucket.seconds > Double(Scenario.maximumTimeBuckets) {
            let shortest = TimeSpan(seconds: scenario.duration.seconds / Double(Scenario.maximumTimeBuckets))
            report(
                path,
                "\(found) a duration of at least \(Wording.duration(shortest)): at most \(Wording.grouped(Scenario.maximumTimeBuckets)) buckets in duration (\(Wording.duration(scenario.duration)))")
        }
    }

    // MARK: Workload

    private mutating func checkWorkload() {
        let path = JSONPath.root.key("workload")
        let w = scenario.workload
        if w.usesRate {
            check(w.rate, at: path.key("rate"), greaterThan: 0, expected: "a number of requests per second > 0")
        } else if w.rate != 0 {
            let why = w.users != nil ? "closed-loop users set the pace themselves" : "the \(w.shape?.name ?? "") shape gives every rate"
            report(path.key("rate"), "found \(Wording.number(w.rate)); expected no \"rate\": \(why)")
        }
        checkTraffic(w, at: path)
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

    /// The shape, closed-loop users and what each excludes.
    private mutating func checkTraffic(_ w: Workload, at path: JSONPath) {
        if let shape = w.shape { checkShape(shape, at: path.key("shape")) }
        if let users = w.users {
            if !Workload.userLimits.contains(users) {
                report(path.key("users"), "found \(users); expected an integer from 1 to \(Wording.grouped(Workload.userLimits.upperBound))")
            }
            if w.shape != nil { report(path.key("shape"), "closed-loop users set the pace themselves; expected no \"shape\" beside \"users\"") }
            if !w.bursts.isEmpty { report(path.key("bursts"), "closed-loop users set the pace themselves; expected no \"bursts\" beside \"users\"") }
            if w.arrivals != .poisson {
                report(path.key("arrivals"), "closed-loop users send a request when they finish thinking; expected no \"arrivals\" beside \"users\"")
            }
            if let think = w.thinkTime { check(think, at: path.key("thinkTime")) }
        } else if w.thinkTime != nil {
            report(path.key("thinkTime"), "a thinkTime needs users; expected \"users\" beside it")
        }
        if case .trace(let trace)? = w.shape {
            if !w.bursts.isEmpty { report(path.key("bursts"), "a trace gives every arrival; expected no \"bursts\" beside it") }
            if trace.format == .timestamps && w.arrivals != .poisson {
                report(path.key("arrivals"), "a timestamps trace replays its own times; expected no \"arrivals\" beside it")
            }
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
            let descriptor = component.descriptor
            descriptor.check(&self, component.spec, cPath)
            if let pricing = component.pricing { checkPricing(pricing, of: descriptor, at: cPath.key("pricing")) }
        }
    }

    /// Distinct non-empty ids of `components`, in order, for suggestions.
    static func candidates(_ components: [Component]) -> [String] {
        var seen = Set<String>()
        return components.map(\.id).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

import HeadroomScenario

/// A figure `headroom check` compares with its baseline, and which way it gets worse.
public enum RegressionMetric: String, Sendable, CaseIterable, Comparable {
    case mean, p50, p90, p95, p99, p999, throughput, availability, successRate, monthlyCost

    /// How the metric is named in reports: "p99 latency", "throughput", …
    public var title: String {
        switch self {
        case .mean: "mean latency"
        case .p50, .p90, .p95, .p99: "\(rawValue) latency"
        case .p999: "p99.9 latency"
        case .throughput: "throughput"
        case .availability: "availability"
        case .successRate: "success rate"
        case .monthlyCost: "monthly cost"
        }
    }

    /// `ms`, `req/s`, `%` or `USD/month`.
    public var unit: String {
        switch self {
        case .mean, .p50, .p90, .p95, .p99, .p999: "ms"
        case .throughput: "req/s"
        case .availability, .successRate: "%"
        case .monthlyCost: "USD/month"
        }
    }

    /// True when a higher value is worse (latency, cost); false when a lower one is (throughput, availability).
    public var higherIsWorse: Bool {
        switch self {
        case .mean, .p50, .p90, .p95, .p99, .p999, .monthlyCost: true
        case .throughput, .availability, .successRate: false
        }
    }

    /// The metric's value in one run's results; nil for a latency when nothing completed.
    public func value(in r: Results) -> Double? {
        switch self {
        case .mean: r.latencyMs?.mean
        case .p50: r.latencyMs?.p50
        case .p90: r.latencyMs?.p90
        case .p95: r.latencyMs?.p95
        case .p99: r.latencyMs?.p99
        case .p999: r.latencyMs?.p999
        case .throughput: r.throughput.completedRps
        case .availability: Self.percent(r, r.requests.completed + r.requests.failed)
        case .successRate: Self.percent(r, r.requests.completed)
        case .monthlyCost: r.cost.perMonthDollars
        }
    }

    private static func percent(_ r: Results, _ part: Int) -> Double {
        let outcomes = r.requests.completed + r.requests.rejected + r.requests.failed
        return outcomes > 0 ? 100 * Double(part) / Double(outcomes) : 100
    }

    /// Declaration order.
    public static func < (a: RegressionMetric, b: RegressionMetric) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How much worse a metric may get before `headroom check` calls it a regression: a fraction of
/// its baseline mean (0.10 for +10 % on p99, 0.05 for −5 % on throughput).
public struct Tolerances: Sendable, Equatable {
    /// The tolerance of each compared metric; metrics without one are not compared.
    public private(set) var fractions: [RegressionMetric: Double]

    /// The defaults: latency mean, p50, p95 and p99 +10 %; throughput −5 %; availability and
    /// success rate −0.1 %; monthly cost +5 %. p90 and p99.9 are compared only when asked.
    public static let defaults = Tolerances(fractions: [
        .mean: 0.10, .p50: 0.10, .p95: 0.10, .p99: 0.10, .throughput: 0.05,
        .availability: 0.001, .successRate: 0.001, .monthlyCost: 0.05,
    ])

    /// Tolerances with these fractions.
    public init(fractions: [RegressionMetric: Double]) { self.fractions = fractions }

    /// The compared metrics, in declaration order.
    public var metrics: [RegressionMetric] { fractions.keys.sorted() }

    /// The defaults with each `--tolerance METRIC=±X%` (or `METRIC=off`) applied in order.
    ///
    /// - Throws: ``ScenarioError`` (with no file) naming `--tolerance` for every malformed one: a missing `=`, an
    ///   unknown metric (with "did you mean"), a value that is not a percentage, or a sign that
    ///   points the wrong way.
    public static func parsing(_ options: [String]) throws(ScenarioError) -> Tolerances {
        var result = Tolerances.defaults
        var problems: [ScenarioDiagnostic] = []
        for option in options {
            let path = "--tolerance \(option)"
            guard let equals = option.firstIndex(of: "=") else {
                problems.append(ScenarioDiagnostic(path: path, message: "expected METRIC=PERCENT, such as p99=+10% or throughput=-5%"))
                continue
            }
            let name = String(option[..<equals]), text = String(option[option.index(after: equals)...])
            guard let metric = RegressionMetric(rawValue: name) else {
                let names = RegressionMetric.allCases.map(\.rawValue)
                problems.append(ScenarioDiagnostic(
                    path: path, message: "unknown metric \(DiagnosticWording.quoted(name))" + DiagnosticWording.suggestion(for: name, among: names)))
                continue
            }
            if text == "off" {
                result.fractions[metric] = nil
                continue
            }
            let sign = metric.higherIsWorse ? "+" : "-"
            guard let (signed, fraction) = Percentage.parse(text) else {
                problems.append(ScenarioDiagnostic(
                    path: path, message: "found \(DiagnosticWording.quoted(text)); expected a percentage such as \(sign)10% (or off)"))
                continue
            }
            if let signed, (signed == "+") != metric.higherIsWorse {
                let direction = metric.higherIsWorse ? "rises" : "falls"
                problems.append(ScenarioDiagnostic(
                    path: path, message: "\(name) regresses when it \(direction); write \(sign)\(Percentage.trimmed(fraction * 100))%"))
                continue
            }
            result.fractions[metric] = fraction
        }
        guard problems.isEmpty else { throw ScenarioError(file: "", diagnostics: problems) }
        return result
    }
}

/// Percentages as written on the command line: `10%`, `+10%`, `-5 %`, `0.5%`.
public enum Percentage {
    /// The sign written (nil when none) and the magnitude as a fraction; nil when `text` is not a
    /// finite, non-negative number followed by `%`.
    public static func parse(_ text: String) -> (sign: Character?, fraction: Double)? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        guard body.hasSuffix("%") else { return nil }
        body = body.dropLast()
        while body.last == " " { body = body.dropLast() }
        var sign: Character?
        if let first = body.first, first == "+" || first == "-" {
            sign = first
            body = body.dropFirst()
        }
        guard let value = Double(body), value.isFinite, value >= 0, !body.contains("e"), !body.contains("E") else { return nil }
        return (sign, value / 100)
    }

    /// `10`, `0.5`, `12.25`: a percentage without trailing zeros.
    public static func trimmed(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}

extension ScenarioReader {
    // MARK: Durations

    /// A duration member (`"250ms"`).
    mutating func duration(_ f: ObjectFields, _ key: String) -> Field<TimeSpan> {
        guard let value = f[key] else { return .absent }
        return Field(readDuration(value, at: f.path.key(key)))
    }

    /// A duration value: a string with a unit. A bare number is an error that suggests the units.
    mutating func readDuration(_ value: JSONValue, at path: JSONPath) -> TimeSpan? {
        switch value {
        case .string(let text):
            if let span = TimeSpan(parsing: text) { return span }
            report(path, "found \(Wording.quotedShort(text)); expected \(Self.durationExpectation(for: text))")
        case .number(let n):
            report(path, "found \(n.text) (a number); expected a duration with a unit, such as \"\(n.text)s\" or \"\(n.text)ms\"")
        default:
            mismatch(path, found: value, expected: "a duration with a unit, such as \"250ms\"")
        }
        return nil
    }

    /// Units people write that the format spells differently.
    private static let unitAliases: [String: String] = [
        "sec": "s", "secs": "s", "second": "s", "seconds": "s",
        "min": "m", "mins": "m", "minute": "m", "minutes": "m",
        "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
        "day": "d", "days": "d",
        "msec": "ms", "msecs": "ms", "millis": "ms", "millisecond": "ms", "milliseconds": "ms",
        "usec": "us", "usecs": "us", "micros": "us", "microsecond": "us", "microseconds": "us", "μs": "us",
        "nsec": "ns", "nsecs": "ns", "nanos": "ns", "nanosecond": "ns", "nanoseconds": "ns",
    ]

    /// What a duration should look like, tailored to the malformed `text`.
    static func durationExpectation(for text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unit = String(trimmed.reversed().prefix { $0.isLetter }.reversed())
        let number = trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
        if number.lowercased().hasPrefix("0x") || number.lowercased().hasPrefix("-0x") {
            return "a decimal number with a unit, such as \"250ms\" (hexadecimal numbers are not durations)"
        }
        if let value = TimeSpan.decimalValue(number), value.isFinite {
            if unit.isEmpty { return "a duration with a unit, such as \"\(number)s\" or \"\(number)ms\"" }
            let lower = unit.lowercased()
            let known = TimeSpan.units.map(\.suffix)
            if let canonical = unitAliases[lower] ?? (known.contains(lower) ? lower : nil) {
                if TimeSpan(parsing: number + canonical) != nil {
                    return "a duration with a unit; did you mean \"\(number)\(canonical)\"?"
                }
                return "a finite duration"
            }
        }
        return "a duration with a unit (ns, us, ms, s, m, h or d), such as \"250ms\""
    }

    // MARK: Distributions

    private static let distNote = ["dist": "one of \(Wording.quotedList(DistributionSpec.names))"]

    /// An optional or required distribution member.
    mutating func distribution(_ f: ObjectFields, _ key: String) -> Field<DistributionSpec> {
        guard let value = f[key] else { return .absent }
        return Field(readDistribution(value, at: f.path.key(key)))
    }

    /// A distribution: a duration string (a constant) or an object with a `dist` discriminator.
    mutating func readDistribution(_ value: JSONValue, at path: JSONPath) -> DistributionSpec? {
        switch value {
        case .string, .number:
            return readDuration(value, at: path).map(DistributionSpec.constant)
        case .object(let object):
            return readDistributionObject(object, at: path)
        default:
            mismatch(
                path, found: value,
                expected: "a duration such as \"20ms\" or a distribution such as {\"dist\": \"exponential\", \"mean\": \"20ms\"}")
            return nil
        }
    }

    private mutating func readDistributionObject(_ object: JSONObject, at path: JSONPath) -> DistributionSpec? {
        let value = JSONValue.object(object)
        let known = object["dist"]?.stringValue.flatMap { ScenarioKeys.distribution[$0] != nil ? $0 : nil }
        let parameters = known.flatMap { ScenarioKeys.distribution[$0] } ?? ScenarioKeys.allDistributionParameters
        // Distributions with alternative parameter sets check their own required keys below.
        let required = ["dist"] + (known == nil || known == "lognormal" || known == "empirical" ? [] : parameters)
        guard
            let f = fields(
                value, at: path, expected: "a distribution", allowed: ["dist"] + parameters, required: required,
                owner: known.map { "dist \(JSONWriter.quoted($0))" },
                foreign: ScenarioKeys.allDistributionParameters.filter { !parameters.contains($0) },
                notes: Self.distNote)
        else { return nil }
        guard let name = choice(f, "dist", noun: "distribution", names: DistributionSpec.names).required else {
            // Still check the parameters' values, so every problem is reported at once.
            for key in parameters where f[key] != nil { checkParameter(f, key) }
            return nil
        }
        let shapeExpectation = name == "pareto" ? "a number > 1" : "a number > 0"
        switch name {
        case "constant":
            return duration(f, "value").required.map(DistributionSpec.constant)
        case "exponential":
            return duration(f, "mean").required.map { .exponential(mean: $0) }
        case "uniform":
            let lo = duration(f, "min"), hi = duration(f, "max")
            guard let lo = lo.required, let hi = hi.required else { return nil }
            return .uniform(min: lo, max: hi)
        case "normal":
            let mean = duration(f, "mean"), sd = duration(f, "stddev")
            guard let mean = mean.required, let sd = sd.required else { return nil }
            return .normal(mean: mean, stddev: sd)
        case "lognormal":
            return readLognormal(f)
        case "gamma", "weibull", "pareto":
            let shape = number(f, "shape", expected: shapeExpectation)
            let scaleKey = name == "gamma" ? "mean" : "scale"
            let scale = duration(f, scaleKey)
            guard let shape = shape.required, let scale = scale.required else { return nil }
            switch name {
            case "gamma": return .gamma(shape: shape, mean: scale)
            case "weibull": return .weibull(shape: shape, scale: scale)
            default: return .pareto(shape: shape, scale: scale)
            }
        case "erlang":
            let k = integer(f, "k", expected: "an integer >= 1"), mean = duration(f, "mean")
            guard let k = k.required, let mean = mean.required else { return nil }
            return .erlang(k: k, mean: mean)
        default:
            return readEmpirical(f)
        }
    }

    /// Reads a parameter of an unknown distribution by its usual type, to report a wrong type.
    private mutating func checkParameter(_ f: ObjectFields, _ key: String) {
        switch key {
        case "cv", "shape": _ = number(f, key, expected: "a number > 0")
        case "k": _ = integer(f, key, expected: "an integer >= 1")
        case "samples": _ = array(f, key, expected: "an array of durations") { $0.readDuration($1, at: $2) }
        case "histogram": _ = readHistogram(f)
        default: _ = duration(f, key)
        }
    }

    /// Lognormal takes either `mean` and `cv` or `median` and `p99`.
    private mutating func readLognormal(_ f: ObjectFields) -> DistributionSpec? {
        let byMean = f["mean"] != nil || f["cv"] != nil
        let byPercentiles = f["median"] != nil || f["p99"] != nil
        if byMean && byPercentiles {
            report(f.path, "a lognormal takes either \"mean\" and \"cv\" or \"median\" and \"p99\", not both")
            for key in ["mean", "median", "p99"] { _ = duration(f, key) }
            _ = number(f, "cv", expected: "a number > 0")
            return nil
        }
        if byPercentiles {
            let median = duration(f, "median"), p99 = duration(f, "p99")
            missing(["median", "p99"], in: f)
            guard let median = median.required, let p99 = p99.required else { return nil }
            return .lognormalPercentiles(median: median, p99: p99)
        }
        if !byMean && f.suggested.isDisjoint(with: ["mean", "cv", "median", "p99"]) {
            report(f.path, "missing required keys: a lognormal takes either \"mean\" and \"cv\" or \"median\" and \"p99\"")
            return nil
        }
        let mean = duration(f, "mean"), cv = number(f, "cv", expected: "a number > 0")
        missing(["mean", "cv"], in: f)
        guard let mean = mean.required, let cv = cv.required else { return nil }
        return .lognormal(mean: mean, cv: cv)
    }

    /// Empirical takes either `samples` or `histogram`.
    private mutating func readEmpirical(_ f: ObjectFields) -> DistributionSpec? {
        switch (f["samples"] != nil, f["histogram"] != nil) {
        case (true, true):
            report(f.path, "an empirical distribution takes either \"samples\" or \"histogram\", not both")
            checkParameter(f, "samples")
            checkParameter(f, "histogram")
            return nil
        case (true, false):
            let samples = array(f, "samples", expected: "an array of durations") { $0.readDuration($1, at: $2) }
            return samples.required.map(DistributionSpec.empiricalSamples)
        case (false, true):
            return readHistogram(f).required.map(DistributionSpec.empiricalHistogram)
        case (false, false):
            if f.suggested.isDisjoint(with: ["samples", "histogram"]) {
                report(f.path, "missing required key \"samples\" or \"histogram\"")
            }
            return nil
        }
    }

    private mutating func readHistogram(_ f: ObjectFields) -> Field<[DistributionSpec.HistogramBin]> {
        let example = "{\"upTo\": \"10ms\", \"weight\": 5}"
        return array(f, "histogram", expected: "an array of bins such as \(example)") { reader, value, path in
            guard
                let bin = reader.fields(
                    value, at: path, expected: "a bin such as \(example)", allowed: ScenarioKeys.histogramBin,
                    required: ScenarioKeys.histogramBin)
            else { return nil }
            let upTo = reader.duration(bin, "upTo"), weight = reader.number(bin, "weight", expected: "a weight >= 0")
            guard let upTo = upTo.required, let weight = weight.required else { return nil }
            return DistributionSpec.HistogramBin(upTo: upTo, weight: weight)
        }
    }

    /// Reports those of `keys` that are missing (unless an unknown key was taken as their misspelling).
    private mutating func missing(_ keys: [String], in f: ObjectFields) {
        for key in keys where f[key] == nil && !f.suggested.contains(key) {
            report(f.path, "missing required key \(JSONWriter.quoted(key))")
        }
    }
}

import Foundation

import Foundation

/// How the arrival rate changes over time (JSON `workload.shape`): a step, a ramp, a spike, a
/// day's sinusoid, hourly points, or a recorded trace replayed. Bursts (`workload.bursts`) still
/// override the rate while they are on. Every shape but `hourly` and `trace` starts from
/// `workload.rate`.
public enum TrafficShape: Hashable, Sendable {
    /// `rate` before `at`, `to` from then on.
    case step(at: TimeSpan, to: Double)
    /// `rate` until `start`, then linearly to `to` over `duration`, then `to`.
    case ramp(start: TimeSpan, duration: TimeSpan, to: Double)
    /// A flash crowd: from `rate` at `at` linearly up to `peak` over `rise`, `peak` for `hold`,
    /// back down to `rate` over `decay`.
    case spike(at: TimeSpan, peak: Double, rise: TimeSpan, hold: TimeSpan, decay: TimeSpan)
    /// A sinusoid between `rate` (the trough) and `peak`, highest at `peakAt` into each `period`.
    case diurnal(peak: Double, peakAt: TimeSpan, period: TimeSpan)
    /// The rate at each hour's start (24 values), linear in between, repeating every day.
    case hourly([Double])
    /// Arrivals replayed from a recorded trace.
    case trace(Trace)

    /// The discriminator written in JSON (`"type"`).
    public var name: String {
        switch self {
        case .step: "step"
        case .ramp: "ramp"
        case .spike: "spike"
        case .diurnal: "diurnal"
        case .hourly: "hourly"
        case .trace: "trace"
        }
    }

    /// Whether `workload.rate` takes part (no for hourly points and traces, which give every rate).
    public var usesBaseRate: Bool {
        switch self {
        case .hourly, .trace: false
        default: true
        }
    }

    /// The shape with every rate multiplied by `factor` (a trace is replayed `factor` times faster).
    public func scaled(by factor: Double) -> TrafficShape {
        switch self {
        case .step(let at, let to): return .step(at: at, to: to * factor)
        case .ramp(let start, let duration, let to): return .ramp(start: start, duration: duration, to: to * factor)
        case .spike(let at, let peak, let rise, let hold, let decay): return .spike(at: at, peak: peak * factor, rise: rise, hold: hold, decay: decay)
        case .diurnal(let peak, let peakAt, let period): return .diurnal(peak: peak * factor, peakAt: peakAt, period: period)
        case .hourly(let rates): return .hourly(rates.map { $0 * factor })
        case .trace(var trace):
            trace.speed *= factor
            return .trace(trace)
        }
    }

    /// Every `type`, its keys and what it means, in documentation order.
    static let variants: [(name: String, required: [String], optional: [String], description: String)] = [
        ("step", ["at", "to"], [], "workload.rate before at, to from then on."),
        ("ramp", ["start", "duration", "to"], [], "workload.rate until start, then linearly to to over duration, then to."),
        ("spike", ["at", "peak"], ["rise", "hold", "decay"], "A flash crowd: from workload.rate up to peak over rise, peak for hold, back down over decay."),
        ("diurnal", ["peak", "peakAt"], ["period"], "A sinusoid between workload.rate (the trough) and peak, highest at peakAt into each period."),
        ("hourly", ["rates"], [], "The rate at each hour's start (24 values), linear in between, repeating every day; replaces workload.rate."),
        ("trace", ["file"], ["format", "speed"], "Arrivals replayed from a CSV file; replaces workload.rate."),
    ]

    /// Every key any shape takes, after `type`.
    static let allKeys: [String] = Wording.union(variants.map { $0.required + $0.optional })

    /// Hours in an `hourly` shape.
    public static let hoursPerDay = 24

    static var rateFormat: ValueFormat<Double> { .number(.atLeast(0), expected: "a number of requests per second >= 0") }

    /// How a shape is read, written, checked and described.
    static var format: ValueFormat<TrafficShape> {
        ValueFormat(
            expected: "a traffic shape such as {\"type\": \"diurnal\", \"peak\": 1000, \"peakAt\": \"14h\"}",
            schema: [("oneOf", .array(variants.map { variant in
                let properties: [(String, JSONValue)] = (variant.required + variant.optional).map { ($0, .object(property($0))) }
                return .object([
                    ("description", .string(variant.description)), ("type", "object"),
                    ("properties", .object([("type", .object([("description", "The shape."), ("const", .string(variant.name))]))] + properties)),
                    ("required", .array((["type"] + variant.required).map(JSONValue.string))), ("additionalProperties", false),
                ])
            }))],
            read: { reader, value, path in reader.readTrafficShape(value, at: path) },
            encode: { shape in
                var members: [(String, JSONValue)] = [("type", .string(shape.name))]
                func d(_ span: TimeSpan) -> JSONValue { .string(span.formatted) }
                switch shape {
                case .step(let at, let to): members += [("at", d(at)), ("to", .number(to))]
                case .ramp(let start, let duration, let to): members += [("start", d(start)), ("duration", d(duration)), ("to", .number(to))]
                case .spike(let at, let peak, let rise, let hold, let decay):
                    members += [("at", d(at)), ("peak", .number(peak))]
                    if rise != .zero { members.append(("rise", d(rise))) }
                    if hold != .zero { members.append(("hold", d(hold))) }
                    if decay != .zero { members.append(("decay", d(decay))) }
                case .diurnal(let peak, let peakAt, let period):
                    members += [("peak", .number(peak)), ("peakAt", d(peakAt))]
                    if period != .hours(24) { members.append(("period", d(period))) }
                case .hourly(let rates): members.append(("rates", .array(rates.map { .number($0) })))
                case .trace(let trace):
                    members.append(("file", .string(trace.file)))
                    if trace.format != .timestamps { members.append(("format", .string(trace.format.rawValue))) }
                    if trace.speed != 1 { members.append(("speed", .number(trace.speed))) }
                }
                return .object(members)
            },
            check: { validation, shape, path in validation.checkShape(shape, at: path) })
    }

    /// The JSON Schema of one shape key.
    static func property(_ key: String) -> [(String, JSONValue)] {
        let duration: [(String, JSONValue)] = [("$ref", "#/$defs/duration")]
        let rate: [(String, JSONValue)] = [("type", "number"), ("minimum", 0)]
        switch key {
        case "at": return [("description", "When it happens.")] + duration
        case "to": return [("description", "The rate afterwards, requests per second; >= 0.")] + rate
        case "start": return [("description", "When the ramp begins.")] + duration
        case "duration": return [("description", "How long the ramp takes; > 0.")] + duration
        case "peak": return [("description", "The highest rate, requests per second; >= workload.rate.")] + rate
        case "rise": return [("description", "Time from the start of the spike to its peak (default \"0s\").")] + duration
        case "hold": return [("description", "Time at the peak (default \"0s\").")] + duration
        case "decay": return [("description", "Time from the peak back to workload.rate (default \"0s\").")] + duration
        case "peakAt": return [("description", "When in each period the rate peaks, such as \"14h\".")] + duration
        case "period": return [("description", "The length of one cycle (default \"24h\").")] + duration
        case "rates":
            return [("description", "Requests per second at 0:00, 1:00, … 23:00."), ("type", "array"), ("items", .object(rate)),
                    ("minItems", .int(hoursPerDay)), ("maxItems", .int(hoursPerDay))]
        case "file": return [("description", "The CSV file, relative to the scenario file."), ("type", "string"), ("minLength", 1)]
        case "format":
            return [("description", "timestamps (default): one arrival per line, seconds from the start; counts: arrivals in each second, one line per second."),
                    ("type", "string"), ("enum", .array(Trace.Format.allCases.map { .string($0.rawValue) }))]
        default:
            return [("description", "Replay the trace this many times faster (default 1)."), ("type", "number"), ("exclusiveMinimum", 0)]
        }
    }

    /// "diurnal 100–1,000 req/s peaking at 14 h", for the scenario's summary.
    func summary(base: Double) -> String {
        func r(_ x: Double) -> String { TimeSpan.trim(x) }
        switch self {
        case .step(let at, let to): return "\(r(base)) req/s, \(r(to)) req/s from \(at.humanReadable)"
        case .ramp(let start, let duration, let to): return "\(r(base)) req/s ramping to \(r(to)) req/s from \(start.humanReadable) over \(duration.humanReadable)"
        case .spike(let at, let peak, _, _, _): return "\(r(base)) req/s with a spike to \(r(peak)) req/s at \(at.humanReadable)"
        case .diurnal(let peak, let peakAt, _): return "diurnal \(r(base))–\(r(peak)) req/s peaking at \(peakAt.humanReadable)"
        case .hourly(let rates): return "hourly \(r(rates.min() ?? 0))–\(r(rates.max() ?? 0)) req/s"
        case .trace(let trace):
            let n = trace.format == .timestamps ? trace.times.count : trace.counts.reduce(0, +)
            return "trace \(trace.file) (\(Wording.grouped(n)) arrivals\(trace.speed != 1 ? " at \(r(trace.speed))× speed" : ""))"
        }
    }
}

/// A recorded arrival trace (JSON `workload.shape` of type `trace`), read from a CSV file when the
/// scenario is loaded: one arrival time per line (`timestamps`, seconds from the start, in
/// increasing order) or one count per second (`counts`: line k holds the arrivals in second k).
/// A first line that starts with a letter is a header; anything after a comma is ignored.
public struct Trace: Hashable, Sendable {
    /// What each line holds.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        case timestamps
        case counts
    }

    /// The file as the scenario names it.
    public var file: String
    public var format: Format
    /// Arrival times in seconds, non-decreasing (`timestamps`).
    public var times: [Double]
    /// Arrivals in each second (`counts`).
    public var counts: [Int]
    /// Replay this many times faster (1: as recorded).
    public var speed: Double

    public init(file: String, format: Format, times: [Double] = [], counts: [Int] = [], speed: Double = 1) {
        self.file = file
        self.format = format
        self.times = times
        self.counts = counts
        self.speed = speed
    }

    /// The most arrivals (lines) a trace may hold: 20 million, about 160 MB in memory.
    public static let maximumLines = 20_000_000
    /// The most arrivals one second of a counts trace may hold.
    public static let maximumCount = 10_000_000

    /// One problem with a trace file.
    public struct Problem: Error, Sendable, Equatable {
        /// The 1-based line, or nil for the file as a whole.
        public var line: Int?
        public var message: String
    }

    /// Reads the trace `file` (resolved against `directory` when relative) in `format`.
    /// - Throws: the problems found (at most ``problemLimit`` lines' worth), each naming its line.
    public static func read(file: String, format: Format, directory: String? = nil) throws(TraceError) -> Trace {
        let path = file.hasPrefix("/") || directory == nil || directory == "" ? file : "\(directory!)/\(file)"
        let text: String
        switch ScenarioLoader.readText(atPath: path) {
        case .success(let contents): text = contents
        case .failure(let problem): throw TraceError(problems: [Problem(line: nil, message: "cannot read the file: \(problem.reason)")])
        }
        return try parse(text, file: file, format: format)
    }

    /// At most this many malformed lines are reported.
    public static let problemLimit = 5

    /// Parses the text of a trace file.
    public static func parse(_ text: String, file: String, format: Format) throws(TraceError) -> Trace {
        var trace = Trace(file: file, format: format)
        var problems: [Problem] = []
        var extra = 0
        var lineNumber = 0
        var sawData = false
        var previous = -Double.infinity
        func problem(_ line: Int, _ message: String) {
            if problems.count < problemLimit { problems.append(Problem(line: line, message: message)) } else { extra += 1 }
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            let field = (line.firstIndex(of: ",").map { line[..<$0] } ?? line[...]).trimmingCharacters(in: .whitespaces)
            if field.isEmpty { continue }
            if !sawData, let first = field.unicodeScalars.first, CharacterSet.letters.contains(first) {
                sawData = true  // a header
                continue
            }
            sawData = true
            if trace.times.count + trace.counts.count >= maximumLines {
                problems.append(Problem(line: lineNumber, message: "more than \(Wording.grouped(maximumLines)) lines; expected at most that many"))
                break
            }
            let shown = field.count > 24 ? String(field.prefix(23)) + "…" : field
            switch format {
            case .timestamps:
                guard let value = Double(field), value.isFinite, value >= 0 else {
                    problem(lineNumber, "found \"\(shown)\"; expected a time in seconds >= 0, such as 12.5")
                    continue
                }
                if value < previous {
                    problem(lineNumber, "found \(field) after \(Wording.number(previous)); expected times in increasing order")
                    continue
                }
                previous = value
                trace.times.append(value)
            case .counts:
                guard let value = Int(field), value >= 0, value <= maximumCount else {
                    problem(lineNumber, "found \"\(shown)\"; expected a count of arrivals from 0 to \(Wording.grouped(maximumCount)), such as 42")
                    continue
                }
                trace.counts.append(value)
            }
        }
        if extra > 0 { problems.append(Problem(line: nil, message: "and \(extra) more malformed \(extra == 1 ? "line" : "lines")")) }
        if problems.isEmpty && trace.times.isEmpty && trace.counts.reduce(0, +) == 0 {
            problems.append(Problem(line: nil, message: "no arrivals; expected at least one \(format == .timestamps ? "time" : "non-zero count")"))
        }
        guard problems.isEmpty else { throw TraceError(problems: problems) }
        return trace
    }

    /// Seconds the trace spans as recorded: its last time, or one second per count.
    public var span: Double { format == .timestamps ? (times.last ?? 0) : Double(counts.count) }
}

/// What is wrong with a trace file.
public struct TraceError: Error, Sendable, Equatable {
    public var problems: [Trace.Problem]
}

extension ScenarioReader {
    /// A traffic shape: an object whose `type` decides its other keys. A trace's file is read here.
    mutating func readTrafficShape(_ value: JSONValue, at path: JSONPath) -> TrafficShape? {
        let variants = TrafficShape.variants
        let names = variants.map(\.name)
        let known = value["type"]?.stringValue.flatMap { name in variants.first { $0.name == name } }
        let own = known.map { $0.required + $0.optional } ?? TrafficShape.allKeys
        guard
            let f = fields(
                value, at: path, expected: TrafficShape.format.expected, allowed: ["type"] + own,
                required: ["type"] + (known?.required ?? []), owner: known.map { "type \(JSONWriter.quoted($0.name))" },
                foreign: TrafficShape.allKeys.filter { !own.contains($0) }, notes: ["type": "one of \(Wording.quotedList(names))"])
        else { return nil }
        let type = choice(f, "type", noun: "traffic shape", names: names)
        func rate(_ key: String) -> Double? { member(f, key, TrafficShape.rateFormat).required }
        func span(_ key: String, _ absent: TimeSpan? = nil) -> TimeSpan? {
            switch duration(f, key) {
            case .present(let v): v
            case .absent: absent
            case .invalid: nil
            }
        }
        switch type.required {
        case "step":
            guard let at = span("at"), let to = rate("to") else { return nil }
            return .step(at: at, to: to)
        case "ramp":
            guard let start = span("start"), let length = span("duration"), let to = rate("to") else { return nil }
            return .ramp(start: start, duration: length, to: to)
        case "spike":
            let at = span("at"), peak = rate("peak"), rise = span("rise", .zero), hold = span("hold", .zero), decay = span("decay", .zero)
            guard let at, let peak, let rise, let hold, let decay else { return nil }
            return .spike(at: at, peak: peak, rise: rise, hold: hold, decay: decay)
        case "diurnal":
            let peak = rate("peak"), peakAt = span("peakAt"), period = span("period", .hours(24))
            guard let peak, let peakAt, let period else { return nil }
            return .diurnal(peak: peak, peakAt: peakAt, period: period)
        case "hourly":
            let rates = array(f, "rates", expected: "an array of 24 rates such as [40, 30, …]") { reader, element, path in
                reader.readNumber(element, at: path, expected: "a number of requests per second >= 0")
            }
            return rates.required.map { .hourly($0) }
        case "trace":
            let file = string(f, "file", expected: "a file name such as \"arrivals.csv\"")
            let format = choice(f, "format", noun: "trace format", names: Trace.Format.allCases.map(\.rawValue))
            let speed = number(f, "speed", expected: "a number > 0")
            guard let file = file.required, let formatName = format.or("timestamps"), let kind = Trace.Format(rawValue: formatName),
                let speed = speed.or(1)
            else { return nil }
            do throws(TraceError) {
                var trace = try Trace.read(file: file, format: kind, directory: baseDirectory)
                trace.speed = speed
                return .trace(trace)
            } catch {
                let filePath = path.key("file")
                for problem in error.problems {
                    report(filePath, "\(JSONWriter.quoted(file))\(problem.line.map { " line \($0)" } ?? ""): \(problem.message)")
                }
                return nil
            }
        default:
            // An unknown type: check what can be checked of the other keys.
            for key in ["to", "peak"] where f[key] != nil { _ = rate(key) }
            for key in ["at", "start", "duration", "rise", "hold", "decay", "peakAt", "period"] where f[key] != nil { _ = span(key) }
            return nil
        }
    }
}

extension Validation {
    /// Each shape's durations and rates in range; a diurnal peak at or above the trough.
    mutating func checkShape(_ shape: TrafficShape, at path: JSONPath) {
        let base = scenario.workload.rate
        func rate(_ value: Double, _ key: String) { rate(value, at: path.key(key)) }
        func rate(_ value: Double, at valuePath: JSONPath) {
            if !(value.isFinite && value >= 0) {
                report(valuePath, "found \(Wording.number(value)); expected a number of requests per second >= 0")
            }
        }
        switch shape {
        case .step(let at, let to):
            check(at, at: path.key("at"), positive: false)
            rate(to, "to")
        case .ramp(let start, let duration, let to):
            check(start, at: path.key("start"), positive: false)
            check(duration, at: path.key("duration"), positive: true)
            rate(to, "to")
        case .spike(let at, let peak, let rise, let hold, let decay):
            check(at, at: path.key("at"), positive: false)
            rate(peak, "peak")
            let valid = [("rise", rise), ("hold", hold), ("decay", decay)].map { check($0.1, at: path.key($0.0), positive: false) }
            if valid.allSatisfy({ $0 }), rise.seconds + hold.seconds + decay.seconds <= 0 {
                report(path, "a spike needs a length; expected \"rise\", \"hold\" or \"decay\" > 0")
            }
        case .diurnal(let peak, let peakAt, let period):
            rate(peak, "peak")
            if peak.isFinite && peak < base {
                report(path.key("peak"), "found \(Wording.number(peak)); expected a rate >= workload.rate (\(Wording.number(base)), the trough)")
            }
            check(peakAt, at: path.key("peakAt"), positive: false)
            check(period, at: path.key("period"), positive: true)
        case .hourly(let rates):
            if rates.count != TrafficShape.hoursPerDay {
                report(path.key("rates"), "found \(Wording.count(rates.count, "rate")); expected \(TrafficShape.hoursPerDay), one per hour from 0:00")
            }
            for (i, value) in rates.enumerated() { rate(value, at: path.key("rates").index(i)) }
            if rates.allSatisfy({ $0 == 0 }) && !rates.isEmpty {
                report(path.key("rates"), "every rate is 0; expected at least one > 0")
            }
        case .trace(let trace):
            if !(trace.speed.isFinite && trace.speed > 0) {
                report(path.key("speed"), "found \(Wording.number(trace.speed)); expected a number > 0")
            }
            if trace.times.isEmpty && trace.counts.reduce(0, +) == 0 {
                report(path.key("file"), "\(JSONWriter.quoted(trace.file)): no arrivals; expected at least one")
            }
        }
    }
}

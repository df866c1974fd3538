import HeadroomScenario

/// The version of Headroom, recorded in baselines so a check can tell when the simulator that
/// made one differs from the one checking against it.
public enum HeadroomVersion {
    /// This build's version.
    public static let current = "0.1.0"
}

/// What `headroom check --update-baseline` records, per scenario file, for later checks to
/// compare with: every compared metric's value in each replication, with the seeds, so a later
/// check runs the same seeds (common random numbers) and compares replication by replication.
public struct Baseline: Sendable, Equatable {
    /// The version of this file's shape.
    public static let formatVersion = 1

    /// One scenario's record.
    public struct Entry: Sendable, Equatable {
        /// The scenario file, relative to the baseline file's folder (the key a check looks it up by).
        public var file: String
        /// The scenario's `name` when recorded.
        public var scenario: String
        /// ``ScenarioFingerprint`` of the scenario document (with `--set` overrides) when recorded.
        public var scenarioHash: String
        /// The Headroom version that recorded it.
        public var headroomVersion: String
        /// The first replication's seed.
        public var seed: UInt64
        /// Replications recorded (the values of each metric).
        public var replications: Int
        /// The warm-up the runs used, in seconds.
        public var warmupSeconds: Double
        /// Every ``RegressionMetric``'s value in each replication, in replication order.
        public var values: [RegressionMetric: [Double]]

        public init(
            file: String, scenario: String, scenarioHash: String, headroomVersion: String = HeadroomVersion.current,
            seed: UInt64, replications: Int, warmupSeconds: Double, values: [RegressionMetric: [Double]]
        ) {
            self.file = file
            self.scenario = scenario
            self.scenarioHash = scenarioHash
            self.headroomVersion = headroomVersion
            self.seed = seed
            self.replications = replications
            self.warmupSeconds = warmupSeconds
            self.values = values
        }

        /// The record of `results` (replications of the scenario in `file`, in order).
        public init(file: String, scenarioHash: String, results: [Results]) {
            precondition(!results.isEmpty, "a baseline records at least one replication")
            var values: [RegressionMetric: [Double]] = [:]
            // A metric some replication has no value for (a latency where nothing completed) is
            // not recorded: there is nothing to compare a candidate with.
            for metric in RegressionMetric.allCases {
                let recorded = results.compactMap { metric.value(in: $0).map(Baseline.quantized) }
                if recorded.count == results.count { values[metric] = recorded }
            }
            self.init(
                file: file, scenario: results[0].scenario, scenarioHash: scenarioHash, seed: results[0].seed,
                replications: results.count, warmupSeconds: results[0].warmupSeconds, values: values)
        }
    }

    /// The entries, sorted by file.
    public private(set) var entries: [Entry]

    /// A baseline of `entries`.
    public init(entries: [Entry]) { self.entries = entries.sorted { $0.file < $1.file } }

    /// The entry for `file`, if recorded.
    public func entry(for file: String) -> Entry? { entries.first { $0.file == file } }

    /// Replaces (or adds) the entries for the files of `newEntries`, keeping the others.
    public mutating func update(with newEntries: [Entry]) {
        let files = Set(newEntries.map(\.file))
        self = Baseline(entries: entries.filter { !files.contains($0.file) } + newEntries)
    }

    /// Values are stored to 6 decimal places (a nanosecond, for milliseconds), and a check rounds
    /// its own the same way before comparing, so an unchanged scenario compares exactly equal.
    public static func quantized(_ x: Double) -> Double {
        guard x.isFinite else { return 0 }
        return (x * 1e6).rounded() / 1e6
    }
}

/// A short, stable fingerprint of a scenario document: FNV-1a (64-bit) over its compact JSON
/// rendering, so formatting does not count but any change of a key or a value does. It detects
/// change; it is not a defence against forgery.
public enum ScenarioFingerprint {
    /// `fnv1a64:` and 16 hex digits.
    public static func of(_ document: JSONValue) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in document.rendered(pretty: false).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

// MARK: - JSON

extension Baseline {
    /// The baseline as the JSON document `--update-baseline` writes (keys in a fixed order).
    public var json: JSONValue {
        .object([
            ("formatVersion", .int(Self.formatVersion)),
            ("headroomVersion", .string(HeadroomVersion.current)),
            ("scenarios", .array(entries.map { e in
                .object([
                    ("file", .string(e.file)),
                    ("scenario", .string(e.scenario)),
                    ("scenarioHash", .string(e.scenarioHash)),
                    ("headroomVersion", .string(e.headroomVersion)),
                    ("seed", .uint64(e.seed)),
                    ("replications", .int(e.replications)),
                    ("warmupSeconds", .number(Baseline.quantized(e.warmupSeconds))),
                    ("metrics", .object(RegressionMetric.allCases.compactMap { metric in
                        e.values[metric].map { (metric.rawValue, .array($0.map { .number($0) })) }
                    })),
                ])
            })),
        ])
    }

    /// Reads a baseline document strictly; `file` names it in diagnostics.
    ///
    /// - Throws: ``ScenarioError`` listing every problem with its JSON path: a wrong shape, a
    ///   missing key, an unknown one, a metric array of the wrong length, an unsupported format version.
    public static func read(_ text: String, file: String) throws(ScenarioError) -> Baseline {
        let document: JSONValue
        do {
            document = try JSONValue.parse(text)
        } catch {
            throw ScenarioError(file: file, diagnostics: [ScenarioDiagnostic(path: "", message: "not a baseline: \(error.description)")])
        }
        var reader = BaselineReader()
        let baseline = reader.read(document)
        guard let baseline, reader.problems.isEmpty else {
            throw ScenarioError(file: file, diagnostics: reader.problems)
        }
        return baseline
    }
}

/// The strict reader behind ``Baseline/read(_:file:)``.
private struct BaselineReader {
    var problems: [ScenarioDiagnostic] = []

    mutating func report(_ path: String, _ message: String) { problems.append(ScenarioDiagnostic(path: path, message: message)) }

    mutating func object(_ value: JSONValue?, _ path: String, keys: [String], required: [String]) -> JSONObject? {
        guard let value else { return nil }
        guard let object = value.objectValue else {
            report(path, "found \(DiagnosticWording.foundWrongType(value)); expected an object")
            return nil
        }
        for key in object.keys where !keys.contains(key) {
            report(Self.join(path, key), "unknown key \(DiagnosticWording.quoted(key))" + DiagnosticWording.suggestion(for: key, among: keys))
        }
        for key in required where object[key] == nil {
            report(path, "missing key \(DiagnosticWording.quoted(key))")
        }
        return object
    }

    mutating func string(_ object: JSONObject, _ key: String, _ path: String) -> String? {
        guard let value = object[key] else { return nil }
        guard let s = value.stringValue else {
            report(Self.join(path, key), "found \(DiagnosticWording.foundWrongType(value)); expected a string")
            return nil
        }
        return s
    }

    mutating func integer(_ object: JSONObject, _ key: String, _ path: String, minimum: Int) -> Int? {
        guard let value = object[key] else { return nil }
        guard let n = value.numberValue?.intValue, n >= minimum else {
            report(Self.join(path, key), "found \(DiagnosticWording.foundWrongType(value)); expected an integer ≥ \(minimum)")
            return nil
        }
        return n
    }

    mutating func read(_ document: JSONValue) -> Baseline? {
        let keys = ["formatVersion", "headroomVersion", "scenarios"]
        guard let root = object(document, "", keys: keys, required: keys) else { return nil }
        if let version = root["formatVersion"], version.numberValue?.intValue != Baseline.formatVersion {
            report("formatVersion", "found \(DiagnosticWording.found(version)); expected \(Baseline.formatVersion) (this Headroom reads baseline format \(Baseline.formatVersion); re-record the baseline with --update-baseline)")
        }
        _ = string(root, "headroomVersion", "")
        guard let scenarios = root["scenarios"] else { return nil }
        guard let array = scenarios.arrayValue else {
            report("scenarios", "found \(DiagnosticWording.foundWrongType(scenarios)); expected an array of scenario records")
            return nil
        }
        var entries: [Baseline.Entry] = []
        for (i, element) in array.enumerated() {
            if let entry = readEntry(element, "scenarios[\(i)]") { entries.append(entry) }
        }
        var seen: Set<String> = []
        for (i, entry) in entries.enumerated() where !seen.insert(entry.file).inserted {
            report("scenarios[\(i)].file", "\(DiagnosticWording.quoted(entry.file)) is recorded twice")
        }
        return Baseline(entries: entries)
    }

    mutating func readEntry(_ value: JSONValue, _ path: String) -> Baseline.Entry? {
        let keys = ["file", "scenario", "scenarioHash", "headroomVersion", "seed", "replications", "warmupSeconds", "metrics"]
        guard let o = object(value, path, keys: keys, required: keys) else { return nil }
        let file = string(o, "file", path), scenario = string(o, "scenario", path)
        let hash = string(o, "scenarioHash", path), version = string(o, "headroomVersion", path)
        var seed: UInt64?
        if let value = o["seed"] {
            seed = value.numberValue?.uint64Value
            if seed == nil { report(Self.join(path, "seed"), "found \(DiagnosticWording.foundWrongType(value)); expected an integer from 0 to 18446744073709551615") }
        }
        let replications = integer(o, "replications", path, minimum: 1)
        var warmup: Double?
        if let value = o["warmupSeconds"] {
            warmup = value.numberValue.map(\.double).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil }
            if warmup == nil { report(Self.join(path, "warmupSeconds"), "found \(DiagnosticWording.foundWrongType(value)); expected a number ≥ 0") }
        }
        let metricsPath = Self.join(path, "metrics")
        let names = RegressionMetric.allCases.map(\.rawValue)
        var values: [RegressionMetric: [Double]] = [:]
        if let metrics = object(o["metrics"], metricsPath, keys: names, required: names) {
            for member in metrics {
                guard let metric = RegressionMetric(rawValue: member.key) else { continue }
                let numbers = member.value.arrayValue?.compactMap { $0.numberValue?.double }
                guard let numbers, numbers.count == member.value.arrayValue?.count else {
                    report(Self.join(metricsPath, member.key), "found \(DiagnosticWording.foundWrongType(member.value)); expected an array of numbers")
                    continue
                }
                if let replications, numbers.count != replications {
                    report(Self.join(metricsPath, member.key), "found \(numbers.count) values; expected one per replication (\(replications))")
                    continue
                }
                values[metric] = numbers
            }
        }
        guard let file, let scenario, let hash, let version, let seed, let replications, let warmup,
              values.count == RegressionMetric.allCases.count
        else { return nil }
        return Baseline.Entry(
            file: file, scenario: scenario, scenarioHash: hash, headroomVersion: version, seed: seed,
            replications: replications, warmupSeconds: warmup, values: values)
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// What-ifs from the command line: `--set PATH=VALUE` patches a scenario *document* before it is
/// read, so the patched scenario goes through the same strict reader and validator as the file
/// and a wrong value gets the same diagnostic — attributed to the `--set` option that caused it.
///
/// `PATH` walks the document with dots: object keys by name (`workload.rate`), array elements by
/// index (`routes.0.responseKB` or `routes[0].responseKB`) or by the element's `id`, `class` or
/// `name` (`components.app.instances`, `routes.read.responseKB`). A missing key is added (the
/// reader then says whether the format knows it, with a "did you mean"); a missing array element
/// is an error. `VALUE` is read as JSON when it is valid JSON (`3`, `true`, `{"dist": …}`) and as a
/// string otherwise (`2m`, `leastConnections`).
public struct ScenarioOverride: Sendable, Hashable {
    /// The option as given: `components.app.instances=3`.
    public var text: String
    /// The path part: `components.app.instances`.
    public var path: String
    /// The value part, read as JSON or as a string.
    public var value: JSONValue

    /// Splits `text` at its first `=`; nil when there is none or the path is empty.
    public init?(_ text: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        self.text = text
        path = String(text[..<equals])
        let raw = String(text[text.index(after: equals)...])
        value = (try? JSONValue.parse(raw)) ?? .string(raw)
    }

    /// How `--set` names itself in diagnostics: `--set components.app.instances`.
    public var option: String { "--set \(path)" }
}

/// A scenario read from a document with `--set` overrides applied.
public struct LoadedScenario: Sendable {
    /// The validated scenario.
    public var scenario: Scenario
    /// The document it was read from, overrides applied (what a baseline fingerprints).
    public var document: JSONValue
    /// True when the document gives a `warmup` (otherwise it is found by MSER-5).
    public var setsWarmup: Bool
}

extension ScenarioLoader {
    /// Reads the scenario file at `path`, applies `overrides` (`PATH=VALUE`) to its document, then
    /// reads and validates it as ``load(path:)`` does.
    ///
    /// - Throws: ``ScenarioError`` with every problem: the file's own, a malformed or unknown
    ///   `--set` path (with "did you mean"), and the reader's or validator's diagnostics for the
    ///   patched values, which name the `--set` option instead of the JSON path.
    public static func load(path: String, overrides: [String]) throws(ScenarioError) -> LoadedScenario {
        let text: String
        switch readText(atPath: path) {
        case .success(let contents): text = contents
        case .failure(let problem):
            throw ScenarioError(file: path, diagnostics: [ScenarioDiagnostic(path: "", message: "cannot read the file: \(problem.reason)")])
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(text)
        } catch {
            throw ScenarioError(file: path, diagnostics: [ScenarioDiagnostic(path: "", message: error.description)])
        }
        return try decode(document: document, file: path, overrides: overrides)
    }

    /// Applies `overrides` to `document`, then reads and validates it; `file` names it in diagnostics.
    public static func decode(document: JSONValue, file: String, overrides: [String]) throws(ScenarioError) -> LoadedScenario {
        var patched = document
        var applied: [(override: ScenarioOverride, patcher: OverridePatcher)] = []
        var problems: [ScenarioDiagnostic] = []
        for text in overrides {
            guard let override = ScenarioOverride(text) else {
                problems.append(ScenarioDiagnostic(path: "--set \(text)", message: "expected PATH=VALUE, such as components.app.instances=3"))
                continue
            }
            var patcher = OverridePatcher(override: override)
            if let result = patcher.apply(to: patched) {
                patched = result
                applied.append((override, patcher))
            } else if let problem = patcher.problem {
                problems.append(problem)
            }
        }
        guard problems.isEmpty else { throw ScenarioError(file: file, diagnostics: problems) }
        do {
            let scenario = try decode(json: patched, file: file)
            return LoadedScenario(scenario: scenario, document: patched, setsWarmup: patched["warmup"] != nil)
        } catch {
            // Name the --set option behind each problem it caused (the last one that touched the path).
            let attributed = error.diagnostics.map { d -> ScenarioDiagnostic in
                for (override, patcher) in applied.reversed() {
                    if let message = patcher.attribute(d) { return ScenarioDiagnostic(path: override.option, message: message) }
                }
                return d
            }
            throw ScenarioError(file: file, diagnostics: attributed)
        }
    }
}

/// Walks one `--set` path through a document and writes its value there.
struct OverridePatcher {
    enum Segment {
        case name(String)
        case index(Int)
    }

    let override: ScenarioOverride
    /// The JSON path written to, as the reader would name it (`components[1].instances`).
    private(set) var target = JSONPath.root
    /// Where the first missing key was created, if any: the object it was added to, the key, and
    /// the keys that object already had.
    private(set) var created: (parent: JSONPath, key: String, siblings: [String])?
    private(set) var problem: ScenarioDiagnostic?

    init(override: ScenarioOverride) { self.override = override }

    /// The message to give `diagnostic` under this `--set`, or nil when the `--set` did not cause it.
    ///
    /// It did when the diagnostic is at the written path or inside it (then the inner path leads
    /// the message), or on an object this `--set` created on the way. The reader reports an
    /// unknown key at the object holding it: when that key is the one this `--set` added and the
    /// reader has no suggestion (it suggests only keys not yet present), the nearest key the
    /// object already has is suggested — changing an existing value is what `--set` is for.
    func attribute(_ diagnostic: ScenarioDiagnostic) -> String? {
        func within(_ inner: String, _ outer: String) -> Bool {
            inner == outer || inner.hasPrefix(outer + ".") || inner.hasPrefix(outer + "[")
        }
        let path = diagnostic.path, written = target.description
        if within(path, written) { return path == written ? diagnostic.message : "\(path): \(diagnostic.message)" }
        guard let created else { return nil }
        let createdPath = created.parent.key(created.key).description
        if within(path, createdPath) && within(written, path) { return "\(path): \(diagnostic.message)" }
        let unknown = "unknown key \(DiagnosticWording.quotedShort(created.key))"
        guard path == created.parent.description, diagnostic.message.hasPrefix(unknown) else { return nil }
        if !diagnostic.message.contains("did you mean"), let near = DiagnosticWording.nearest(to: created.key, among: created.siblings) {
            return "\(unknown); did you mean \(DiagnosticWording.quoted(near))?"
        }
        return diagnostic.message
    }

    /// The document with the value written, or nil (and a ``problem``) when the path does not fit it.
    mutating func apply(to document: JSONValue) -> JSONValue? {
        guard let segments = Self.segments(override.path) else {
            problem = ScenarioDiagnostic(
                path: override.option, message: "expected a path of keys, ids and indices separated by dots, such as components.app.instances")
            return nil
        }
        return write(segments[...], into: document, at: .root)
    }

    /// `a.b[2].c` → name a, name b, index 2, name c; nil for empty segments or a malformed index.
    static func segments(_ path: String) -> [Segment]? {
        var result: [Segment] = []
        var current = ""
        var chars = Substring(path)
        func flushName() -> Bool {
            guard !current.isEmpty else { return false }
            result.append(.name(current))
            current = ""
            return true
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case ".":
                if current.isEmpty, case .index? = result.last { continue }  // `a[1].b`
                guard flushName() else { return nil }
            case "[":
                if !current.isEmpty { _ = flushName() }
                guard let close = chars.firstIndex(of: "]"), let i = Int(chars[..<close]), i >= 0 else { return nil }
                result.append(.index(i))
                chars = chars[chars.index(after: close)...]
                if let next = chars.first, next != ".", next != "[" { return nil }
            default:
                current.append(c)
            }
        }
        if !current.isEmpty { result.append(.name(current)) }
        return result.isEmpty ? nil : result
    }

    private mutating func write(_ rest: ArraySlice<Segment>, into node: JSONValue?, at path: JSONPath) -> JSONValue? {
        guard let segment = rest.first else {
            target = path
            return override.value
        }
        let remaining = rest.dropFirst()
        switch node {
        case .object(var object)?:
            let key: String
            switch segment {
            case .name(let name): key = name
            case .index(let i): key = String(i)
            }
            let childPath = path.key(key)
            var child = object[key]
            if child == nil {
                if created == nil { created = (path, key, object.keys) }
                if !remaining.isEmpty { child = .object([:]) }
            }
            guard let written = write(remaining, into: child, at: childPath) else { return nil }
            object[key] = written
            return .object(object)
        case .array(var elements)?:
            let index: Int
            switch segment {
            case .index(let i):
                index = i
            case .name(let name):
                if let i = Int(name), i >= 0 {
                    index = i
                } else if let i = elements.firstIndex(where: { Self.label(of: $0) == name }) {
                    index = i
                } else {
                    let labels = elements.compactMap(Self.label(of:))
                    let suggestion = DiagnosticWording.suggestion(for: name, among: labels)
                    problem = ScenarioDiagnostic(
                        path: override.option, message: "\(Self.name(path)) has no element with id, class or name \(DiagnosticWording.quoted(name))\(suggestion)")
                    return nil
                }
            }
            guard elements.indices.contains(index) else {
                let range = elements.isEmpty ? "it is empty" : "its indices are 0 to \(elements.count - 1)"
                problem = ScenarioDiagnostic(path: override.option, message: "\(Self.name(path)) has no element \(index); \(range)")
                return nil
            }
            guard let written = write(remaining, into: elements[index], at: path.index(index)) else { return nil }
            elements[index] = written
            return .array(elements)
        case let scalar?:
            problem = ScenarioDiagnostic(
                path: override.option,
                message: "\(Self.name(path)) is \(DiagnosticWording.foundWrongType(scalar)), which has no members")
            return nil
        case nil:
            return nil  // not reached: missing keys are created above
        }
    }

    /// An array element's label: its `id`, `class` or `name`, whichever it has first.
    static func label(of element: JSONValue) -> String? {
        for key in ["id", "class", "name"] {
            if let label = element[key]?.stringValue { return label }
        }
        return nil
    }

    static func name(_ path: JSONPath) -> String { path.description.isEmpty ? "the document" : path.description }
}

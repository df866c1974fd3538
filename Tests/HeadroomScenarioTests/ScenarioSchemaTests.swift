import Foundation
import Testing

@testable import HeadroomScenario

/// The published JSON Schema agrees with the reader, key for key, and a real validator accepts
/// every valid scenario we can make and rejects what the reader rejects structurally.
@Suite("Scenario JSON Schema")
struct ScenarioSchemaTests {
    static let schema = ScenarioSchema.document()

    /// The schema of `$defs/name`.
    static func definition(_ name: String) -> JSONValue? { schema["$defs"]?[name] }

    /// The property names of an object schema, in order.
    static func keys(_ object: JSONValue?) -> [String] { object?["properties"]?.objectValue?.keys ?? [] }

    @Test("each object of the schema has exactly the keys the reader accepts")
    func keysMatchReader() throws {
        #expect(Self.keys(Self.schema) == ["$schema"] + ScenarioKeys.scenario)
        #expect(Self.keys(Self.definition("workload")) == ScenarioKeys.workload)
        #expect(Self.keys(Self.definition("route")) == ScenarioKeys.route)
        #expect(Self.keys(Self.definition("histogramBin")) == ScenarioKeys.histogramBin)
        #expect(Self.keys(Self.definition("burst")) == ScenarioKeys.burst)
        #expect(Self.keys(Self.definition("sla")) == ScenarioKeys.sla)
        #expect(Self.keys(Self.definition("objective")) == ScenarioKeys.objective)
        // One definition per registered kind, offered by `component` and naming its kind.
        let components = Self.definition("component")?["oneOf"]?.arrayValue ?? []
        #expect(components.count == ComponentKind.allCases.count)
        for kind in ComponentKind.allCases {
            let definition = Self.definition(ScenarioSchema.componentDefinition(kind))
            #expect(definition?["properties"]?["kind"]?["const"]?.stringValue == kind.rawValue)
            #expect(Self.keys(definition?["properties"]?["pricing"]) == kind.descriptor.pricing.map(\.rawValue), "\(kind)")
        }
        let steps = Self.definition("step")?["oneOf"]?.arrayValue ?? []
        #expect(steps.count == StepKind.allCases.count)
    }

    /// The reader's diagnostics about `key` on a component of `kind`, besides values it dislikes.
    static func keyDiagnostics(kind: ComponentKind, key: String) -> [String] {
        let component = JSONValue.object([("id", "x"), ("kind", .string(kind.rawValue)), (key, "5ms")])
        let document = Fixtures.minimal("components", [["id": "api", "kind": "service", "serviceTime": "20ms"], component])
        return Fixtures.diagnostics(document).filter { $0.contains("key \(JSONWriter.quoted(key))") && !$0.contains("missing") }
    }

    @Test("the reader takes on a component of each kind exactly the keys its schema definition lists")
    func componentKeysMatchReader() throws {
        let everyKey = Set(ComponentKind.allCases.flatMap { Self.keys(Self.definition(ScenarioSchema.componentDefinition($0))) })
        #expect(everyKey.isSuperset(of: ["id", "kind", "pricing", "instances", "backends", "memoryMB", "burst"]))
        for kind in ComponentKind.allCases {
            let listed = Set(Self.keys(Self.definition(ScenarioSchema.componentDefinition(kind))))
            for key in everyKey.subtracting(["id", "kind"]).sorted() {
                let diagnostics = Self.keyDiagnostics(kind: kind, key: key)
                if listed.contains(key) {
                    #expect(diagnostics.isEmpty, "\(kind) \(key): \(diagnostics)")
                } else {
                    #expect(diagnostics.count == 1 && diagnostics[0].contains("does not apply to kind"), "\(kind) \(key): \(diagnostics)")
                }
            }
        }
    }

    @Test("the reader takes in a step exactly the keys its schema definition lists")
    func stepKeysMatchReader() throws {
        for kind in StepKind.allCases {
            let definition = try #require(Self.definition(ScenarioSchema.stepDefinition(kind)))
            #expect(definition["required"]?.arrayValue?.contains(.string(kind.rawValue)) == true, "the discriminator is required")
            for key in Self.keys(definition) where key != kind.rawValue {
                let step = JSONValue.object([(kind.rawValue, "api"), (key, "x")])
                let lines = Fixtures.diagnostics(Fixtures.withSteps([step]))
                #expect(!lines.contains { $0.contains("key \(JSONWriter.quoted(key))") }, "\(key): \(lines)")
            }
            // A fan-out's discriminator holds its branches, not an id.
            let value: JSONValue = kind == .parallel ? [["call": "api"]] : "api"
            let extra = JSONValue.object([(kind.rawValue, value), ("extra", 1)])
            #expect(Fixtures.diagnostics(Fixtures.withSteps([extra])).count == 1)
        }
    }

    @Test("every distribution's object forms take exactly the reader's parameters for its dist")
    func distributionsMatchReader() throws {
        let variants = Self.definition("distribution")?["oneOf"]?.arrayValue ?? []
        #expect(variants.count == ScenarioSchema.distributionVariants.count + 1)
        var byDist: [String: Set<String>] = [:]
        for variant in ScenarioSchema.distributionVariants {
            let definition = try #require(Self.definition(variant.definition))
            let dist = try #require(definition["properties"]?["dist"]?["const"]?.stringValue)
            #expect(dist == variant.dist)
            byDist[dist, default: []].formUnion(Self.keys(definition))
        }
        #expect(Set(byDist.keys) == Set(DistributionSpec.names))
        for name in DistributionSpec.names {
            #expect(byDist[name] == Set(["dist"] + (ScenarioKeys.distribution[name] ?? [])), "\(name)")
        }
    }

    /// Every object schema in `value` with its location.
    static func objectSchemas(_ value: JSONValue, at path: String = "#") -> [(String, JSONValue)] {
        var found: [(String, JSONValue)] = []
        switch value {
        case .object(let object):
            if object["properties"] != nil { found.append((path, value)) }
            for member in object { found += objectSchemas(member.value, at: "\(path)/\(member.key)") }
        case .array(let elements):
            for (i, e) in elements.enumerated() { found += objectSchemas(e, at: "\(path)/\(i)") }
        default: break
        }
        return found
    }

    @Test("every property has a description, and every object is closed except the mix")
    func descriptionsAndClosedObjects() {
        let objects = Self.objectSchemas(Self.schema)
        #expect(objects.count >= 25)
        for (path, object) in objects {
            #expect(object["additionalProperties"] == .bool(false), "\(path) is not closed")
            for member in object["properties"]?.objectValue ?? [:] {
                let description = member.value["description"]?.stringValue ?? ""
                #expect(!description.isEmpty, "\(path)/properties/\(member.key) has no description")
            }
        }
        let mix = Self.schema["$defs"]?["workload"]?["properties"]?["mix"]
        #expect(mix?["additionalProperties"]?["description"]?.stringValue?.isEmpty == false)
    }

    @Test("docs/scenario.schema.json is the generated schema (regenerate with `headroom schema -o docs/scenario.schema.json`)")
    func committedSchema() throws {
        let url = ScenarioDSLTests.root.appendingPathComponent("docs/scenario.schema.json")
        #expect(try String(contentsOf: url, encoding: .utf8) == ScenarioSchema.text())
    }

    @Test("the duration pattern accepts what the reader reads, in canonical form and as people write it")
    func durationPattern() throws {
        let regex = try Regex(ScenarioSchema.durationPattern)
        for text in ["250ms", "1.5s", "5m", "2h", "1d", "100us", "5 µs", " 5 ms ", "2.5e3us", "1e-10s", ".5s", "5.s", "300.00000000000006ms", "0s"] {
            #expect(TimeSpan(parsing: text) != nil, "\(text)")
            #expect(text.wholeMatch(of: regex) != nil, "\(text)")
        }
        for text in ["5", "ms", "5 sec", "-5ms", "5msec", "1,5s", "five s"] {
            #expect(text.wholeMatch(of: regex) == nil, "\(text)")
        }
    }

    // MARK: With a real validator

    @Test("a real JSON Schema validator accepts every example, doc example and encoded random scenario")
    func validatorAcceptsValidScenarios() throws {
        var documents: [(name: String, document: JSONValue)] = []
        for file in ExampleScenarioTests.examples {
            let text = try String(contentsOf: ScenarioDSLTests.root.appendingPathComponent(file), encoding: .utf8)
            documents.append((file, try JSONValue.parse(text)))
        }
        for (i, block) in DocumentationTests.codeBlocks(try DocumentationTests.page()).enumerated() where block.language == "json" {
            guard (try? ScenarioLoader.decode(text: block.text, file: "doc.json")) != nil else { continue }
            documents.append(("docs/scenario-format.md block \(i)", try JSONValue.parse(block.text)))
        }
        #expect(documents.count >= 4)
        documents.append(("rich fixture", try JSONValue.parse(Fixtures.richText)))
        documents.append(("with $schema", Fixtures.minimal("$schema", "./docs/scenario.schema.json")))
        var rng = SplitMix64(seed: 77)
        for seed in 0..<300 {
            documents.append(("random scenario \(seed)", ScenarioEncoder.encode(RandomScenario.make(using: &rng))))
        }
        documents.append(("startup-mvp from Swift, encoded", ScenarioEncoder.encode(try ScenarioDSLTests.startupMVP())))
        for (name, errors) in try PythonJSONSchema.validate(documents, against: Self.schema) {
            #expect(errors.isEmpty, "\(name): \(errors)")
        }
    }

    @Test("a real JSON Schema validator rejects structural mistakes the reader rejects")
    func validatorRejectsInvalidScenarios() throws {
        let cases: [(String, JSONValue)] = [
            ("unknown root key", Fixtures.minimal("extra", 1)),
            ("missing duration", Fixtures.minimal("duration", nil)),
            ("bare-number duration", Fixtures.minimal("duration", 600)),
            ("duration without unit", Fixtures.minimal("duration", "600")),
            ("unknown kind", Fixtures.withComponent(["id": "api", "kind": "servce", "serviceTime": "20ms"])),
            ("misspelt key", Fixtures.withComponent(["id": "api", "kind": "service", "instnces": 2, "serviceTime": "20ms"])),
            ("key of another kind", Fixtures.withComponent(["id": "api", "kind": "service", "backends": ["x"], "serviceTime": "20ms"])),
            ("foreign dist parameter", Fixtures.withServiceTime(["dist": "exponential", "mean": "20ms", "stddev": "1ms"])),
            ("mixed lognormal", Fixtures.withServiceTime(["dist": "lognormal", "mean": "20ms", "cv": 1, "p99": "1s"])),
            ("instances 0", Fixtures.withComponent(["id": "api", "kind": "service", "instances": 0, "serviceTime": "20ms"])),
            ("fractional concurrency", Fixtures.withComponent(["id": "api", "kind": "service", "concurrency": 1.5, "serviceTime": "20ms"])),
            ("probability > 1", Fixtures.withSteps([["call": "api", "probability": 1.5]])),
            ("unknown step key", Fixtures.withSteps([["cal": "api"]])),
            ("non-string $schema", Fixtures.minimal("$schema", 1)),
            ("pareto shape 1", Fixtures.withServiceTime(["dist": "pareto", "shape": 1, "scale": "1ms"])),
            ("instances above the limit", Fixtures.withComponent(["id": "api", "kind": "service", "instances": 100_001, "serviceTime": "20ms"])),
            ("concurrency of 2^31", Fixtures.withComponent(["id": "api", "kind": "service", "concurrency": 2_147_483_648, "serviceTime": "20ms"])),
            ("storage priced on a service", Fixtures.withComponent(["id": "api", "kind": "service", "serviceTime": "20ms", "pricing": ["storageGB": 1]])),
            ("a step without a discriminator", Fixtures.withSteps([["probability": 0.5]])),
            ("a time bucket without a unit", Fixtures.minimal("timeBucket", 10)),
            ("no keys", KeysAndTimeBucketTests.withKeys(["dist": "uniform", "count": 0])),
            ("a negative Zipf exponent", KeysAndTimeBucketTests.withKeys(["dist": "zipf", "exponent": -1, "count": 10])),
            ("an unknown key distribution", KeysAndTimeBucketTests.withKeys(["dist": "normal", "count": 10])),
        ]
        let results = try PythonJSONSchema.validate(cases.map { (name: $0.0, document: $0.1) }, against: Self.schema)
        #expect(results.count == cases.count)
        for ((name, errors), (_, document)) in zip(results, cases) {
            #expect(!errors.isEmpty, "\(name) was accepted by the schema")
            #expect(Fixtures.diagnostics(document) != ["OK"], "\(name) was accepted by the reader")
        }
    }

    // MARK: The $schema key

    @Test("a \"$schema\" key is accepted and ignored")
    func schemaKeyIgnored() throws {
        let plain = try ScenarioLoader.decode(json: Fixtures.minimal, file: "s.json")
        let referenced = try ScenarioLoader.decode(json: Fixtures.minimal("$schema", "./docs/scenario.schema.json"), file: "s.json")
        #expect(referenced == plain)
        // It is not written back: the encoder writes the scenario, not where its schema lives.
        #expect(ScenarioEncoder.encode(referenced)["$schema"] == nil)
    }

    @Test("a \"$schema\" that is not a string is reported")
    func schemaKeyMustBeAString() {
        #expect(Fixtures.diagnostics(Fixtures.minimal("$schema", 1)) == [
            #"s.json: ["$schema"]: found 1 (a number); expected a string: the URL or path of the scenario JSON Schema"#
        ])
        // Other problems are still all reported, and the allowed keys listed do not include "$schema".
        #expect(Fixtures.diagnostics(Fixtures.minimal([("$schema", "x"), ("extra", 1)])) == [
            #"s.json: unknown key "extra"; expected one of "name", "description", "seed", "duration", "warmup", "timeBucket", "workload", "components", "routes", "sla""#
        ])
    }
}

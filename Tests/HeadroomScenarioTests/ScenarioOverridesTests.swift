import Testing

@testable import HeadroomScenario

@Suite("--set PATH=VALUE overrides")
struct ScenarioOverridesTests {
    static let text = """
        {
          "name": "shop", "seed": 3, "duration": "10m",
          "workload": { "rate": 100, "mix": { "read": 9, "write": 1 } },
          "components": [
            { "id": "lb", "kind": "loadBalancer", "backends": ["app"] },
            { "id": "app", "kind": "service", "instances": 2, "concurrency": 8,
              "serviceTime": { "dist": "exponential", "mean": "12ms" } }
          ],
          "routes": [
            { "class": "read", "steps": [ { "call": "lb" } ] },
            { "class": "write", "responseKB": 2, "steps": [ { "call": "lb" } ] }
          ]
        }
        """

    static func load(_ sets: [String], text: String = text) throws(ScenarioError) -> LoadedScenario {
        do {
            return try ScenarioLoader.decode(document: try JSONValue.parse(text), file: "shop.json", overrides: sets)
        } catch let error as ScenarioError {
            throw error
        } catch {
            fatalError("fixture is not JSON: \(error)")
        }
    }

    /// The diagnostics `text`, edited by hand, gets from the reader and validator without `--set`.
    static func diagnostics(ofEdited replace: String, with replacement: String) -> [ScenarioDiagnostic] {
        let edited = text.replacingOccurrences(of: replace, with: replacement)
        #expect(edited != text, "the edit must change the fixture")
        do {
            _ = try load([], text: edited)
            return []
        } catch {
            return error.diagnostics
        }
    }

    static func problems(_ sets: [String]) -> [String] {
        do {
            _ = try load(sets)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("values are JSON when they parse as JSON, strings otherwise; paths go by key, id, class and index")
    func applies() throws {
        let loaded = try Self.load([
            "components.app.instances=3", "workload.rate=450", "duration=2m", "warmup=20s",
            "routes.write.responseKB=4", "routes[0].responseKB=1.5", "components.1.concurrency=4",
            #"components.app.serviceTime={"dist": "constant", "value": "5ms"}"#, "components.lb.strategy=random",
        ])
        let s = loaded.scenario
        #expect(s.workload.rate == 450 && s.duration == .minutes(2) && s.warmup == .seconds(20))
        #expect(s.routes.map(\.responseKB) == [1.5, 4])
        // Component values are checked in the document the reader accepted (their Swift types are the reader's business).
        let app = loaded.document["components"]?[1]
        #expect(app?["instances"] == 3 && app?["concurrency"] == 4)
        #expect(app?["serviceTime"] == ["dist": "constant", "value": "5ms"])
        #expect(loaded.document["components"]?[0]?["strategy"] == "random")
        #expect(loaded.setsWarmup)
        #expect(try !Self.load([]).setsWarmup)
        // The first `=` splits: the value may hold more.
        #expect(ScenarioOverride("description=a=b")?.value == "a=b")
    }

    @Test("a malformed --set or a path that does not fit the document is an error with a suggestion", arguments: [
        ("components.app.instances", "--set components.app.instances: expected PATH=VALUE, such as components.app.instances=3"),
        ("=3", "--set =3: expected PATH=VALUE, such as components.app.instances=3"),
        ("components..instances=3", "--set components..instances: expected a path of keys, ids and indices separated by dots, such as components.app.instances"),
        ("components.ap.instances=3", #"--set components.ap.instances: components has no element with id, class or name "ap"; did you mean "app"?"#),
        ("components.database.instances=3", #"--set components.database.instances: components has no element with id, class or name "database"; expected one of "lb", "app""#),
        ("routes.5.responseKB=3", "--set routes.5.responseKB: routes has no element 5; its indices are 0 to 1"),
        ("duration.unit=s", #"--set duration.unit: duration is "10m" (a string), which has no members"#),
    ])
    func pathProblems(_ set: String, _ message: String) {
        #expect(Self.problems([set]) == [message])
    }

    @Test("a wrong value gets the diagnostic the file would get, naming the --set option")
    func sameDiagnosticsAsTheFile() throws {
        let cases: [(set: String, replace: String, with: String, path: String)] = [
            ("components.app.instances=three", #""instances": 2"#, #""instances": "three""#, "components[1].instances"),
            ("components.app.instances=0", #""instances": 2"#, #""instances": 0"#, "components[1].instances"),
            ("workload.rate=-5", #""rate": 100"#, #""rate": -5"#, "workload.rate"),
            ("components.app.queueCapcity=3", #""instances": 2,"#, #""instances": 2, "queueCapcity": 3,"#, "components[1]"),
            ("duration=2", #""duration": "10m""#, #""duration": 2"#, "duration"),
        ]
        for c in cases {
            let expected = Self.diagnostics(ofEdited: c.replace, with: c.with)
            #expect(expected.count == 1 && expected.first?.path == c.path, "\(c.set): the file's own diagnostics are \(expected)")
            let option = "--set " + String(c.set[..<c.set.firstIndex(of: "=")!])
            #expect(Self.problems([c.set]) == expected.map { "\(option): \($0.message)" }, "\(c.set)")
        }
        // The reader suggests a key the object lacks ("queueCapacity" above); for a key it already
        // has, which is what a --set usually means to change, the suggestion comes from the object.
        #expect(Self.problems(["components.app.queueCapcity=3"]) == [#"--set components.app.queueCapcity: unknown key "queueCapcity"; did you mean "queueCapacity"?"#])
        #expect(Self.problems(["components.app.instnces=3"]) == [#"--set components.app.instnces: unknown key "instnces"; did you mean "instances"?"#])
        #expect(Self.problems(["workload.rat=3"]) == [#"--set workload.rat: unknown key "rat"; did you mean "rate"?"#])
    }

    @Test("a misspelt key on the way is created, and the reader's diagnostic for it names the --set")
    func createdKeys() {
        #expect(Self.problems(["wrkload.rate=450"]) == [#"--set wrkload.rate: unknown key "wrkload"; did you mean "workload"?"#])
    }

    @Test("problems the --set did not cause keep their JSON path")
    func unrelatedProblems() {
        let text = Self.text.replacingOccurrences(of: #""concurrency": 8"#, with: #""concurrency": "eight""#)
        do {
            _ = try Self.load(["workload.rate=450"], text: text)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.path) == ["components[1].concurrency"])
        }
    }
}

import Foundation

@testable import HeadroomScenario

/// Validates documents against a JSON Schema with a real validator: Python's `jsonschema`
/// (installed by scripts/setup.sh), in one process per call.
enum PythonJSONSchema {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let script = """
        import json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        results = []
        for name, document in json.load(open(sys.argv[2], encoding="utf-8")):
            errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
            results.append([name, ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors[:3]]])
        json.dump(results, sys.stdout, ensure_ascii=False)
        """

    /// The errors of each named document (empty when it is valid), in order; the schema itself is
    /// checked against the draft 2020-12 meta-schema first.
    static func validate(_ documents: [(name: String, document: JSONValue)], against schema: JSONValue) throws -> [(String, [String])] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let schemaFile = dir.appendingPathComponent("schema.json"), documentsFile = dir.appendingPathComponent("documents.json")
        try schema.rendered().write(to: schemaFile, atomically: true, encoding: .utf8)
        let list = JSONValue.array(documents.map { .array([.string($0.name), $0.document]) })
        try list.rendered(pretty: false).write(to: documentsFile, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaFile.path, documentsFile.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 jsonschema failed (run scripts/setup.sh): \(String(decoding: stderr, as: UTF8.self))")
        }
        let results = try JSONValue.parse(String(decoding: stdout, as: UTF8.self))
        return (results.arrayValue ?? []).map { pair in
            (pair[0]?.stringValue ?? "?", (pair[1]?.arrayValue ?? []).compactMap(\.stringValue))
        }
    }
}

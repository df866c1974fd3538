import Foundation
import Testing

@testable import HeadroomScenario

/// Keeps `docs/scenario-format.md` honest: its examples load, and its error output is real.
@Suite("Scenario format documentation")
struct DocumentationTests {
    /// One fenced code block of the page: its language and its text.
    struct CodeBlock {
        let language: String
        let text: String
        /// Whether only blank lines separate this block from the previous one.
        let followsPrevious: Bool
    }

    /// The page, found from this file's location (following symlinks, for out-of-tree builds).
    static func page() throws -> String {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        let url = here.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs").appendingPathComponent("scenario-format.md")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The fenced code blocks of `markdown`, in order; indented fences (inside lists) included.
    static func codeBlocks(_ markdown: String) -> [CodeBlock] {
        var blocks: [CodeBlock] = []
        var current: (language: String, indent: Int, lines: [String], followsPrevious: Bool)?
        var onlyBlankSinceLastBlock = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            if trimmed.hasPrefix("```") {
                if let block = current {
                    blocks.append(CodeBlock(
                        language: block.language, text: block.lines.joined(separator: "\n"), followsPrevious: block.followsPrevious))
                    current = nil
                    onlyBlankSinceLastBlock = true
                } else {
                    current = (String(trimmed.dropFirst(3)), indent, [], onlyBlankSinceLastBlock)
                }
            } else if let blockIndent = current?.indent {
                current?.lines.append(String(line.dropFirst(min(indent, blockIndent))))
            } else if !trimmed.isEmpty, !(trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->")) {
                // An HTML comment (a marker for the documentation-output test) does not separate blocks.
                onlyBlankSinceLastBlock = false
            }
        }
        return blocks
    }

    @Test("every json example loads, or fails with exactly the output shown after it")
    func examples() throws {
        let blocks = Self.codeBlocks(try Self.page())
        let json = blocks.indices.filter { blocks[$0].language == "json" }
        #expect(json.count >= 4)
        for i in json {
            let expected: [String]
            if i + 1 < blocks.count, blocks[i + 1].language == "text", blocks[i + 1].followsPrevious {
                expected = blocks[i + 1].text.split(separator: "\n").map(String.init)
            } else {
                expected = ["OK"]
            }
            let actual: [String]
            do {
                _ = try ScenarioLoader.decode(text: blocks[i].text, file: "shop.json")
                actual = ["OK"]
            } catch {
                actual = error.description.split(separator: "\n").map(String.init)
            }
            #expect(actual == expected, "json example \(i)")
        }
    }

    /// One row of a key table: `| `key` | type | default | constraints and meaning |`.
    struct KeyRow {
        let key: String
        let defaultColumn: String
        let constraints: String
    }

    /// The first key table after the `###` heading that `heading` matches.
    static func keyTable(in page: String, heading: (String) -> Bool) -> [KeyRow] {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("### ") && heading($0) }) else { return [] }
        let table = lines[(start + 1)...].drop { !$0.hasPrefix("| `") }.prefix { $0.hasPrefix("|") }
        return table.map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            return KeyRow(key: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), defaultColumn: cells[3], constraints: cells[4])
        }
    }

    /// Checks a table against the keys, defaults and ranges of a descriptor's properties.
    static func checkTable(_ rows: [KeyRow], _ properties: [(String, JSONValue)], required: [String], _ name: String) {
        #expect(rows.map(\.key) == properties.map(\.0), "\(name): the keys")
        for (key, schema) in properties {
            guard let row = rows.first(where: { $0.key == key }) else { continue }
            if let value = schema["default"] {
                #expect(row.defaultColumn == "`\(value.rendered(pretty: false))`", "\(name).\(key): default")
            } else {
                #expect((row.defaultColumn == "required") == required.contains(key), "\(name).\(key): required")
            }
            if schema["type"] == "integer", let low = schema["minimum"]?.numberValue?.intValue, let high = schema["maximum"]?.numberValue?.intValue {
                #expect(row.constraints.hasPrefix("\(Wording.grouped(low)) to \(Wording.grouped(high))."), "\(name).\(key): \(row.constraints)")
            }
            if schema["type"] == "number", let high = schema["maximum"]?.numberValue?.double, high > 1 {
                #expect(row.constraints.contains("at most \(Wording.grouped(Int(high)))"), "\(name).\(key): \(row.constraints)")
            }
        }
    }

    @Test("each kind's and step's table lists its descriptor's keys in order, with their defaults and integer ranges")
    func keyTables() throws {
        let page = try Self.page()
        for kind in ComponentKind.allCases {
            let d = kind.descriptor
            let rows = Self.keyTable(in: page) { $0.contains("`\(kind.rawValue)`") }
            Self.checkTable(rows, d.object.properties, required: d.object.requiredKeys, kind.rawValue)
        }
        let call = StepKind.call.descriptor
        Self.checkTable(Self.keyTable(in: page) { $0 == "### Steps" }, call.object.properties, required: call.object.requiredKeys, "call")
    }

    @Test("the syntax errors shown are what the parser says for these inputs")
    func syntaxErrors() throws {
        let page = try Self.page()
        let inputs = [
            "{\n  \"name\": \"shop\"\n  \"seed\": 1\n}",
            "{\"a\": 1,}",
            "{\n  \"name\": \"shop\",\n  \"workload\": {\n    \"rate\": 150\n  },\n  \"components\": [\n    // the app servers\n  ]\n}",
            "{\n  \"rate\": 1, \"rate\": 2\n}",
        ]
        for input in inputs {
            do {
                _ = try ScenarioLoader.decode(text: input, file: "shop.json")
                Issue.record("\(input) loaded")
            } catch {
                #expect(page.contains("   \(error.description)\n"), "\(error.description)")
            }
        }
    }

    @Test("the \"at a glance\" example, once its comments are removed, loads")
    func glance() throws {
        let blocks = Self.codeBlocks(try Self.page())
        let glance = try #require(blocks.first { $0.language == "jsonc" })
        let stripped = glance.text.split(separator: "\n").map { line in
            line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
        }.joined(separator: "\n")
        _ = try ScenarioLoader.decode(text: stripped, file: "glance.json")
    }
}

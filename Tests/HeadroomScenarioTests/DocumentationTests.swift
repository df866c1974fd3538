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

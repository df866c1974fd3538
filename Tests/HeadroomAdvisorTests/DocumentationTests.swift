import Foundation
import HeadroomAdvisor
import Testing

@Suite("docs/advisor.md")
struct AdvisorDocumentationTests {
    static let text: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/advisor.md"), encoding: .utf8)) ?? ""
    }()

    @Test("documents every answer key, every choice id and every supporting piece's threshold")
    func complete() {
        for question in Questionnaire.questions {
            #expect(Self.text.contains("| `\(question.key.rawValue)` |"), "\(question.key)")
            for choice in question.choices { #expect(Self.text.contains("\"\(choice.id)\""), "\(question.key): \(choice.id)") }
        }
        for piece in SupportingPiece.allCases { #expect(Self.text.lowercased().contains("| \(piece.title.lowercased()) |"), "\(piece)") }
        #expect(Self.text.contains("error: headroom advise asks its questions on a terminal, and standard input is not one; give the answers with --answers FILE (format: docs/advisor.md)"))
    }
}

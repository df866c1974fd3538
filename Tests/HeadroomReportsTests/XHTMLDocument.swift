import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A page parsed as XML (the HTML report is written to be well-formed XHTML as well as HTML),
/// kept as a small element tree for tests to query. An independent reading of the page: it
/// shares no code with the renderer.
final class XHTMLDocument {
    /// One element: its name, attributes, children and the text directly inside it.
    final class Element {
        let name: String
        let attributes: [String: String]
        var children: [Element] = []
        var text = ""
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        /// This element and every element below it, in document order.
        var descendants: [Element] { [self] + children.flatMap(\.descendants) }

        /// All text inside, in document order.
        var allText: String { text + children.map(\.allText).joined() }

        /// The first element below (or at) this one with `id`.
        func element(id: String) -> Element? { descendants.first { $0.attributes["id"] == id } }

        /// The distinct `data-series` names of the SVG shapes below, in order of appearance.
        var seriesNames: [String] {
            var names: [String] = []
            for e in descendants where e.name == "path" || e.name == "rect" {
                if let name = e.attributes["data-series"], !names.contains(name) { names.append(name) }
            }
            return names
        }

        /// The distinct `data-band` names (confidence bands and error bars) below.
        var bandNames: [String] {
            var names: [String] = []
            for e in descendants { if let name = e.attributes["data-band"], !names.contains(name) { names.append(name) } }
            return names
        }
    }

    /// Why the page is not well-formed XML.
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    let root: Element

    /// Parses `text`; throws when it is not well-formed.
    init(_ text: String) throws {
        let builder = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        // Foundation's parser can return true with an error recorded (a mismatched end tag), so both are checked.
        guard parser.parse(), parser.parserError == nil, builder.stack.isEmpty, let root = builder.root else {
            throw ParseError(description: "line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "no root element")")
        }
        self.root = root
    }

    /// Every element, in document order.
    var elements: [Element] { root.descendants }

    /// The chart figures by id (`chart-…` without the prefix).
    var charts: [String: Element] {
        var charts: [String: Element] = [:]
        for e in elements where e.name == "figure" { if let id = e.attributes["data-chart"] { charts[id] = e } }
        return charts
    }

    /// What in the page would make a browser fetch something: elements that load resources,
    /// attributes that point anywhere but inside the page, and style sheets that import or
    /// point outside. Empty for a self-contained page.
    var externalReferences: [String] {
        var found: [String] = []
        let loaders: Set = ["script", "link", "img", "iframe", "object", "embed", "base", "audio", "video", "source", "image", "frame"]
        for e in elements {
            if loaders.contains(e.name) { found.append("<\(e.name)>") }
            for (name, value) in e.attributes {
                let key = name.lowercased()
                if ["src", "href", "xlink:href", "action", "srcset", "poster", "data", "background"].contains(key), !value.hasPrefix("#") {
                    found.append("\(name)=\"\(value)\"")
                }
                if key == "style" || key.hasPrefix("on") { found += Self.styleReferences(value).map { "\(name): \($0)" } }
                if key.hasPrefix("on") { found.append("\(name) handler") }
            }
            if e.name == "style" { found += Self.styleReferences(e.text) }
        }
        return found
    }

    /// `@import` rules and `url(…)` values other than `url(#…)` in CSS text.
    static func styleReferences(_ css: String) -> [String] {
        var found: [String] = []
        let lower = css.lowercased()
        if lower.contains("@import") { found.append("@import") }
        var rest = Substring(lower)
        while let range = rest.range(of: "url(") {
            let after = rest[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
            if !after.hasPrefix("#") { found.append("url(" + after.prefix(30)) }
            rest = rest[range.upperBound...]
        }
        return found
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let element = Element(name: name, attributes: attributes)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if !stack.isEmpty { stack.removeLast() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
}

import XCTest
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif
@testable import Charts

/// A parsed SVG element: what the tests look at instead of matching strings.
final class Element {
    let name: String
    let attributes: [String: String]
    var children: [Element] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All elements named `name` in this subtree (self included).
    func all(_ name: String) -> [Element] {
        (self.name == name ? [self] : []) + children.flatMap { $0.all(name) }
    }

    /// Text of every `<text>` element in the subtree.
    var texts: [String] { all("text").map(\.text) }
}

/// Builds an element tree with XMLParser; parse errors become a test failure via `XCTFail`.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [Element] = []
    var root: Element?
    var error: Error?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let element = Element(name: name, attributes: attributes)
        stack.last?.children.append(element)
        if root == nil { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = parseError
    }
}

/// Parses `svg` as XML and checks what every chart must have: an `<svg>` root scaling by
/// viewBox with width 100%, and a non-empty `<title>` as its first child.
func assertWellFormedSVG(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> Element? {
    let parser = XMLParser(data: Data(svg.utf8))
    let builder = TreeBuilder()
    parser.delegate = builder
    let ok = parser.parse()
    guard ok, builder.error == nil, let root = builder.root else {
        XCTFail("SVG is not well-formed XML: \(String(describing: builder.error ?? parser.parserError))",
                file: file, line: line)
        return nil
    }
    XCTAssertEqual(root.name, "svg", file: file, line: line)
    XCTAssertNotNil(root.attributes["viewBox"], "svg needs a viewBox to scale", file: file, line: line)
    XCTAssertEqual(root.attributes["width"], "100%", file: file, line: line)
    XCTAssertEqual(root.children.first?.name, "title", file: file, line: line)
    XCTAssertFalse(root.children.first?.text.isEmpty ?? true, "title must not be empty", file: file, line: line)
    XCTAssertTrue(root.attributes["font-family"]?.contains("sans-serif") ?? false, file: file, line: line)
    return root
}

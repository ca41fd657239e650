import GoldenSupport
import Testing
@testable import Script

/// Each `Programs/name.swift` is a small whole program in the style of Crafting Interpreters'
/// suite, one test case per file: what it prints must be its `// expect:` lines, and a program
/// that fails must fail with its `// expect error:` lines (message, source line, caret).
@Suite(.serialized) struct GoldenProgramTests {
    static let programs = goldenFiles("Programs", ext: "swift", besides: #filePath)

    @Test func theProgramsAreFound() {
        #expect(Self.programs.count >= 7, "programs not found beside \(#filePath)")
    }

    @Test(arguments: programs)
    func program(_ name: String) throws {
        let source = try goldenText("Programs", name, besides: #filePath)
        let expected = InlineExpectations(source)
        var printed: [Output] = []
        var error: [String] = []
        do {
            try oneGoldenRunAtATime {
                try Interpreter().run(source, file: name, firstLine: 1) { printed.append($0) }
            }
        } catch let diagnostic as Diagnostic {
            error = comparableLines(diagnostic.description)
        }
        let text = printed.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
        if let difference = firstDifference(expected: expected.output, actual: comparableLines(text)) {
            Issue.record("\(name): \(difference)")
        }
        if let difference = firstDifference(expected: expected.error, actual: error) {
            Issue.record("\(name), its error: \(difference)")
        }
    }
}

import Foundation

/// What a golden file expects, written beside the code it tests as in Crafting Interpreters' test
/// suite, so a reader sees the code and its result together:
///
///     print(a + b)     // expect: 3
///     print("")        // expect:
///     // expect error: t.md:4:2: error: division by zero
///     // expect status: failed
///     // expect rejected: t.md:3:1: error: unknown cell option 'lable'; did you mean 'label'?
///
/// `// expect:` with nothing after it expects a blank line. Text after `: ` is taken exactly,
/// trailing spaces and tabs included.
public struct InlineExpectations: Equatable {
    /// Lines of output, in order.
    public var output: [String] = []
    /// Lines of the diagnostic the run stops with, in order (message, source line, caret).
    public var error: [String] = []
    /// How the cell ends when it does not simply succeed: "failed", "failed (allowed)", "not run".
    public var status: String?
    /// Lines of the diagnostics that make the whole file be refused before anything runs.
    public var rejection: [String] = []

    public init(_ source: String) {
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let marker = line.range(of: "// expect") else { continue }
            let rest = line[marker.upperBound...]
            for (kind, keyPath) in Self.kinds {
                guard rest.hasPrefix(kind + ":") else { continue }
                var text = rest.dropFirst(kind.count + 1)
                if text.hasPrefix(" ") { text = text.dropFirst() }
                self[keyPath: keyPath].append(String(text))
                break
            }
            if rest.hasPrefix(" status: ") { status = String(rest.dropFirst(" status: ".count)) }
        }
    }

    /// The list kinds, longest first so that " error:" is not read as plain output.
    private static let kinds: [(String, WritableKeyPath<InlineExpectations, [String]>)] = [
        (" rejected", \.rejection), (" error", \.error), ("", \.output),
    ]
}

/// The lines of a text as a golden file compares them: a final newline ends the last line rather
/// than adding an empty one.
public func comparableLines(_ text: String) -> [String] {
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// Where two line lists first differ, in words, or nil when they are equal.
public func firstDifference(expected: [String], actual: [String]) -> String? {
    guard expected != actual else { return nil }
    let index = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(expected.count, actual.count)
    let wanted = index < expected.count ? "\"\(expected[index])\"" : "no more lines"
    let got = index < actual.count ? "\"\(actual[index])\"" : "no more lines"
    return "line \(index + 1) of the output: expected \(wanted), got \(got)\n"
        + "--- expected\n\(expected.joined(separator: "\n"))\n--- actual\n\(actual.joined(separator: "\n"))"
}

/// The golden files with extension `ext` in the folder `folder` beside the test file `testFile`
/// (pass `#filePath`), sorted; one parameterised test case runs per file, so a failure names it.
public func goldenFiles(_ folder: String, ext: String, besides testFile: String) -> [String] {
    let directory = URL(fileURLWithPath: testFile).deletingLastPathComponent()
        .appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix("." + ext) }.sorted()
}

/// The text of the golden file `name` in `folder` beside `testFile`.
public func goldenText(_ folder: String, _ name: String, besides testFile: String) throws -> String {
    let url = URL(fileURLWithPath: testFile).deletingLastPathComponent()
        .appendingPathComponent(folder).appendingPathComponent(name)
    return try String(contentsOf: url, encoding: .utf8)
}

/// Runs golden files one at a time whatever the test runner's parallelism: a run's time and memory
/// budget is one per process (`RunBudget.shared`), so two runs at once would reset each other's
/// deadlines and the notebook that tests a timeout would spin for ever.
public func oneGoldenRunAtATime<T>(_ body: () throws -> T) rethrows -> T {
    try goldenRunLock.withLock(body)
}

private let goldenRunLock = NSLock()

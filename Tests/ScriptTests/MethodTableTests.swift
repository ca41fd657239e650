import Foundation
import XCTest
@testable import Script

/// The builtin members are declared once, in `MethodTable`; names, suggestions, the mutating check,
/// argument errors and the API docs must all follow that table.
final class MethodTableTests: XCTestCase {
    /// A value of each receiver kind, as a cell writes it.
    static let samples: [Receiver: String] = [
        .array: "[3, 1, 2]", .range: "0..<3", .string: "\"ab\"", .dictionary: "[\"a\": 1]",
        .int: "3", .double: "2.5", .bool: "true", .interval: "0.0...1.0",
    ]

    func testEveryReceiverKindHasASample() {
        XCTAssertEqual(Set(Self.samples.keys), Set(Receiver.allCases))
    }

    /// docs/notebook-api.md's table of members is the one the table generates.
    func testAPIDocsListEveryMemberAsTheTableDeclaresIt() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/notebook-api.md").standardized
        let document = try String(contentsOf: url, encoding: .utf8)
        let updated = try XCTUnwrap(MethodTable.updatingDocs(document), "no generated section in \(url.path)")
        if ProcessInfo.processInfo.environment["FOLIO_UPDATE_DOCS"] == "1" {
            try updated.write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(document, updated, "docs/notebook-api.md is out of date: run FOLIO_UPDATE_DOCS=1 "
                       + "swift test --filter MethodTableTests")
        for entry in MethodTable.all {
            XCTAssertTrue(document.contains("`" + (entry.isMutating ? "mutating " : "") + entry.signature + "`"),
                          entry.signature)
        }
    }

    func testEntriesAreDocumentedAndDistinct() {
        var seen = Set<String>()
        for entry in MethodTable.all {
            XCTAssertFalse(entry.doc.isEmpty, entry.name)
            XCTAssertTrue(entry.doc.hasSuffix("."), "\(entry.name): a doc is a sentence")
            XCTAssertFalse(entry.doc.contains("|"), "\(entry.name): the doc goes in a Markdown table")
            for r in entry.receivers {
                let labels = entry.parameters.map { $0.label ?? "_" }.joined(separator: ":")
                let key = "\(r) \(entry.isProperty ? "var" : "func") \(entry.name)(\(labels))"
                XCTAssertTrue(seen.insert(key).inserted, "declared twice: \(key)")
            }
        }
    }

    /// The drift this table ends: names handled but not suggested (a string's `map`, `filter`, …).
    func testAMisspeltMemberSuggestsTheDeclaredOne() throws {
        for r in Receiver.allCases {
            let names = MethodTable.memberNames(r)
            for name in names where name.count >= 4 {
                let typo = name + String(name.last!)
                // Only when the typo is unambiguously closest to `name`.
                guard Suggestions.closest(to: typo, in: names) == name else { continue }
                let d = try XCTUnwrap(Session().failure("let v = \(Self.samples[r]!)\nprint(v.\(typo))"))
                XCTAssertTrue(d.message.hasSuffix("did you mean '\(name)'?"), "\(r).\(typo): \(d.message)")
            }
        }
        for name in ["map", "filter", "sorted", "enumerated", "forEach", "compactMap"] {
            XCTAssertTrue(MethodTable.memberNames(.string).contains(name), name)
        }
        assertError("print(\"abc\".mapp { $0 })", line: 1, column: 13,
                    "value of type 'String' has no member 'mapp'; did you mean 'map'?")
    }

    /// Arguments that fit the parameters' types (whether the call then succeeds does not matter here).
    static func arguments(_ entry: BuiltinMethod) -> String {
        entry.parameters.map { p in
            let value: String
            switch p.type {
            case .int: value = "1"
            case .double: value = "0.5"
            case .string: value = "\"a\""
            case .function: value = "{ _ in true }"
            case .oneOf(_, let options): value = "." + options[0]
            default: value = "1"
            }
            return (p.label.map { "\($0): " } ?? "") + value
        }.joined(separator: ", ")
    }

    /// Each mutating entry is refused on a `let` and on a literal, and allowed on a `var`; no other
    /// entry is ever called mutating.
    func testMutatingIsAnErrorOnALetForEveryMutatingEntryAndNoOther() {
        for entry in MethodTable.all where !entry.isProperty {
            for r in entry.receivers {
                let call = "\(entry.name)(\(Self.arguments(entry)))"
                let sample = Self.samples[r]!
                for (source, immutable) in [("let v = \(sample)\nv.\(call)", true), ("(\(sample)).\(call)", true),
                                            ("var v = \(sample)\nv.\(call)", false)] {
                    let ran = (try? Session().run(source)) != nil
                    let message = ran ? "" : Session().failure(source)?.message ?? ""
                    XCTAssertEqual(message.contains("mutating member"), immutable && entry.isMutating,
                                   "\(source): \(message)")
                }
            }
        }
    }

    func testArgumentErrorsShowTheDeclaredSignature() {
        assertError("print(\"ab\".hasPrefix(1))", line: 1, column: 12,
                    "cannot convert value of type 'Int' to expected argument type 'String'; "
                    + "expected hasPrefix(_ prefix: String)")
        assertError("var xs = [1]\nxs.sort(by: 1, 2)", line: 2, column: 4,
                    "extra argument in call; expected sort() or sort(by: Closure)")
        assertError("print([1].prefix(k: 1))", line: 1, column: 11,
                    "incorrect argument label in call (have 'k:', expected '_:'); expected prefix(_ k: Int = 1)")
    }

    func testOverloadsAndDefaultsComeFromTheParameters() {
        assertOutput("""
        let xs = [3, 1, 2]
        print(xs.sorted(), xs.sorted(by: >), xs.prefix(), xs.prefix(2), xs.joined(), xs.joined(separator: "-"))
        print("hello".dropFirst(), "hello".suffix(3), 2.5.rounded(), 2.5.rounded(.down), [1.5, 2].reduce(0, +))
        var d = ["a": 1]
        print(d.updateValue(2, forKey: "a")!, d, d.removeValue(forKey: "b") == nil)
        """, "[1, 2, 3] [3, 2, 1] [3] [3, 1] 312 3-1-2\nello llo 3.0 2.0 3.5\n1 [\"a\": 2] true\n")
    }
}

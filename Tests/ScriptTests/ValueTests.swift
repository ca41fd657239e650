import XCTest
@testable import Script

final class ValueTests: XCTestCase {
    func testDescriptions() {
        let cases: [(Value, String)] = [
            (.int(-3), "-3"),
            (.double(0.1), "0.1"),
            (.double(3), "3.0"),
            (.double(1e-5), "1e-05"),
            (.string("top"), "top"),
            (.strings(["a\"b", "c"]), "[\"a\\\"b\", \"c\"]"),
            (.dictionary(DictionaryValue(["k": .doubles([1.5])])), "[\"k\": [1.5]]"),
            (.tuple([.int(1), .string("x")]), "(1, \"x\")"),
            (.tuple([.double(0.5)], labels: ["loss"]), "(loss: 0.5)"),
            (.nil, "nil"),
            (.symbol("relu"), ".relu"),
            (.record(["b": .int(2), "a": .bool(true)]), "(a: true, b: 2)"),
        ]
        for (value, expected) in cases { XCTAssertEqual(value.description, expected) }
    }

    func testTypeNames() {
        let cases: [(Value, String)] = [
            (.ints([1, 2]), "[Int]"),
            (.array([.int(1), .string("a")]), "[Any]"),
            (.dictionary(DictionaryValue(["a": .double(1)])), "[String: Double]"),
            (.tuple([.int(1), .bool(false)]), "(Int, Bool)"),
            (.range(RangeValue(lower: 0, upper: 3, closed: true)), "ClosedRange<Int>"),
        ]
        for (value, expected) in cases { XCTAssertEqual(value.typeName, expected) }
    }

    func testEqualityAndAccessors() {
        XCTAssertEqual(Value.ints([1, 2]), .array([.int(1), .int(2)]))
        XCTAssertNotEqual(Value.int(1), .double(1))
        XCTAssertEqual(Value.int(3).doubleValue, 3.0)
        XCTAssertEqual(Value.range(RangeValue(lower: 1, upper: 3, closed: false)).arrayValue, [.int(1), .int(2)])
        XCTAssertEqual(Value.symbol("same").symbolValue, "same")
        XCTAssertNil(Value.string("x").intValue)
    }
}

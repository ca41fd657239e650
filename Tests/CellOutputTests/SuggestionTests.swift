import CellOutput
import XCTest

final class SuggestionTests: XCTestCase {
    func testSuggestsPlausibleTypos() {
        XCTAssertEqual(closestMatch(to: "Conv2d", in: ["Conv2D", "Dense", "MaxPool2D"]), "Conv2D")
        XCTAssertEqual(closestMatch(to: "lable", in: ["label", "echo"]), "label", "a swap of neighbours is one slip")
        XCTAssertEqual(closestMatch(to: "modl", in: ["Model", "model"]), "model", "matching case wins a tie")
        XCTAssertEqual(closestMatch(to: "epoch", in: ["epochs", "lr"]), "epochs")
    }

    func testNeverSuggestsUnrelatedNames() {
        XCTAssertNil(closestMatch(to: "x", in: ["y", "print"]), "one letter names are too short to guess")
        XCTAssertNil(closestMatch(to: "accuracy", in: ["loss", "summary"]))
        XCTAssertNil(closestMatch(to: "same", in: ["same"]), "the name itself is no suggestion")
        XCTAssertNil(closestMatch(to: "abc", in: [String]()))
    }

    func testTiesAreBrokenTheSameWayEveryTime() {
        XCTAssertEqual(closestMatch(to: "cat", in: ["hat", "bat"]), "bat")
        XCTAssertEqual(closestMatch(to: "cat", in: ["bat", "hat"]), "bat")
    }
}

import Datasets
import FolioTestSupport
import Foundation
import XCTest

/// Every ```swift example in README.md and docs/notebook-api.md, pasted as a cell in the order the
/// documents show them, runs: a reader who copies one gets what the prose promises, not an error.
/// The cell before them makes what the examples assume (a model, train/val/test splits, the data
/// files they name) so that each example is tested exactly as written.
final class DocExampleTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// One example: the document, the line its fence opens on, and its code.
    struct Example {
        let file: String
        let line: Int
        let code: String
    }

    static func examples(in file: String) throws -> [Example] {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        var examples: [Example] = [], code: [String]?, opened = 0
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if code == nil, line.hasPrefix("```swift") {
                code = []
                opened = index + 1
            } else if let lines = code, line.hasPrefix("```") {
                examples.append(Example(file: file, line: opened, code: lines.joined(separator: "\n")))
                code = nil
            } else {
                code?.append(line)
            }
        }
        return examples
    }

    func testEveryDocumentedExampleRunsAsACell() throws {
        let examples = try Self.examples(in: "README.md") + Self.examples(in: "docs/notebook-api.md")
        XCTAssertGreaterThan(examples.count, 8, "the documents' examples were not found")
        let folder = try temporaryFolder(self)
        try writeDataFiles(in: folder)
        let cells = examples.map { "```swift\n\($0.code)\n```" }.joined(separator: "\n\n")
        let notebook = """
        ---
        params:
          epochs: 1
          fullOutput: true
          showAnalysis: false
        ---

        ```swift
        let data = mnist5k().take(300)
        let (train, rest) = data.split(0.6)
        let (val, test) = rest.split(0.5)
        let model = Sequential { Flatten(); Dense(10) }
        ```

        \(cells)
        """
        let run = try runNotebook(notebook, file: folder.appendingPathComponent("examples.md").path,
                                  allowErrors: true)
        XCTAssertEqual(run.cells.count, examples.count + 1)
        for (example, cell) in zip(examples, run.cells.dropFirst()) {
            XCTAssertNil(cell.diagnostic, "\(example.file):\(example.line): the example fails as a cell:\n"
                         + "\(cell.diagnostic?.description ?? "")\n\(example.code)")
        }
        XCTAssertNil(run.cells.first?.diagnostic, "the set-up cell failed")
    }

    /// The files the examples load, in the formats their comments describe.
    private func writeDataFiles(in folder: URL) throws {
        let mnist = URL(fileURLWithPath: dataDirectory()).appendingPathComponent("mnist_5k.csv.gz")
        try FileManager.default.copyItem(at: mnist, to: folder.appendingPathComponent("mnist_5k.csv.gz"))
        let header = "label," + (0..<4).map { "pixel\($0)" }.joined(separator: ",")
        let kaggle = (0..<20).map { "\($0 % 3)," + (0..<4).map { "\(($0 * 60 + 7) % 256)" }.joined(separator: ",") }
        try writeFile(in: folder, "train.csv", ([header] + kaggle).joined(separator: "\n") + "\n")
        // 16×16 = 256 pixels of 0/1, a digit label; then 256 values and a one-hot label of ten columns.
        let bitmap = (0..<12).map { row in
            (0..<256).map { ($0 + row) % 5 == 0 ? "1" : "0" }.joined(separator: " ") + " \(row % 4)"
        }
        try writeFile(in: folder, "dataset.txt", bitmap.joined(separator: "\n") + "\n")
        let semeion = (0..<12).map { row in
            (0..<256).map { ($0 * 7 + row) % 3 == 0 ? "1.0000" : "0.0000" }.joined(separator: " ") + " "
                + (0..<10).map { $0 == row % 10 ? "1" : "0" }.joined(separator: " ")
        }
        try writeFile(in: folder, "semeion.data", semeion.joined(separator: "\n") + "\n")
        try writeTorchCNN(to: folder.appendingPathComponent("cnn.safetensors"))
        try writeTorchResNet50(to: folder.appendingPathComponent("resnet50.safetensors"))
    }

    /// A PyTorch `nn.Sequential` state_dict of the import example's CNN: Conv2d(1, 32, 3, padding=1),
    /// BatchNorm2d(32), ReLU, MaxPool2d(2), Flatten, Linear(32·14·14, 10), small made-up weights.
    private func writeTorchCNN(to url: URL) throws {
        let tensors: [(name: String, shape: [Int])] = [
            ("0.weight", [32, 1, 3, 3]), ("0.bias", [32]), ("1.weight", [32]), ("1.bias", [32]),
            ("1.running_mean", [32]), ("1.running_var", [32]), ("5.weight", [10, 32 * 14 * 14]), ("5.bias", [10]),
        ]
        try writeSafeTensors(tensors, to: url) { name, i in
            name.hasSuffix("running_var") ? 1 : Float((i % 13) - 6) / 100
        }
    }

    /// A torchvision ResNet-50 state_dict with made-up weights, its names and shapes from the fixture
    /// that lists them (printed from torchvision by make_fixtures.py).
    private func writeTorchResNet50(to url: URL) throws {
        let keys = Self.root.appendingPathComponent("Tests/LearnTests/Fixtures/resnet50-keys.json")
        let shapes = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: keys)) as? [String: [Int]])
        let tensors = shapes.sorted { $0.key < $1.key }.map { (name: $0.key, shape: $0.value) }
        try writeSafeTensors(tensors, to: url) { name, i in
            name.hasSuffix("running_var") ? 1 : Float((i % 7) - 3) / 100
        }
    }
}

import XCTest
import Foundation
import Tensor
@testable import Learn

/// Every registered layer type is made, saved and remade from its one description.
final class LayerRegistryTests: XCTestCase {
    /// A value each option kind accepts, for options without a default.
    private func sample(_ kind: OptionKind) -> OptionValue {
        switch kind {
        case .positiveInt: return .int(3)
        case .windowSize: return .ints([2, 2])
        case .shape: return .ints([2, 3])
        case .number: return .number(0.25)
        case .bool: return .bool(true)
        case .activation(let allowed): return .text(allowed.last?.rawValue ?? "linear")
        case .padding: return .text("same")
        case .choice(_, let cases): return .text(cases.last ?? "")
        case .layer: return .layers([LSTM(3)])
        case .layers: return .layers([Dense(2), Dense(2)])
        }
    }

    private func json(_ layer: Layer) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(try LayerJSON.encode(layer)), as: UTF8.self)
    }

    func testEveryTypeIsRegisteredOnceAndRemadeFromItsOwnOptions() throws {
        XCTAssertEqual(Set(LayerRegistry.all.map(\.typeName)).count, LayerRegistry.all.count)
        XCTAssertEqual(Set(LayerRegistry.all.map(\.cellName)).count, LayerRegistry.all.count)
        for spec in LayerRegistry.all {
            var given = LayerOptions([:])
            for option in spec.options where option.isRequired { given[option.key] = sample(option.kind) }
            let layer = try spec.makeLayer(given)
            XCTAssertEqual(layer.typeName, spec.typeName)
            XCTAssertEqual(Set(layer.options.values.keys).subtracting(spec.options.map(\.key)), [], spec.typeName)
            for (key, value) in given.values { XCTAssertEqual(layer.options[key]?.shown, value.shown, spec.typeName) }
            let again = try spec.makeLayer(layer.options)
            XCTAssertEqual(try json(again), try json(layer), spec.typeName)
        }
    }

    func testSavedConfigurationsKeepTheKeysEarlierFilesUse() throws {
        let model = Sequential {
            Conv2D(4, kernelSize: 3, padding: .explicit(rows: 1, columns: 1), activation: .relu, useBias: false)
            MaxPool2D(2)
            Residual(projection: true) { Conv2D(6, kernelSize: 3, strides: 2, padding: .same) }
            Reshape([4, 6]); PositionalEmbedding(kind: .sinusoidal)
            TransformerEncoder(heads: 2, keyDim: 4, feedForward: 8, dropout: 0.1)
            Bidirectional(GRU(3)); Dense(2, activation: .leakyRelu)
        }
        try model.build(input: [8, 8, 1], seed: 1)
        let objects = try model.layers.map { try LayerJSON.encode($0, name: $0.name) }
        let keys = objects.map { Set($0.keys) }
        XCTAssertEqual(keys[0], ["type", "name", "filters", "kernelSize", "strides", "padding", "activation", "alpha",
                                 "useBias"])
        XCTAssertEqual(keys[1], ["type", "name", "poolSize", "strides", "padding"])
        XCTAssertEqual(keys[2], ["type", "name", "layers", "projection"])
        XCTAssertEqual(keys[3], ["type", "name", "targetShape"])
        XCTAssertEqual(keys[4], ["type", "name", "embedding"])
        XCTAssertEqual(keys[5], ["type", "name", "heads", "keyDim", "feedForward", "rate"])
        XCTAssertEqual(keys[6], ["type", "name", "layers"])
        XCTAssertEqual(keys[7], ["type", "name", "units", "activation", "alpha", "useBias"])
        let conv = try json(model.layers[0])
        XCTAssertTrue(conv.contains("\"kernelSize\":[3,3]") && conv.contains("\"padding\":\"1,1\""), conv)
        XCTAssertTrue(try json(model.layers[5]).contains("\"rate\":0.1"), "Float settings are saved as written")
        XCTAssertTrue(try json(model.layers[6]).contains("\"layers\":[{\"returnSequences\":false,\"type\":\"GRU\","))
    }

    /// The cells' layer section lists every registered constructor and each option a cell can set:
    /// a labeled one as `label:`, a positional one by name or by an example argument
    /// (`Activation(.relu)`, `Residual { … }`), on the lines that name the constructor.
    func testNotebookAPIDocsListEveryLayerAndItsCellOptions() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/notebook-api.md")
        let lines = try String(contentsOf: docs, encoding: .utf8).split(separator: "\n").map(String.init)
        for spec in LayerRegistry.all {
            let name = spec.cellName
            let mentions = lines.filter { $0.contains("`\(name)(") || $0.contains("`\(name) {") }
            XCTAssertFalse(mentions.isEmpty, "docs/notebook-api.md does not list \(name)")
            let withArgument = mentions.contains {
                $0.contains("`\(name) {") || $0.range(of: "`\(name)\\([^)]", options: .regularExpression) != nil
            }
            for option in spec.options where option.inCells {
                let shown = option.positional ? withArgument : mentions.contains { $0.contains("\(option.cellName):") }
                XCTAssertTrue(shown, "docs/notebook-api.md does not show \(name)'s option \(option.cellName)")
            }
        }
    }
}

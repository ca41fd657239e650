import XCTest
import Tensor
@testable import Learn

/// 3×3, stride-1 convolutions with many channels run by Winograd's minimal filtering (the forward, the kernel
/// gradient and the input gradient). Its sums are the same terms grouped differently, so it must agree with the
/// product over the fields (`WinogradConvolution.enabled = false`) to float rounding, for every padding, size and
/// channel count it takes.
final class WinogradTests: XCTestCase {
    private struct Case {
        let batch: Int, height: Int, width: Int, channels: Int, filters: Int
        let padding: Padding, pooled: Bool
    }

    private let cases = [
        // the digits CNN's second layer, pooled and not
        Case(batch: 5, height: 13, width: 13, channels: 32, filters: 64, padding: .valid, pooled: true),
        Case(batch: 3, height: 13, width: 13, channels: 32, filters: 64, padding: .valid, pooled: false),
        // "same" padding (every border tile reads zeros), odd and uneven sizes, channels not a multiple of 16
        Case(batch: 2, height: 9, width: 14, channels: 17, filters: 16, padding: .same, pooled: false),
        Case(batch: 3, height: 10, width: 7, channels: 24, filters: 32, padding: .same, pooled: true),
        Case(batch: 1, height: 12, width: 12, channels: 40, filters: 48, padding: .explicit(rows: 2, columns: 1),
             pooled: false),
        // more tiles than one group (tiles of a group span images in the kernel gradient)
        Case(batch: 7, height: 16, width: 11, channels: 16, filters: 16, padding: .valid, pooled: false),
        // input gradients by the flipped kernel with the full correlation's padding 1 and (0, 1)
        Case(batch: 2, height: 10, width: 9, channels: 16, filters: 32, padding: .same, pooled: true),
        Case(batch: 1, height: 12, width: 12, channels: 32, filters: 16, padding: .explicit(rows: 2, columns: 1),
             pooled: false),
    ]

    /// The cases whose input gradient runs by Winograd too (the others' channels are not a multiple of 16).
    private let inputGradientCases: Set = [0, 1, 5, 6, 7]

    /// Output, kernel, bias and input gradients of one forward and backward pass.
    private func pass(_ c: Case, seed: UInt64) throws -> [Tensor] {
        let x = randomVariable([c.batch, c.height, c.width, c.channels], seed: seed)
        let kernel = randomVariable([3, 3, c.channels, c.filters], seed: seed + 1, scale: 0.2)
        let bias = randomVariable([c.filters], seed: seed + 2, scale: 0.1)
        let tape = Tape()
        let y = c.pooled
            ? try Ops.conv2dMaxPool2x2(x, kernel: kernel, bias: bias, stride: (1, 1), padding: c.padding,
                                       activation: .relu, tape: tape)
            : try Ops.conv2d(x, kernel: kernel, bias: bias, stride: (1, 1), padding: c.padding, activation: .relu,
                             tape: tape)
        let targets = randomVariable(y.shape, seed: seed + 3, requiresGrad: false).value
        tape.backward(from: try Ops.meanSquaredError(y, targets: targets, tape: tape))
        return [y.value, kernel.grad, bias.grad, x.grad].map { $0.copy() }
    }

    /// Each of `pass`'s four results within 2e-5 of its largest value (by the product), none all zeros.
    private func assertAgree(_ winograd: [Tensor], _ product: [Tensor], _ label: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        for (name, (a, b)) in zip(["output", "kernel gradient", "bias gradient", "input gradient"],
                                  zip(winograd, product)) {
            assertAgree(a, b, "\(label): \(name)", file: file, line: line)
        }
    }

    /// One result within 2e-5 of its largest value (by the product), and not all zeros.
    private func assertAgree(_ winograd: Tensor, _ product: Tensor, _ label: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        let scale = product.scalars.map(abs).max() ?? 0
        XCTAssertGreaterThan(scale, 0, "\(label) is all zeros", file: file, line: line)
        XCTAssertLessThanOrEqual(winograd.maxAbsDifference(product), 2e-5 * max(scale, 1),
                                 "\(label) differs (largest value \(scale))", file: file, line: line)
    }

    func testAgreesWithTheProductOverTheFields() throws {
        try XCTSkipIf(Gemm.kernel != .folio, "Winograd runs on Folio's kernels only")
        defer { WinogradConvolution.enabled = true }
        for (index, c) in cases.enumerated() {
            let g = try WindowGeometry(batch: c.batch, height: c.height, width: c.width, channels: c.channels,
                                       kernel: (3, 3), stride: (1, 1), padding: c.padding)
            WinogradConvolution.enabled = true
            XCTAssertTrue(WinogradConvolution.applies(g, filters: c.filters), "case \(index) would not test Winograd")
            XCTAssertEqual(WinogradConvolution.appliesToInputGradient(g, filters: c.filters),
                           inputGradientCases.contains(index), "case \(index)'s input gradient")
            let winograd = try pass(c, seed: UInt64(10 * index + 1))
            WinogradConvolution.enabled = false
            let product = try pass(c, seed: UInt64(10 * index + 1))
            assertAgree(winograd, product, "case \(index)")
        }
    }

    /// A batch in several pieces (cores take them as they free up), each in several blocks: every block's output,
    /// kernel-gradient terms and input gradient land on its own images, as the product's do.
    func testBatchesInPiecesAndBlocksAgree() throws {
        try XCTSkipIf(Gemm.kernel != .folio, "Winograd runs on Folio's kernels only")
        let savedBlock = Ops.convBlockFloats
        defer { WinogradConvolution.enabled = true; Ops.convBlockFloats = savedBlock }
        Ops.convBlockFloats = 2 * 121 * 64  // two images of the digits CNN's second layer per block
        for pooled in [true, false] {
            let c = Case(batch: 12, height: 13, width: 13, channels: 32, filters: 64, padding: .valid, pooled: pooled)
            XCTAssertGreaterThan(Ops.convPieces(batch: c.batch, positions: 121), 1)
            WinogradConvolution.enabled = true
            let winograd = try pass(c, seed: 91)
            WinogradConvolution.enabled = false
            let product = try pass(c, seed: 91)
            assertAgree(winograd, product, "pooled \(pooled)")
        }
    }

    /// Two layers read the same x: the second input gradient is added to the first.
    func testInputGradientAddsToAnEarlierOne() throws {
        try XCTSkipIf(Gemm.kernel != .folio, "Winograd runs on Folio's kernels only")
        defer { WinogradConvolution.enabled = true }
        func gradient() throws -> Tensor {
            let x = randomVariable([3, 11, 13, 32], seed: 71)
            let kernels = [72, 73].map { randomVariable([3, 3, 32, 16], seed: $0, scale: 0.2) }
            let tape = Tape()
            let first = try Ops.conv2d(x, kernel: kernels[0], bias: nil, stride: (1, 1), padding: .valid,
                                       activation: .linear, tape: tape)
            let second = try Ops.conv2d(x, kernel: kernels[1], bias: nil, stride: (1, 1), padding: .same,
                                        activation: .linear, tape: tape)
            let targets = [first, second].map { randomVariable($0.shape, seed: 74, requiresGrad: false).value }
            let losses = try zip([first, second], targets).map { try Ops.meanSquaredError($0, targets: $1, tape: tape) }
            tape.backward(from: try Ops.add(losses[0], losses[1], tape: tape))
            return x.grad.copy()
        }
        for padding in [Padding.valid, .same] {
            let g = try WindowGeometry(batch: 3, height: 11, width: 13, channels: 32, kernel: (3, 3), stride: (1, 1),
                                       padding: padding)
            XCTAssertTrue(WinogradConvolution.appliesToInputGradient(g, filters: 16), "\(padding)")
        }
        WinogradConvolution.enabled = true
        let winograd = try gradient()
        WinogradConvolution.enabled = false
        let product = try gradient()
        assertAgree(winograd, product, "x's gradient from both layers")
    }

    func testAppliesOnlyWhereItSavesWork() throws {
        try XCTSkipIf(Gemm.kernel != .folio, "Winograd runs on Folio's kernels only")
        func applies(_ h: Int, _ w: Int, channels: Int, filters: Int, kernel: Int = 3, stride: Int = 1,
                     padding: Padding = .valid) throws -> Bool {
            let g = try WindowGeometry(batch: 2, height: h, width: w, channels: channels, kernel: (kernel, kernel),
                                       stride: (stride, stride), padding: padding)
            return WinogradConvolution.applies(g, filters: filters)
        }
        XCTAssertTrue(try applies(13, 13, channels: 32, filters: 64))
        XCTAssertTrue(try applies(28, 28, channels: 16, filters: 32, padding: .same))
        XCTAssertFalse(try applies(28, 28, channels: 1, filters: 32), "one channel: the direct kernel's")
        XCTAssertFalse(try applies(13, 13, channels: 8, filters: 64), "products too short")
        XCTAssertFalse(try applies(13, 13, channels: 32, filters: 24), "filters not a multiple of 16")
        XCTAssertFalse(try applies(13, 13, channels: 32, filters: 64, kernel: 5))
        XCTAssertFalse(try applies(13, 13, channels: 32, filters: 64, stride: 2))
        XCTAssertTrue(try applies(5, 5, channels: 64, filters: 64), "a 3×3 output: one tile, 36 products for 81")
        XCTAssertFalse(try applies(4, 4, channels: 64, filters: 64), "a 2×2 output: one tile, 36 products for 36")
        XCTAssertTrue(try applies(14, 14, channels: 128, filters: 128), "2.3 MiB transformed")
        XCTAssertFalse(try applies(9, 9, channels: 256, filters: 256), "9.4 MiB transformed: too large")
        func inputGradient(_ h: Int, _ w: Int, channels: Int, filters: Int, padding: Padding = .valid) throws
            -> Bool {
            let g = try WindowGeometry(batch: 2, height: h, width: w, channels: channels, kernel: (3, 3),
                                       stride: (1, 1), padding: padding)
            return WinogradConvolution.appliesToInputGradient(g, filters: filters)
        }
        XCTAssertTrue(try inputGradient(13, 13, channels: 32, filters: 64), "16 tiles for 121 positions")
        XCTAssertTrue(try inputGradient(28, 28, channels: 16, filters: 32, padding: .same))
        XCTAssertFalse(try inputGradient(5, 5, channels: 64, filters: 64), "3×3 dz: 4 tiles for 9 positions")
        XCTAssertFalse(try inputGradient(13, 13, channels: 24, filters: 64), "channels, its filters, not 16s")
        XCTAssertFalse(try inputGradient(13, 13, channels: 32, filters: 8), "filters, its channels, too few")
        XCTAssertFalse(try inputGradient(13, 13, channels: 32, filters: 64, padding: .explicit(rows: 3, columns: 0)),
                       "padding past 2: the full correlation would need negative padding")
        let saved = Gemm.kernel
        defer { Gemm.kernel = saved }
        Gemm.kernel = .openBLAS
        XCTAssertFalse(try applies(13, 13, channels: 32, filters: 64), "OpenBLAS stays the plain reference")
    }
}

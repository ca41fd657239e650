import XCTest
import Tensor
@testable import Learn

/// A convolution's batch loop runs in pieces fixed by the shape (`Ops.convPieces`), taken by whichever core is
/// free; each piece's kernel and bias gradients are summed in piece order. So the gradients must not depend on
/// whether the loop ran on several cores or on one (nested in another parallel loop, everything is serial).
final class ConvolutionPiecesTests: XCTestCase {
    /// wide: 16 channels, where the forward and the kernel gradient run by Winograd's minimal filtering.
    private enum Kind: CaseIterable { case plain, pooled, singleChannelPooled, wide, widePooled }

    /// Kernel gradient, bias gradient and output of one forward and backward pass.
    private func gradients(_ kind: Kind) throws -> [Tensor] {
        let channels = kind == .singleChannelPooled ? 1 : [.wide, .widePooled].contains(kind) ? 16 : 4
        let x = randomVariable([24, 12, 12, channels], seed: 1, requiresGrad: kind != .singleChannelPooled)
        let kernel = randomVariable([3, 3, channels, 16], seed: 2, scale: 0.3), bias = randomVariable([16], seed: 3)
        let tape = Tape()
        let y = [.plain, .wide].contains(kind)
            ? try Ops.conv2d(x, kernel: kernel, bias: bias, stride: (1, 1), padding: .valid, activation: .relu,
                             tape: tape)
            : try Ops.conv2dMaxPool2x2(x, kernel: kernel, bias: bias, stride: (1, 1), padding: .valid,
                                       activation: .relu, tape: tape)
        let targets = randomVariable(y.shape, seed: 4, requiresGrad: false).value
        let loss = try Ops.meanSquaredError(y, targets: targets, tape: tape)
        tape.backward(from: loss)
        return ([y.value, kernel.grad, bias.grad] + (x.requiresGrad ? [x.grad] : [])).map { $0.copy() }
    }

    func testGradientsAreTheSameBitsOnOneCoreAsOnAll() throws {
        try XCTSkipIf(Parallel.cores < 2, "one core: nothing to compare")
        let saved = Ops.convBlockFloats
        defer { Ops.convBlockFloats = saved }
        // the usual blocks (a piece is one block), then blocks of one image (several per piece)
        for blockFloats in [saved, 200] {
            Ops.convBlockFloats = blockFloats
            for kind in Kind.allCases {
                let parallel = try gradients(kind)
                var serial = [Tensor]()
                var failure: Error?
                Parallel.inParts(1) { _ in  // nested: every loop inside runs on this thread
                    do { serial = try gradients(kind) } catch { failure = error }
                }
                if let failure { throw failure }
                XCTAssertEqual(parallel.count, serial.count)
                for (a, b) in zip(parallel, serial) {
                    XCTAssertTrue(a.scalars == b.scalars, "\(kind): differs by up to \(a.maxAbsDifference(b))")
                    XCTAssertGreaterThan(a.scalars.map(abs).max() ?? 0, 0, "\(kind): nothing flowed")
                }
            }
        }
    }

    func testPiecesFollowTheShape() {
        // 121 positions (the CNN's second layer, 11 × 11): 5 images reach 512 rows
        XCTAssertEqual(Ops.convPieces(batch: 64, positions: 121), 13)
        // a large batch: at most 16 pieces
        XCTAssertEqual(Ops.convPieces(batch: 1024, positions: 121), 16)
        // 9 positions: 57 images reach 512 rows, so 64 images make 2 pieces
        XCTAssertEqual(Ops.convPieces(batch: 64, positions: 9), 2)
        // more rows per image than 512: one image each, up to 16 pieces
        XCTAssertEqual(Ops.convPieces(batch: 7, positions: 676), 7)
        XCTAssertEqual(Ops.convPieces(batch: 64, positions: 676), 16)
        XCTAssertEqual(Ops.convPieces(batch: 1, positions: 4), 1)
    }
}

/// An empty batch has no pieces: its kernel gradient is a first write of zeros, not a trap on an empty range.
final class EmptyBatchPartialsTests: XCTestCase {
    func testNoPiecesGiveZeroGradientsWithoutTrapping() {
        let kernel = randomVariable([3, 4], seed: 5), bias = randomVariable([4], seed: 6), tape = Tape()
        kernel.grad = Tensor(repeating: 7, shape: [3, 4])  // a previous pass's gradients
        bias.grad = Tensor(repeating: 7, shape: [4])
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        defer { partials.deallocate() }
        Ops.sumPartials(partials, pieces: 0, kernel: kernel, bias: bias, count: 12, filters: 4, tape: tape)
        XCTAssertEqual(kernel.grad.scalars, [Float](repeating: 0, count: 12))
        XCTAssertEqual(bias.grad.scalars, [Float](repeating: 0, count: 4))
    }
}

import XCTest
import Tensor
@testable import Learn

final class PCATests: XCTestCase {
    /// Orthonormal vectors e_k rotated into `dimension` dimensions (a fixed Householder reflection).
    private func directions(_ count: Int, dimension d: Int) -> [[Float]] {
        let v = (0..<d).map { Float($0 % 5) - 1.7 }
        let norm2 = v.reduce(0) { $0 + $1 * $1 }
        return (0..<count).map { k in (0..<d).map { i in (i == k ? 1 : 0) - 2 * v[i] * v[k] / norm2 } }
    }

    /// Rows ±a·u1 and ±b·u2 (+ an offset): mean `offset`, covariance (2a² u1u1ᵀ + 2b² u2u2ᵀ) / 3.
    private func crossData(dimension d: Int, a: Float, b: Float) throws -> (Tensor, [[Float]]) {
        let u = directions(2, dimension: d)
        let offset = (0..<d).map { Float($0) * 0.1 }
        var rows: [Float] = []
        for (s, k) in [(a, 0), (-a, 0), (b, 1), (-b, 1)] { rows += (0..<d).map { offset[$0] + s * u[k][$0] } }
        return (try Tensor(shape: [4, d], scalars: rows), u)
    }

    private func assertParallel(_ x: [Float], _ y: [Float], file: StaticString = #filePath, line: UInt = #line) {
        let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        XCTAssertEqual(abs(dot), 1, accuracy: 1e-3, "components differ (|cos| = \(abs(dot)))", file: file, line: line)
    }

    func testSmallDimensionRecoversKnownDecomposition() throws {
        let (rows, u) = try crossData(dimension: 5, a: 3, b: 1)
        let pca = try PCA(fitting: rows, components: 2)
        XCTAssertEqual(pca.explainedVariance[0], 6, accuracy: 1e-4)
        XCTAssertEqual(pca.explainedVariance[1], 2.0 / 3, accuracy: 1e-4)
        XCTAssertEqual(pca.explainedVarianceRatio[0], 0.9, accuracy: 1e-4)
        assertParallel(pca.components[0], u[0]); assertParallel(pca.components[1], u[1])
        XCTAssertEqual(pca.mean[3], 0.3, accuracy: 1e-5)
    }

    func testLargeDimensionUsesSubspaceIterationAndAgrees() throws {
        let (rows, u) = try crossData(dimension: 120, a: 5, b: 2)
        let pca = try PCA(fitting: rows, components: 2)
        XCTAssertEqual(pca.explainedVariance[0], 50.0 / 3, accuracy: 1e-2)
        XCTAssertEqual(pca.explainedVariance[1], 8.0 / 3, accuracy: 1e-2)
        assertParallel(pca.components[0], u[0]); assertParallel(pca.components[1], u[1])
    }

    func testTransformGivesCoordinatesAlongComponents() throws {
        let (rows, _) = try crossData(dimension: 6, a: 3, b: 1)
        let pca = try PCA(fitting: rows, components: 2)
        let projected = try pca.transform(rows)
        XCTAssertEqual(projected.shape, [4, 2])
        XCTAssertEqual(abs(projected[flat: 0]), 3, accuracy: 1e-4)
        XCTAssertEqual(projected[flat: 0], -projected[flat: 2], accuracy: 1e-4)
        XCTAssertEqual(projected[flat: 1], 0, accuracy: 1e-4)
        XCTAssertEqual(abs(projected[flat: 5]), 1, accuracy: 1e-4)
    }

    func testJacobiSolvesKnownSymmetricMatrix() {
        // [[2, 1, 0], [1, 2, 0], [0, 0, 5]]: eigenvalues 5, 3, 1 with vectors e3, (1, 1, 0)/√2, (1, −1, 0)/√2.
        let (values, vectors) = SymmetricEigen.decompose([2, 1, 0, 1, 2, 0, 0, 0, 5], n: 3)
        XCTAssertEqual(values[0], 5, accuracy: 1e-12)
        XCTAssertEqual(values[1], 3, accuracy: 1e-12)
        XCTAssertEqual(values[2], 1, accuracy: 1e-12)
        XCTAssertEqual(abs(vectors[0][2]), 1, accuracy: 1e-12)
        XCTAssertEqual(abs(vectors[1][0] + vectors[1][1]) / 2.0.squareRoot(), 1, accuracy: 1e-12)
    }

    func testBadInputsThrow() throws {
        XCTAssertThrowsError(try PCA(fitting: Tensor(zeros: [1, 3]), components: 1))
        XCTAssertThrowsError(try PCA(fitting: Tensor(zeros: [4, 3]), components: 4))
        let pca = try PCA(fitting: Tensor(repeating: 1, shape: [4, 3]), components: 1)
        XCTAssertThrowsError(try pca.transform(Tensor(zeros: [2, 5])))
    }
}

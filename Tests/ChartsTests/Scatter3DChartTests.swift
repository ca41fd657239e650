import Foundation
import XCTest
@testable import Charts

final class Scatter3DChartTests: XCTestCase {
    /// The point marks: the group ScatterChart also uses, white-outlined markers.
    private func marks(_ root: Element) -> [Element] {
        root.all("g").filter { $0.attributes["stroke"] == "#fff" }.flatMap(\.children)
    }

    private func center(_ mark: Element) -> (x: Double, y: Double) {
        (Double(mark.attributes["cx"] ?? "") ?? .nan, Double(mark.attributes["cy"] ?? "") ?? .nan)
    }

    /// Screen positions of the points, in index order, read off a trajectory through all of them
    /// in a level view (x across and z up at azimuth 0).
    private func levelView(_ x: [Double], _ y: [Double], _ z: [Double],
                           azimuth: Double = 0) throws -> [(x: Double, y: Double)] {
        let chart = Scatter3DChart(x: x, y: y, z: z, trajectories: [x.indices], title: "t", azimuth: azimuth,
                                   elevation: 0)
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        let line = try XCTUnwrap(root.all("path").first { $0.attributes["stroke"] == "#8a94a6" })
        let numbers = line.attributes["d"]!.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    func testOneMarkPerFinitePointAndNoScript() throws {
        let chart = Scatter3DChart(x: [0, 1, 2, 3, 4], y: [1, 0, 1, 0, 1], z: [3, 2, 1, 0, .nan], xLabel: "h1",
                                   yLabel: "h2", zLabel: "z", title: "state")
        let svg = try chart.svg()
        let root = try XCTUnwrap(assertWellFormedSVG(svg))
        XCTAssertEqual(marks(root).count, 4, "the point with a NaN coordinate is left out, as in ScatterChart")
        XCTAssertTrue(["h1", "h2", "z"].allSatisfy(root.texts.contains))
        let zTitle = root.all("text").first { $0.text == "z" }?.attributes["transform"] ?? ""
        XCTAssertTrue(zTitle.hasPrefix("rotate(-90"), "the z title runs up its edge, like a 2-D y title")
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertEqual(svg, try chart.svg(), "output is deterministic")
        XCTAssertNotNil(assertWellFormedSVG(try Scatter3DChart(x: [], y: [], z: []).svg()),
                        "no points still draws the box")
    }

    func testLevelFrontViewPutsXAcrossAndZUp() throws {
        let p = try levelView([0, 10, 5, 5], [0, 0, 0, 0], [5, 5, 0, 10])
        XCTAssertGreaterThan(p[1].x - p[0].x, 200, "x max lies far right of x min")
        XCTAssertEqual(p[1].y, p[0].y, accuracy: 0.11)
        XCTAssertGreaterThan(p[2].y - p[3].y, 150, "z max lies far above z min")
        XCTAssertEqual(p[2].x, p[3].x, accuracy: 0.11)
    }

    func testAzimuthTurnsTheCameraAboutZ() throws {
        let x: [Double] = [0, 10, 5, 5], y: [Double] = [5, 5, 0, 10], z: [Double] = [0, 0, 0, 0]
        let front = try levelView(x, y, z), side = try levelView(x, y, z, azimuth: 90)
        XCTAssertNotEqual(front[0].x, side[0].x, accuracy: 1)
        // Seen from +x, y runs left to right and x points at the viewer.
        XCTAssertEqual(side[0].x, side[1].x, accuracy: 0.11)
        XCTAssertGreaterThan(side[3].x - side[2].x, 200)
    }

    func testNearerPointsAreDrawnLaterAndLarger() throws {
        // From the front (camera on the −y side) the y = 0 point is nearer than the y = 1 point.
        let chart = Scatter3DChart(x: [0, 2, 1], y: [0, 1, 0.5], z: [0, 1, 0.5], azimuth: 0, elevation: 0)
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        let drawn = marks(root)
        let order = drawn.map { Int(center($0).x) }
        let far = try XCTUnwrap(order.firstIndex(of: order.max()!))
        let near = try XCTUnwrap(order.firstIndex(of: order.min()!))
        XCTAssertLessThan(far, near, "the far point (largest x) is painted before the near one")
        XCTAssertGreaterThan(Double(drawn[near].attributes["r"]!)!, Double(drawn[far].attributes["r"]!)!)
    }

    func testClassesGetALegendAndValuesAColourBar() throws {
        let classes = Scatter3DChart(x: [0, 1, 2], y: [0, 1, 0], z: [1, 0, 1],
                                     coloring: .classes([0, 1, 2], names: ["a", "b<c"]))
        XCTAssertThrowsError(try classes.svg(), "class 2 has no name")
        let named = Scatter3DChart(x: [0, 1, 2], y: [0, 1, 0], z: [1, 0, 1],
                                   coloring: .classes([0, 1, 0], names: ["a", "b<c"]))
        let root = try XCTUnwrap(assertWellFormedSVG(try named.svg()))
        XCTAssertTrue(root.texts.contains("a") && root.texts.contains("b<c"))
        XCTAssertEqual(root.all("circle").count, 3, "two class-0 points and the legend's circle")
        let valued = Scatter3DChart(x: [0, 1, 2], y: [0, 1, 0], z: [1, 0, 1],
                                    coloring: .values([0, 5, 10], label: "time step"))
        let bar = try XCTUnwrap(assertWellFormedSVG(try valued.svg()))
        XCTAssertTrue(bar.texts.contains("time step"))
        XCTAssertEqual(bar.all("rect").filter { $0.attributes["width"] == "12" }.count, 33,
                       "32 colour steps and an outline, as in ScatterChart")
    }

    func testTrajectoryRunsThroughItsPointsInOrder() throws {
        let chart = Scatter3DChart(x: [0, 10, 5, 2], y: [0, 0, 0, 0], z: [5, 5, 0, 9], trajectories: [1..<4],
                                   azimuth: 0, elevation: 0)
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        let line = try XCTUnwrap(root.all("path").first { $0.attributes["stroke"] == "#8a94a6" })
        let numbers = line.attributes["d"]!.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
        let expected = marks(root).map(center)[1...].flatMap { [$0.x, $0.y] }
        XCTAssertEqual(numbers, expected)
    }

    func testTickLabelsStayApartAndOnTheCanvas() throws {
        let t = (0..<60).map { Double($0) / 6 }
        for azimuth in stride(from: 0.0, to: 360, by: 30) {
            for elevation in [-30.0, 0, 25, 60, 90] {
                let chart = Scatter3DChart(x: t.map(cos), y: t.map { sin($0) * 200 }, z: t.map { $0 * 1000 },
                                           coloring: .values(t, label: "step"),
                                           xLabel: "unit 1", yLabel: "unit 2", zLabel: "unit 3", title: "helix",
                                           azimuth: azimuth, elevation: elevation)
                let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg(width: 560, height: 460)))
                let ticks = root.all("g").filter { $0.attributes["font-size"] == "11" }.flatMap { $0.all("text") }
                let boxes = ticks.map { tick -> (Double, Double, Double, Double) in
                    let x = Double(tick.attributes["x"]!)!, y = Double(tick.attributes["y"]!)!
                    let w = textWidth(tick.text, fontSize: 11)
                    return (x - w / 2, y - 11, x + w / 2, y)
                }
                let view = "azimuth \(azimuth), elevation \(elevation)"
                XCTAssertGreaterThanOrEqual(ticks.count, 6, view)
                for (i, a) in boxes.enumerated() {
                    XCTAssertTrue(a.0 >= 0 && a.2 <= 560 - 70 && a.1 >= 0 && a.3 <= 460,
                                  "\(ticks[i].text) off the plot, \(view)")
                    for b in boxes[..<i] where a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3 {
                        XCTFail("tick labels overlap, \(view)")
                    }
                }
            }
        }
    }

    func testManyPointsStayCompact() throws {
        let n = 3000
        let chart = Scatter3DChart(x: (0..<n).map { sin(Double($0)) }, y: (0..<n).map { cos(Double($0) * 0.7) },
                                   z: (0..<n).map { Double($0) },
                                   coloring: .classes((0..<n).map { $0 % 3 }, names: ["a", "b", "c"]))
        let svg = try chart.svg()
        let root = try XCTUnwrap(assertWellFormedSVG(svg))
        let dots = root.all("path").compactMap { $0.attributes["d"] }.filter { $0.hasSuffix("h0") }
        XCTAssertEqual(dots.map { $0.components(separatedBy: "h0").count - 1 }.reduce(0, +), n)
        XCTAssertLessThan(svg.utf8.count, 20 * n)
    }

    func testBadInputThrows() {
        XCTAssertThrowsError(try Scatter3DChart(x: [1], y: [1], z: []).svg())
        XCTAssertThrowsError(try Scatter3DChart(x: [1], y: [1], z: [1], trajectories: [0..<2]).svg())
        XCTAssertThrowsError(try Scatter3DChart(x: [1], y: [1], z: [1], coloring: .values([], label: "t")).svg())
        XCTAssertThrowsError(try Scatter3DChart(x: [1], y: [1], z: [1], azimuth: .nan).svg())
        XCTAssertThrowsError(try Scatter3DChart(x: [1], y: [1], z: [1]).svg(width: 10, height: 10))
    }

    /// The two example charts of the preview page: a helix coloured by step and a made-up
    /// counter for aⁿb²ⁿc³ⁿ (n = 6) coloured by the symbol read.
    private func previewCharts() -> (helix: Scatter3DChart, counter: Scatter3DChart) {
        let t = (0..<90).map { Double($0) / 8 }
        let helix = Scatter3DChart(x: t.map(cos), y: t.map(sin), z: t,
                                   coloring: .values(t.indices.map(Double.init), label: "step"),
                                   trajectories: [0..<t.count], xLabel: "h₁", yLabel: "h₂", zLabel: "h₃",
                                   title: "Hidden state of an LSTM", subtitle: "a helix coloured by step")
        // a pushes the state out, b and c bring it back.
        let n = 6.0
        let state = (0..<36).map { i -> (Double, Double, Double) in
            let k = Double(i)
            if k < n { return (0.8 * k / n, -0.2, 0.1 * k / n) }
            if k < 3 * n { let j = (k - n) / (2 * n); return (0.8 - 0.8 * j, 0.6 * sin(.pi * j), 0.1 + 0.4 * j) }
            let m = (k - 3 * n) / (3 * n)
            return (-0.3 * sin(.pi * m), 0.6 * m - 0.2, 0.5 - 0.7 * m)
        }
        let counter = Scatter3DChart(x: state.map(\.0), y: state.map(\.1), z: state.map(\.2),
                                     coloring: .classes((0..<36).map { $0 < 6 ? 0 : $0 < 18 ? 1 : 2 },
                                                        names: ["a", "b", "c"]),
                                     trajectories: [0..<36], xLabel: "h₁", yLabel: "h₂", zLabel: "h₃",
                                     title: "Counting aⁿb²ⁿc³ⁿ",
                                     subtitle: "n = 6, coloured by the symbol read", azimuth: -50, elevation: 20)
        return (helix, counter)
    }

    /// The preview's charts, checked on every run: each draws every point on its one trajectory,
    /// the helix with a step colour bar, the counter with a legend of its symbols.
    /// `SCATTER3D_PREVIEW=/tmp/scatter3d.html swift test --filter Scatter3DChartTests` also
    /// writes them to a page, to look at with scripts/screenshot.
    func testPreviewChartsDrawEveryPointOnTheirTrajectory() throws {
        let (helix, counter) = previewCharts()
        for (chart, count) in [(helix, 90), (counter, 36)] {
            let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
            XCTAssertEqual(marks(root).count, count, chart.title)
            let line = try XCTUnwrap(root.all("path").first { $0.attributes["stroke"] == "#8a94a6" })
            let numbers = line.attributes["d"]!.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
            XCTAssertEqual(numbers.count, 2 * count, "one vertex per point")
            XCTAssertTrue(["h₁", "h₂", "h₃", chart.subtitle].allSatisfy(root.texts.contains), chart.title)
        }
        let bar = try XCTUnwrap(assertWellFormedSVG(try helix.svg()))
        XCTAssertTrue(bar.texts.contains("step"))
        XCTAssertEqual(bar.all("rect").filter { $0.attributes["width"] == "12" }.count, 33, "the colour bar")
        let legend = try XCTUnwrap(assertWellFormedSVG(try counter.svg()))
        XCTAssertTrue(["a", "b", "c"].allSatisfy(legend.texts.contains))
        guard let path = ProcessInfo.processInfo.environment["SCATTER3D_PREVIEW"] else { return }
        let page = "<!doctype html><meta charset=\"utf-8\">"
            + "<body style=\"margin:8px;display:grid;grid-template-columns:1fr 1fr\">"
            + (try helix.svg()) + (try counter.svg()) + "</body>"
        try page.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

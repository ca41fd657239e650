import CellOutput
import Foundation

/// The data's bounding box as a camera sees it, with its back panes, grid and three labelled
/// axes. Each axis has its own `Scale` onto −half…half box units (a 4:4:3 box, as matplotlib
/// draws), so every axis fills its edge whatever its range.
struct Axes3D {
    static let half = SIMD3<Double>(1, 1, 0.75)
    let camera: Camera3D
    let scales: [Scale]
    let titles: [String]
    /// Pixels per box unit and where the box centre lands, chosen by `fit(in:)`.
    private(set) var zoom = 1.0, center = SIMD2<Double>(0, 0)

    init(camera: Camera3D, data: [[Double]], titles: [String]) {
        self.camera = camera
        self.titles = titles
        scales = (0..<3).map {
            Scale.linear(covering: padded(data[$0]), pixels: (-Axes3D.half[$0], Axes3D.half[$0]), tickCount: 4)
        }
    }

    /// A data point in box units; nil when a coordinate is not finite.
    func boxPoint(_ x: Double, _ y: Double, _ z: Double) -> SIMD3<Double>? {
        guard let px = scales[0].position(x), let py = scales[1].position(y), let pz = scales[2].position(z) else {
            return nil
        }
        return SIMD3(px, py, pz)
    }

    /// A box point in SVG coordinates.
    func pixel(_ p: SIMD3<Double>) -> SIMD2<Double> { center + zoom * camera.screen(p) }

    /// Depths of the nearest and farthest box corners, for fading points with distance.
    var depthRange: ClosedRange<Double> {
        let depths = corners.map(camera.depth)
        return depths.min()!...depths.max()!
    }

    private var corners: [SIMD3<Double>] {
        (0..<8).map { (i: Int) in
            SIMD3<Double>(Double(i & 1), Double(i >> 1 & 1), Double(i >> 2 & 1)) * 2 * Axes3D.half - Axes3D.half
        }
    }

    /// The side (−1 or +1) of `axis` whose face is behind the data; a face seen edge-on counts
    /// as the low side, so a level camera still gets a floor.
    private func backSide(_ axis: Int) -> Double { camera.toward[axis] >= 0 ? -1 : 1 }

    /// The two other axes, in cyclic order.
    private func others(_ axis: Int) -> (Int, Int) { ((axis + 1) % 3, (axis + 2) % 3) }

    /// The edge along `axis` that carries its ticks, and the screen direction pointing away from
    /// the box there. Edges on the box's outline keep labels off the data; of those, x and y take
    /// the lowest and z the leftmost, as in a 2-D chart. Nil when the axis points at the viewer.
    private func tickEdge(_ axis: Int) -> (from: SIMD3<Double>, to: SIMD3<Double>, out: SIMD2<Double>)? {
        let (b, c) = others(axis)
        func faces(_ k: Int, _ side: Double) -> Bool { side * camera.toward[k] > 1e-9 }
        let all = [(-1.0, -1.0), (-1, 1), (1, -1), (1, 1)].map { sides -> (SIMD3<Double>, SIMD3<Double>) in
            var from = SIMD3<Double>(repeating: 0)
            from[b] = sides.0; from[c] = sides.1; from[axis] = -1
            var to = from; to[axis] = 1
            return (from * Axes3D.half, to * Axes3D.half)
        }
        let outline = all.filter { e in faces(b, e.0[b]) != faces(c, e.0[c]) }
        func key(_ e: (SIMD3<Double>, SIMD3<Double>)) -> (Double, Double) {
            let mid = (e.0 + e.1) / 2, s = camera.screen(mid)
            return (((axis == 2 ? -s.x : s.y) * 1e6).rounded(), camera.depth(mid))
        }
        guard let (from, to) = (outline.isEmpty ? all : outline).max(by: { key($0) < key($1) }) else { return nil }
        let d = camera.screen(to) - camera.screen(from), length = (d * d).sum().squareRoot()
        guard length > 0.25 else { return nil }
        var out = SIMD2(-d.y, d.x) / length
        if (out * camera.screen((from + to) / 2)).sum() < 0 { out = -out }
        return (from, to, out)
    }

    /// Tick labels and axis titles: text of `size` pixels whose centre sits `offset` pixels
    /// from box point `at`, so it keeps its distance from the box at any zoom.
    /// Titles are never dropped; the z title is turned to run up its upright edge.
    private struct Label {
        var text: String, at: SIMD3<Double>, offset: SIMD2<Double>, size: SIMD2<Double>
        var isTitle = false, upright = false
    }

    /// The labels at `zoom`: where neighbouring tick labels would touch, only every k-th tick is
    /// labelled. Without a zoom all are kept, which is what `fit` needs to leave room for any.
    private func labels(zoom: Double?) -> [Label] {
        var labels: [Label] = []
        for axis in 0..<3 {
            guard let edge = tickEdge(axis) else { continue }
            let out = edge.out, scale = scales[axis], along = camera.screen(edge.to) - camera.screen(edge.from)
            func reach(_ size: SIMD2<Double>, _ d: SIMD2<Double>) -> Double {
                (abs(d.x) * size.x + abs(d.y) * size.y) / 2
            }
            let ticks = zip(scale.ticks, scale.labels).compactMap {
                tick, text -> (at: SIMD3<Double>, text: String, size: SIMD2<Double>)? in
                guard let t = scale.position(tick) else { return nil }
                var at = edge.from; at[axis] = t
                return (at, text, SIMD2(textWidth(text, fontSize: ChartStyle.tickFont), ChartStyle.tickFont))
            }
            var every = 1
            if let zoom, ticks.count > 1 {
                let step = camera.screen(ticks[1].at) - camera.screen(ticks[0].at)
                let spacing = zoom * (step * step).sum().squareRoot()
                let direction = along / (along * along).sum().squareRoot()
                let needed = ticks.map { 2 * reach($0.size, direction) }.max()! + 8
                every = max(1, Int((needed / spacing).rounded(.up)))
            }
            var farthest = 0.0
            for (n, tick) in ticks.enumerated() {
                farthest = max(farthest, 7 + 2 * reach(tick.size, out))
                guard n % every == 0 else { continue }
                labels.append(Label(text: tick.text, at: tick.at, offset: out * (7 + reach(tick.size, out)),
                                    size: tick.size))
            }
            guard !titles[axis].isEmpty else { continue }
            // z's edge is upright on screen, so its title is turned like a 2-D y-axis title.
            let width = textWidth(titles[axis], fontSize: ChartStyle.labelFont), upright = axis == 2
            let size = upright ? SIMD2(ChartStyle.labelFont, width) : SIMD2(width, ChartStyle.labelFont)
            labels.append(Label(text: titles[axis], at: (edge.from + edge.to) / 2,
                                offset: out * (farthest + 6 + reach(size, out)),
                                size: size, isTitle: true, upright: upright))
        }
        return labels
    }

    /// Chooses the largest zoom at which the box and all its labels fit `region`, and centres them.
    mutating func fit(in region: Region) {
        let labels = self.labels(zoom: nil)
        let anchors = corners.map { (camera.screen($0), SIMD2<Double>(0, 0), SIMD2<Double>(0, 0)) }
            + labels.map { (camera.screen($0.at), $0.offset - $0.size / 2, $0.offset + $0.size / 2) }
        func extent(_ zoom: Double) -> (low: SIMD2<Double>, high: SIMD2<Double>) {
            var low = SIMD2(repeating: Double.infinity), high = -low
            for (p, lo, hi) in anchors {
                low = pointwiseMin(low, zoom * p + lo)
                high = pointwiseMax(high, zoom * p + hi)
            }
            return (low, high)
        }
        let room = SIMD2(region.width - 16, region.height - 12)
        var (good, bad) = (1.0, 4000.0)
        for _ in 0..<50 {
            let mid = (good + bad) / 2, e = extent(mid)
            if e.high.x - e.low.x <= room.x && e.high.y - e.low.y <= room.y { good = mid } else { bad = mid }
        }
        let e = extent(good)
        zoom = good
        center = SIMD2(region.x, region.y) + (SIMD2(region.width, region.height) - (e.high - e.low)) / 2 - e.low
    }

    /// Draws the back panes with grid lines at the ticks, then the three axes with ticks and
    /// labels. Tick labels that would touch an earlier label (where two axes meet) are dropped.
    func draw(_ doc: inout SVGDocument) {
        var panes = "", grid = ""
        for axis in 0..<3 {
            let (b, c) = others(axis)
            var p = SIMD3<Double>(repeating: 0)
            p[axis] = backSide(axis) * Axes3D.half[axis]
            for (i, sides) in [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)].enumerated() {
                p[b] = sides.0 * Axes3D.half[b]; p[c] = sides.1 * Axes3D.half[c]
                panes += (i == 0 ? "M" : "L") + point(pixel(p))
            }
            panes += "Z"
            for (line, across) in [(b, c), (c, b)] {
                for tick in scales[line].ticks {
                    guard let t = scales[line].position(tick) else { continue }
                    p[line] = t
                    p[across] = -Axes3D.half[across]; grid += "M" + point(pixel(p))
                    p[across] = Axes3D.half[across]; grid += "L" + point(pixel(p))
                }
            }
        }
        doc.add("<path d=\"\(panes)\" fill=\"#f6f7f9\" stroke=\"#cfd5de\" stroke-linejoin=\"round\"/>")
        doc.add("<path d=\"\(grid)\" stroke=\"\(ChartStyle.gridColor)\" fill=\"none\"/>")
        var edges = ""
        for axis in 0..<3 {
            guard let edge = tickEdge(axis) else { continue }
            edges += "M" + point(pixel(edge.from)) + "L" + point(pixel(edge.to))
            for tick in scales[axis].ticks {
                guard let t = scales[axis].position(tick) else { continue }
                var at = edge.from; at[axis] = t
                let p = pixel(at)
                edges += "M" + point(p) + "L" + point(p + 4 * edge.out)
            }
        }
        doc.add("<path d=\"\(edges)\" stroke=\"\(ChartStyle.axisColor)\" fill=\"none\"/>")
        var taken: [(SIMD2<Double>, SIMD2<Double>)] = []
        var ticks = "<g font-size=\"\(coord(ChartStyle.tickFont))\" text-anchor=\"middle\" fill=\"#333\">"
        for label in labels(zoom: zoom).sorted(by: { $0.isTitle && !$1.isTitle }) {
            let mid = pixel(label.at) + label.offset, low = mid - label.size / 2 - 2, high = mid + label.size / 2 + 2
            if taken.contains(where: { all($0.0 .< high) && all(low .< $0.1) }) && !label.isTitle { continue }
            taken.append((low, high))
            if label.isTitle {
                let turn = label.upright ? "transform=\"rotate(-90 \(coord(mid.x)) \(coord(mid.y)))\"" : ""
                doc.text(label.text, x: mid.x, y: mid.y + 4.2, size: ChartStyle.labelFont, extra: turn)
            } else {
                ticks += "<text x=\"\(coord(mid.x))\" y=\"\(coord(mid.y + 3.8))\">\(escapeMarkup(label.text))</text>"
            }
        }
        doc.add(ticks + "</g>")
    }
}

/// "x y" for path data.
func point(_ p: SIMD2<Double>) -> String { "\(coord(p.x)) \(coord(p.y))" }

import Foundation

/// An orthographic camera looking at the origin. Azimuth turns it about the vertical z axis
/// (counter-clockwise seen from above), elevation lifts it, both in degrees. At 0/0 it looks
/// along +y, so x runs left to right and z bottom to top: matplotlib's `view_init(elev, azim)`
/// shows the same view with azim = azimuth − 90.
struct Camera3D {
    /// Unit vectors in box space: screen right, screen up, and toward the viewer.
    let right: SIMD3<Double>, up: SIMD3<Double>, toward: SIMD3<Double>

    init(azimuth: Double, elevation: Double) {
        let a = azimuth * .pi / 180, e = elevation * .pi / 180
        right = SIMD3(cos(a), sin(a), 0)
        up = SIMD3(-sin(a) * sin(e), cos(a) * sin(e), cos(e))
        toward = SIMD3(sin(a) * cos(e), -cos(a) * cos(e), sin(e))
    }

    /// The screen position in box units, y growing downwards as in SVG.
    func screen(_ p: SIMD3<Double>) -> SIMD2<Double> { SIMD2((p * right).sum(), -(p * up).sum()) }

    /// Distance toward the viewer: larger is nearer, so it is drawn later.
    func depth(_ p: SIMD3<Double>) -> Double { (p * toward).sum() }
}

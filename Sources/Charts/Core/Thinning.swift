/// Reduces a long series to at most about `2 × buckets` points for drawing, keeping in each
/// bucket (a run of consecutive indices) its minimum and its maximum in their original order.
/// Extremes therefore always survive: a spike in a 100,000-step loss curve stays visible.
///
/// Non-finite values are gaps in a line; a bucket that held one emits a NaN after its points so
/// that the gap is kept too. Series no longer than `2 × buckets` come back unchanged.
/// - Parameters:
///   - x: x values, same count as `y` (assumed ascending, as for steps or epochs).
///   - y: y values.
///   - buckets: number of buckets (≥ 1).
/// - Returns: the kept (x, y) pairs as two arrays.
public func thinForDrawing(x: [Double], y: [Double], buckets: Int) -> (x: [Double], y: [Double]) {
    let n = min(x.count, y.count)
    let bucketCount = max(1, buckets)
    if n <= 2 * bucketCount { return (Array(x.prefix(n)), Array(y.prefix(n))) }
    var outX: [Double] = [], outY: [Double] = []
    outX.reserveCapacity(2 * bucketCount + 2)
    outY.reserveCapacity(2 * bucketCount + 2)
    x.withUnsafeBufferPointer { xs in
        y.withUnsafeBufferPointer { ys in
            for b in 0..<bucketCount {
                let start = b * n / bucketCount, end = (b + 1) * n / bucketCount
                var minIndex = -1, maxIndex = -1, sawGap = false
                for i in start..<end {
                    let v = ys[i]
                    guard v.isFinite else { sawGap = true; continue }
                    if minIndex < 0 || v < ys[minIndex] { minIndex = i }
                    if maxIndex < 0 || v > ys[maxIndex] { maxIndex = i }
                }
                if minIndex >= 0 {
                    let (first, second) = minIndex <= maxIndex ? (minIndex, maxIndex) : (maxIndex, minIndex)
                    outX.append(xs[first]); outY.append(ys[first])
                    if second != first { outX.append(xs[second]); outY.append(ys[second]) }
                }
                if sawGap { outX.append(xs[end - 1]); outY.append(.nan) }
            }
        }
    }
    return (outX, outY)
}

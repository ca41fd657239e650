let xs: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
let mean = xs.reduce(0, +) / Double(xs.count)
let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
print(String(format: "mean=%.2f sd=%.2f", mean, sqrt(variance)))
// expect: mean=5.00 sd=2.00

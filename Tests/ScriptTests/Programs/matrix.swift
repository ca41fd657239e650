var m = Array(repeating: Array(repeating: 0.0, count: 3), count: 2)
for i in 0..<2 { for j in 0..<3 { m[i][j] = Double(i * 3 + j) / 2 } }
print(m)
// expect: [[0.0, 0.5, 1.0], [1.5, 2.0, 2.5]]
let flat = m.flatMap { $0 }.map { Int($0 * 2) }
print(flat.max() ?? 0, flat.count)
// expect: 5 6

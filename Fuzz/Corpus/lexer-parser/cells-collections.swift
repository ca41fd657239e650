var scores: [String: Double] = [:]
scores["cnn"] = 0.99
scores["rnn"] = 0.97
for (name, score) in scores.sorted(by: { $0.key < $1.key }) {
    print(name, score)
}
print(scores["gru"] ?? 0.0, scores.count)

let (loss, accuracy) = (0.25, 0.91)
print(loss, accuracy)
for (i, layer) in ["conv", "pool", "dense"].enumerated() {
    print(i, layer)
}
for (a, b) in zip([1, 2, 3], ["x", "y", "z"]) {
    print(a, b)
}
var grid = Array(repeating: 0, count: 3)
grid[1] = 5
print(grid, Array(0..<4), (1...3).map { $0 * $0 })
var copy = grid
copy.append(9)
print(grid.count, copy.count, grid.isEmpty)


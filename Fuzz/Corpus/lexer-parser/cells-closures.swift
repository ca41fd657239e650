let xs = [5, 3, 8, 1]
print(xs.map { $0 * 2 })
print(xs.filter { x in x > 2 })
print(xs.reduce(0, +), xs.reduce(1) { $0 * $1 })
print(xs.sorted(), xs.sorted(by: >), xs.sorted { $0 > $1 })
print(xs.contains(8), xs.contains { $0 > 10 })
print(xs.first ?? 0, xs.last ?? 0, xs.min() ?? 0, xs.max() ?? 0)

func apply(_ f: (Int) -> Int, to value: Int, times: Int = 2) -> Int {
    var result = value
    for _ in 0..<times { result = f(result) }
    return result
}
print(apply({ $0 + 3 }, to: 1))
print(apply({ x in x * x }, to: 2, times: 3))
let names = ["cnn", "rnn", "lstm"]
print(names.map { $0.uppercased() }.joined(separator: ", "))


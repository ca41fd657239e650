let i = 3
let d = 0.5
print(Double(i) * d, i * 2, 1 + 2.5)
print(Int(7.9), Int(-7.9), (2.5).rounded(), abs(-4), sqrt(16.0), pow(2.0, 10.0))
print(String(format: "%.3f|%5d|%-4s|%e", 3.14159, 42, "ab", 12345.678))
print(Int("12") ?? -1, Int("x") ?? -1, Double("1.5") ?? 0)
print(min(3, 1, 2), max(2.5, 1.0), 7 / 2, 7.0 / 2)
print(0.1 + 0.2, 1e-5, 100.0, 1.0 / 3.0)

let n = 4
let x = 1.5
n + x


// Builtin method and property dispatch on strings and arrays, 200,000 times each (same as method_calls.py).
let words = ["alpha", "beta", "gamma", "delta"]
var xs = [3, 1, 2]
var hits = 0
var total = 0
for i in 0..<200_000 {
    let w = words[i % 4]
    if w.hasPrefix("a") { hits += 1 }
    total += w.uppercased().count + xs.count
    if xs.contains(2) { hits += 1 }
    total += xs.prefix(2).count
    if !xs.isEmpty { total += 1 }
}
print(hits, total)

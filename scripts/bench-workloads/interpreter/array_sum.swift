// Build an array of 1,000,000 Doubles with append, then sum it in a loop.
var xs: [Double] = []
for i in 0..<1_000_000 { xs.append(Double(i) * 0.5) }
var total = 0.0
for x in xs { total += x }
print(total)

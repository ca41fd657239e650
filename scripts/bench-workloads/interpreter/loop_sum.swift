// Sum 1...10_000_000 in a plain loop.
var s = 0
for i in 1...10_000_000 { s += i }
print(s)

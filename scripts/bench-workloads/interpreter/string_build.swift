// Append 100,000 short interpolated strings to one String.
var s = ""
for i in 0..<100_000 { s += "item \(i), " }
print(s.count)

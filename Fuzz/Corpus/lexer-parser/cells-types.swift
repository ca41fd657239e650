let x: Double = 3
var names: [String] = []
names.append("a")
func half(_ n: Int) -> Double { Double(n) / 2 }
print(x, names, half(5))

let count: Int = 2.5


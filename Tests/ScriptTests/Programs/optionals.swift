let scores = ["ann": 90, "bo": 75]
let s = scores["cy"] ?? 0
print(s)
// expect: 0
if let b = scores["bo"] { print("bo has \(b)") }
// expect: bo has 75
let name: String? = nil
print(name?.count ?? -1, name == nil)
// expect: -1 true
let xs: [Int]? = [1, 2, 3]
print(xs?.count ?? 0)
// expect: 3

let a = 7
let b = 2
print(a / b, a % b, -a / b)
print("sum: \(a + b), product: \(a * b)")
Double(a) / Double(b)

var x = 1
x += 41

let maybe: Int? = nil
maybe

x

let s = "tab\there, quote \" and backslash \\"
print(s)
print("unicode: \u{2713}")
s.count


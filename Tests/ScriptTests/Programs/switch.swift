// `switch` over the values the language has: the first matching case runs, no implicit fallthrough.
func grade(_ score: Int) -> String {
    switch score {
    case 90...: return "A"
    case 80..<90: return "B"
    case 70, 71, 72, 73, 74, 75, 76, 77, 78, 79: return "C"
    case ..<0: return "invalid"
    default: return "F"
    }
}
print(grade(95), grade(85), grade(72), grade(10), grade(-3))
// expect: A B C F invalid

for word in ["one", "two", "three"] {
    switch word {
    case "one": print(1)
    case "two":
        print(2)
        break
    default:
        print("many:", word.count)
    }
}
// expect: 1
// expect: 2
// expect: many: 5

let language = .anbn
switch language {
case .parity, .dyck: print("regular or counting")
case .anbn: print("needs a counter")
default: break
}
// expect: needs a counter

func where2D(_ p: (Int, Int)) -> String {
    switch p {
    case (0, 0): return "origin"
    case (0, _), (_, 0): return "on an axis"
    case let (x, y) where x == y: return "diagonal \(x)"
    case (let x, 1...3): return "low, x = \(x)"
    default: return "elsewhere"
    }
}
print(where2D((0, 0)), "|", where2D((0, 4)), "|", where2D((5, 5)), "|", where2D((9, 2)), "|", where2D((2, 9)))
// expect: origin | on an axis | diagonal 5 | low, x = 9 | elsewhere

let t = 0.75
switch t {
case 0.0..<0.5: print("low")
case 0.5...1.0: print("high")
default: print("out")
}
// expect: high

var within = 0, all = 0
for n in 1...20 {
    switch n % 5 {
    case 0:
        within += 1
        fallthrough
    case 1: all += 1
    case let r where r > 3: continue
    default: break
    }
}
print(within, all)
// expect: 4 8

let flag = true
switch flag {
case true: print("yes")
case false: print("no")
}
// expect: yes

let k = 7
switch k {
case 1: print("one")
case 2: print("two")
}
// expect error: switch.swift:78:1: error: no case matched 7; add a default:
// expect error: switch k {
// expect error: ^~~~~~

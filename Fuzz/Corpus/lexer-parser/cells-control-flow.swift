var found = -1
for i in 0..<100 {
    if i % 7 != 0 { continue }
    if i > 30 {
        found = i
        break
    }
}
var n = 0
while n < 5 { n += 2 }
let kind = n > 5 ? "big" : "small"
if found == 35 && kind == "big" {
    print("found \(found), n = \(n), \(kind)")
} else if found > 0 {
    print("else-if")
} else {
    print("else")
}

func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }
(0..<10).map { fib($0) }

func countdown(from n: Int) -> Int { countdown(from: n + 1) }
countdown(from: 0)


var total = 0
func square(_ x: Int) -> Int { x * x }

for i in 1...params.n {
    total += square(i)
}
total

total += 1
print("total is now \(total)")


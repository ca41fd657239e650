func makeAccumulator(start: Int) -> (Int) -> Int {
    var total = start
    return { x in
        total += x
        return total
    }
}
let acc = makeAccumulator(start: 10)
_ = acc(5)
print(acc(1))
// expect: 16
let other = makeAccumulator(start: 0)
print(other(1), acc(0))
// expect: 1 16

func hanoi(_ n: Int, _ from: String, _ to: String, _ via: String) -> Int {
    if n == 0 { return 0 }
    return hanoi(n - 1, from, via, to) + 1 + hanoi(n - 1, via, to, from)
}
print(hanoi(10, "a", "c", "b"))
// expect: 1023
func primes(upTo n: Int) -> [Int] {
    var sieve = Array(repeating: true, count: n + 1)
    var result: [Int] = []
    for i in 2...n where sieve[i] {
        result.append(i)
        for j in stride(from: i * i, through: n, by: i) { sieve[j] = false }
    }
    return result
}
print(primes(upTo: 30))
// expect: [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]

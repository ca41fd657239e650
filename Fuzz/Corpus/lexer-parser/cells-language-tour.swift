//| label: first-cell
let name = params.greeting
print("\(name), world!")
2 + 3 * 4

let count = params.terms
let half = count / 2                 // Int division
let scaled = Double(count) * params.rate
var words: [String] = ["loss", "accuracy"]
words.append("epoch")
let scores = ["cnn": 0.991, "rnn": 0.978]
let (best, second) = (scores["cnn"] ?? 0, scores["rnn"] ?? 0)
print("half = \(half), scaled = \(scaled), words = \(words)")
String(format: "best %.1f%% vs %.1f%%", best * 100, second * 100)

func fibonacci(_ n: Int) -> Int {
    if n < 2 { return n }
    return fibonacci(n - 1) + fibonacci(n - 2)
}

func describe(_ values: [Int], label: String = "values") -> String {
    let total = values.reduce(0, +)
    return "\(label): \(values.count) items, sum \(total)"
}

let fibs = (0..<params.terms).map { fibonacci($0) }
print(describe(fibs, label: "Fibonacci"))
let evens = fibs.filter { $0 % 2 == 0 }
let squares = evens.map { x in x * x }
squares

//| label: golden-ratio
let phi = (1 + sqrt(5.0)) / 2
var rows: [[Any]] = []
for n in stride(from: 2, to: params.terms + 1, by: 2) {
    let ratio = Double(fibonacci(n + 1)) / Double(fibonacci(n))
    rows.append([n, ratio, abs(ratio - phi)])
}
table(rows, header: ["n", "F(n+1) / F(n)", "error"], title: "Ratios of consecutive Fibonacci numbers")

var steps = 0
var value = 27
while true {
    if value == 1 { break }
    value = value % 2 == 0 ? value / 2 : 3 * value + 1
    steps += 1
}
print("27 reaches 1 after \(steps) steps")
for (model, accuracy) in scores.sorted(by: { $0.key < $1.key }) {
    print("\(model): \(String(format: "%.3f", accuracy))")
}

//| error: true
let limit = Int.max
let tooBig = limit + 1

//| error: true
print(fibonaci(5))

markdown("The first \(params.terms) Fibonacci numbers sum to **\(fibs.reduce(0, +))**.")


let text = "the cat and the hat and the bat"
var counts: [String: Int] = [:]
for word in text.split(separator: " ") { counts[word, default: 0] += 1 }
let top = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
for (word, n) in top.prefix(2) { print("\(word): \(n)") }
// expect: the: 3
// expect: and: 2

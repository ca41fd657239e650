/// The candidate closest to a misspelt name, for "did you mean …?" hints; nil when nothing is close.
///
/// Matching ignores case, then prefers the candidate whose case also matches (`modl` suggests the
/// variable `model` over the type `Model`), then the alphabetically first, so hints never vary.
/// The distance must be at most a third of the name's length, and at most 3, so that
/// unrelated names are never suggested.
public func closestMatch(to name: String, in candidates: some Sequence<String>) -> String? {
    let exact = Array(name)
    let folded = Array(name.lowercased())
    let limit = min(3, folded.count / 3)
    var best: (name: String, rank: (Int, Int))?
    for candidate in candidates where candidate != name {
        let distance = editDistance(folded, Array(candidate.lowercased()))
        guard distance <= limit else { continue }
        let rank = (distance, editDistance(exact, Array(candidate)))
        if let best, best.rank < rank || (best.rank == rank && best.name <= candidate) { continue }
        best = (candidate, rank)
    }
    return best?.name
}

/// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
/// (optimal string alignment), since "lable" for "label" is one slip, not two.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}

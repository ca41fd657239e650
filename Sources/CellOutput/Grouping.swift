/// 93322 → "93,322", -1250000 → "-1,250,000": thousands grouped as Keras prints parameter counts
/// and prose writes large numbers.
public func groupedThousands(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = n < 0 ? "-" : ""
    for (i, digit) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return out
}

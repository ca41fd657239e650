/// An implicit member called with labelled values, `.oneHot(columns: 10)`: a record whose reserved
/// field `case` names the member, so host parameters can take a choice that carries values (as a
/// Swift enum case with associated values does) without the language growing enums.
extension Value {
    static let caseField = "case"

    static func caseValue(_ name: String, _ values: [String: Value]) -> Value {
        var fields = values
        fields[caseField] = .symbol(name)
        return .record(fields)
    }

    /// `("oneHot", ["columns": 10])` for `.oneHot(columns: 10)`; nil for any other value.
    public var caseAndValues: (name: String, values: [String: Value])? {
        guard case .record(var fields) = self, case .symbol(let name)? = fields[Value.caseField] else { return nil }
        fields[Value.caseField] = nil
        return (name, fields)
    }
}

/// The result of one rubric limit for one submission.
public enum LimitResult: String, Codable, Equatable, Sendable {
    case pass, fail
    case targetMet = "target met"
    /// The value was never recorded (or no run completed).
    case missing

    /// Checks `limit` against a submission's statistic.
    public static func check(_ limit: Rubric.Limit, _ submission: SubmissionResult) -> LimitResult {
        guard let value = submission.value(of: limit.name) else { return .missing }
        if let max = limit.max, value > max { return .fail }
        if let min = limit.min, value < min { return .fail }
        if let target = limit.target {
            let met = limit.max != nil ? value <= target : value >= target
            return met ? .targetMet : .pass
        }
        return .pass
    }
}

/// How many classes a dataset may have. Readers infer the class count as the largest label + 1
/// and make a name per class, so one stray label of 2,000,000,000 in a 47-byte file would ask for
/// two billion names; labels and declared counts are checked against this bound first.
public enum ClassLimit {
    /// Far more classes than any labelled set Folio is for (ImageNet-21k has 21,841), yet small
    /// enough that per-class names, counts and charts stay cheap.
    public static let maximum = 100_000

    /// Throws unless a declared class count is in `1...maximum`.
    static func check(declared: Int?, path: String) throws {
        guard let declared else { return }
        guard (1...maximum).contains(declared) else {
            throw DatasetError(path: path, expected: "a class count from 1 to \(maximum)",
                               found: "classCount \(declared)",
                               hint: "Declare the number of classes the labels really use")
        }
    }

    /// The error for a label that would make more than `maximum` classes; `where` says where it is.
    static func tooLarge(_ label: String, path: String, at location: FileLocation,
                         column: String = "") -> DatasetError {
        DatasetError(path: path, at: location,
                     expected: "a class label from 0 to \(maximum - 1) (at most \(maximum) classes)",
                     found: "\(label)\(column)",
                     hint: "Labels number the classes from 0, so this one would make \(label) + 1 classes; "
                         + "fix the label, or check that the label column is the one you meant")
    }
}

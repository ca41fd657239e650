/// Frees values without one stack frame per level of nesting.
///
/// Swift frees a `[Value]` by releasing each element, which frees *its* storage the same way:
/// a value nested a million deep (`a = [a]` in a loop) overflows the stack when it goes away.
/// `release` instead takes apart the containers that would be freed into a work list, one
/// level at a time. A container that something else still holds is left alone (releasing it
/// only lowers its count), so freeing a small value that shares a huge one costs nothing extra.
public enum ValueTeardown {
    /// Frees `value`; a scalar, or a collection something else still holds, is just released.
    public static func release(_ value: consuming Value) {
        var pending: [Value] = []
        if var storage = detach(&value) { takeNested(&storage, into: &pending) }
        while var next = pending.popLast() {
            if var storage = detach(&next) { takeNested(&storage, into: &pending) }
        }
    }

    /// Frees the value in `slot` and leaves `.void` there: what a frame does with its slots.
    @inline(__always)
    public static func clear(_ slot: UnsafeMutablePointer<Value>) {
        guard slot.pointee.isCollection else { slot.pointee = .void; return }
        release(slot.move())
        slot.initialize(to: .void)
    }

    /// The element storage of a collection value, moved out of it (the value becomes `.void`).
    private static func detach(_ value: inout Value) -> [Value]? {
        switch value {
        case .array: return value.takeArray()
        case .tuple: return value.takeTuple()?.elements
        case .dictionary:
            guard var d = value.takeDictionary() else { return nil }
            return d.takeValues()
        default: return nil
        }
    }

    /// Moves the collections among `storage`'s elements to `pending`, when `storage` is about to be
    /// freed (its only holder is the caller). Scalars are freed with the storage, without recursion.
    private static func takeNested(_ storage: inout [Value], into pending: inout [Value]) {
        guard isUniquelyReferenced(&storage) else { return }
        for element in storage where element.isCollection { pending.append(element) }
        storage = []
    }

    /// Whether an array's storage has no other holder. An Array is a single reference to its
    /// storage object (checked below), and the standard library keeps its own uniqueness check
    /// private, so this asks the same question through that reference.
    private static func isUniquelyReferenced(_ storage: inout [Value]) -> Bool {
        guard MemoryLayout<[Value]>.size == MemoryLayout<AnyObject>.size, !storage.isEmpty else { return false }
        return withUnsafeMutablePointer(to: &storage) { array in
            UnsafeMutableRawPointer(array).withMemoryRebound(to: AnyObject.self, capacity: 1) {
                isKnownUniquelyReferenced(&$0.pointee)
            }
        }
    }
}

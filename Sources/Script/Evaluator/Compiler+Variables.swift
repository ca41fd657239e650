/// Reading and writing variables: a local slot some frames up, or a global slot.
extension Compiler {
    /// Reads a variable's value.
    func load(_ r: Resolved) -> Eval {
        if case .local(let d, let info) = r, info.holdsOwnClosure {
            let s = info.slot
            return { f in f.ancestor(d).slots[s].escapingFunction }
        }
        switch r {
        case .global(let info):
            // The globals frame never moves; the closure keeps it alive (`g`).
            let g = interp.globals, p = g.slots + info.slot
            return { _ in withExtendedLifetime(g) { p.pointee } }
        case .local(0, let info):
            let s = info.slot
            return { f in f.slots[s] }
        case .local(1, let info):
            let s = info.slot
            return { f in f.ancestor(1).slots[s] }
        case .local(let d, let info):
            let s = info.slot
            return { f in f.ancestor(d).slots[s] }
        }
    }

    /// Gives in-place access to a variable's storage.
    func pointer(_ r: Resolved) -> (Frame) -> UnsafeMutablePointer<Value> {
        switch r {
        case .global(let info):
            let g = interp.globals, p = g.slots + info.slot
            return { _ in withExtendedLifetime(g) { p } }
        case .local(0, let info):
            let s = info.slot
            return { f in f.slots + s }
        case .local(let d, let info):
            let s = info.slot
            return { f in f.ancestor(d).slots + s }
        }
    }
}

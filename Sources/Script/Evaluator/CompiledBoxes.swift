/// Compiled code kept in arrays.
///
/// Swift stores a bare closure inside a generic container (`[Eval]`, `[(Eval0, Exec)]`) at its
/// most general calling convention, so every call through such an array runs two reabstraction
/// thunks and retains their contexts. A closure held in a struct field keeps its own convention,
/// so the hot paths (blocks, call arguments, `if` branches) keep their code in these wrappers.
struct EvalBox {
    let run: Eval
}

/// A compiled statement in a struct field (see above).
struct ExecBox {
    let run: Exec
}

/// A compiled condition in a struct field (see above).
struct TestBox {
    let run: Eval0
}

/// One `if`/`else if` branch: its condition and its body.
struct BranchBox {
    let test: Eval0
    let body: Exec
}

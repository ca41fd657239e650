import Learn
import Script

/// `Residual { … }`, `Residual(projection: true) { … }` and `Residual(shortcut: { … }) { … }`:
/// three overloads, each with the block as a trailing closure, made from Residual's options.
enum ResidualConstructor {
    static func install(_ interpreter: Interpreter, types: PreludeTypes, spec: LayerSpec) {
        func options(_ keys: String...) -> [LayerOption] { keys.compactMap(spec.option) }
        LayerConstructors.register(spec, options: options("layers"), in: interpreter, types: types)
        LayerConstructors.register(spec, options: options("projection", "layers"), required: ["projection"],
                                   in: interpreter, types: types)
        LayerConstructors.register(spec, options: options("shortcut", "layers"), required: ["shortcut"],
                                   in: interpreter, types: types, check: noSharedLayer)
    }

    /// One layer object cannot run on both paths: its weights and output buffer are its own.
    private static func noSharedLayer(_ options: LayerOptions) throws {
        let skip = (try? options.layers("shortcut")) ?? [], branch = (try? options.layers("layers")) ?? []
        if let shared = skip.first(where: { layer in branch.contains { $0 === layer } }) {
            throw HostError("the layer \(shared.typeName) is in both the shortcut and the block; "
                            + "create a new layer for each path")
        }
    }
}

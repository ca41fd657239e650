import Foundation
import Randomness

/// A function declared with `func` at a cell's top level: the cache stores it as the cell that
/// declared it, and a restore declares it again from there (a declaration has no other effect).
struct DeclaredFunction {
    var source: String
    var firstLine: Int
    var prototype: FunctionPrototype
}

extension Interpreter {
    /// The notebook's state after the cells run so far (every global, its declared type, the
    /// generator's state, and the host's run-wide state) as bytes, large payloads in `blobs`.
    /// Throws ``Unstorable`` naming the first global the cache cannot store.
    public func snapshot(coding: ObjectCoding, blobs: BlobStore) throws -> Data {
        let names = globalNames.sorted { $0.value.slot < $1.value.slot }
        coding.prepare(objects: reachableObjects(from: names.map { globals.slots[$0.value.slot] }))
        var encoder = SnapshotEncoder(interpreter: self, coding: coding, blobs: blobs)
        encoder.archive.string(Self.snapshotFormat)
        encoder.archive.int(names.count)
        for (name, info) in names {
            encoder.archive.string(name)
            encoder.archive.bool(info.isLet)
            encoder.archive.bool(info.type != nil)
            info.type?.write(to: &encoder.archive)
        }
        // Declarations the values may mention, grouped by the cell that declared them.
        let declared = names.compactMap { name, info -> (String, DeclaredFunction)? in
            guard case .function(let function) = globals.slots[info.slot],
                  let declaration = declaredFunctions[name], declaration.prototype === function.prototype else {
                return nil
            }
            return (name, declaration)
        }
        encoder.archive.int(declared.count)
        for (name, declaration) in declared {
            encoder.archive.string(name)
            encoder.archive.string(declaration.source)
            encoder.archive.int(declaration.firstLine)
        }
        for (name, info) in names {
            encoder.place = "`\(name)`"
            try encoder.chunk { try $0.value(globals.slots[info.slot]) }
        }
        encoder.archive.uint64(random.state)
        try coding.encodeRunState(into: &encoder)
        return encoder.archive.data
    }

    /// Puts back the state `snapshot` stored: declares every global again (with its type), declares
    /// the stored functions from their cells, then sets every value and the generator.
    /// `firstLine` gives a declaring cell's line in the notebook as it is now (prose above it may have
    /// grown since the snapshot), so errors in restored functions point at the right line.
    public func restore(snapshot data: Data, coding: ObjectCoding, blobs: BlobStore,
                        firstLine: (String) -> Int? = { _ in nil }) throws {
        coding.beginRestore()
        var decoder = SnapshotDecoder(data, interpreter: self, coding: coding, blobs: blobs)
        guard try decoder.archive.string() == Self.snapshotFormat else {
            throw ArchiveError.unknown("a snapshot from another version of Folio")
        }
        var slots: [Int] = []
        for _ in 0..<(try decoder.archive.count()) {
            let name = try decoder.archive.string()
            let isLet = try decoder.archive.bool()
            let type = try decoder.archive.bool() ? try TypeCheck.read(from: &decoder.archive) : nil
            slots.append(declareGlobal(name, isLet: isLet, type: type).slot)
        }
        var byCell: [(source: String, firstLine: Int, names: Set<String>)] = []
        for _ in 0..<(try decoder.archive.count()) {
            let name = try decoder.archive.string(), source = try decoder.archive.string()
            let firstLine = try decoder.archive.int()
            if let i = byCell.firstIndex(where: { $0.source == source && $0.firstLine == firstLine }) {
                byCell[i].names.insert(name)
            } else {
                byCell.append((source, firstLine, [name]))
            }
        }
        for cell in byCell {
            try declareFunctions(cell.names, from: cell.source, firstLine: firstLine(cell.source) ?? cell.firstLine)
        }
        for slot in slots {
            let value = try decoder.chunk { try $0.value() }
            // Functions were bound by their declarations, with the frame they close over.
            if case .function = value { continue }
            globals.slots[slot] = value
        }
        random = SplitMix64(seed: try decoder.archive.uint64())
        try coding.decodeRunState(from: &decoder)
    }

    /// The name a function was declared under, if it is a top-level `func` the cache can declare again.
    func declaredName(of function: Function) -> String? {
        declaredFunctions.first { $0.value.prototype === function.prototype }?.key
    }

    /// Remembers the top-level functions a cell declared, after it ran.
    func rememberDeclarations(in program: [Stmt], source: String, firstLine: Int) {
        for stmt in program {
            guard case .function(let decl) = stmt.kind, case .function(let function)? = global(decl.name) else {
                continue
            }
            declaredFunctions[decl.name] = DeclaredFunction(source: source, firstLine: firstLine,
                                                            prototype: function.prototype)
        }
    }

    /// Runs only the named `func` declarations of a cell's source.
    private func declareFunctions(_ names: Set<String>, from source: String, firstLine: Int) throws {
        remember(source, firstLine: firstLine)
        try Interpreter.onLargeStack {
            let program = try Parser.parse(source, firstLine: firstLine).filter {
                if case .function(let decl) = $0.kind { return names.contains(decl.name) }
                return false
            }
            let cell = try Compiler(self).compileCell(program)
            try cell.run()
            self.rememberDeclarations(in: program, source: source, firstLine: firstLine)
        }
    }

    /// Every host object inside `values` (arrays, dictionaries, tuples and records searched), once each.
    private func reachableObjects(from values: [Value]) -> [HostObject] {
        var seen: Set<ObjectIdentifier> = [], found: [HostObject] = []
        func visit(_ value: Value) {
            switch value {
            case .object(let object):
                if seen.insert(ObjectIdentifier(object.base)).inserted { found.append(object) }
            case .array(let items): items.forEach(visit)
            case .dictionary(let dictionary): dictionary.values.forEach(visit)
            case .tuple(let tuple): tuple.elements.forEach(visit)
            case .record(let fields): fields.values.forEach(visit)
            default: break
            }
        }
        values.forEach(visit)
        return found
    }

    /// Changes whenever the snapshot's layout does, so an old entry is never misread.
    static let snapshotFormat = "folio-snapshot-1"
}

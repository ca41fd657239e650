import Foundation

/// Writes script values into an archive: scalars and collections inline, host objects through the
/// host's ``ObjectCoding`` (once each, by identity), functions as the declaration that made them.
public struct SnapshotEncoder {
    public var archive = ArchiveWriter()
    public let blobs: BlobStore
    let coding: ObjectCoding
    let interpreter: Interpreter
    private var objectIDs: [ObjectIdentifier: Int] = [:]
    /// Keeps written objects alive, so that no identifier is reused while the table holds it.
    private var written: [AnyObject] = []
    /// The name of the global being written, for messages.
    public internal(set) var place = ""

    init(interpreter: Interpreter, coding: ObjectCoding, blobs: BlobStore) {
        self.interpreter = interpreter
        self.coding = coding
        self.blobs = blobs
    }

    public mutating func value(_ value: Value) throws {
        switch value {
        case .void: archive.byte(ValueTag.void.rawValue)
        case .nil: archive.byte(ValueTag.nil.rawValue)
        case .int(let v): archive.byte(ValueTag.int.rawValue); archive.int(v)
        case .double(let v): archive.byte(ValueTag.double.rawValue); archive.double(v)
        case .bool(let v): archive.byte(ValueTag.bool.rawValue); archive.bool(v)
        case .string(let v): archive.byte(ValueTag.string.rawValue); archive.string(v)
        case .symbol(let v): archive.byte(ValueTag.symbol.rawValue); archive.string(v)
        case .array(let items):
            archive.byte(ValueTag.array.rawValue)
            archive.int(items.count)
            for item in items { try self.value(item) }
        case .dictionary(let dictionary):
            archive.byte(ValueTag.dictionary.rawValue)
            archive.int(dictionary.count)
            for (key, item) in zip(dictionary.keys, dictionary.values) {
                try self.value(key.value)
                try self.value(item)
            }
        case .tuple(let tuple):
            archive.byte(ValueTag.tuple.rawValue)
            archive.int(tuple.elements.count)
            for (element, label) in zip(tuple.elements, tuple.labels) {
                archive.optionalString(label)
                try self.value(element)
            }
        case .range(let range):
            archive.byte(ValueTag.range.rawValue)
            archive.int(range.lower); archive.int(range.upper); archive.bool(range.closed)
            archive.bool(range.step != nil); archive.int(range.step ?? 0)
        case .record(let fields):
            archive.byte(ValueTag.record.rawValue)
            archive.int(fields.count)
            for name in fields.keys.sorted() {
                archive.string(name)
                try self.value(fields[name]!)
            }
        case .function(let function):
            guard let name = interpreter.declaredName(of: function) else {
                throw Unstorable("\(place) holds a closure; the cache stores functions declared with `func` "
                                 + "at a cell's top level, so declare it that way or mark the cell `cache: false`")
            }
            archive.byte(ValueTag.function.rawValue)
            archive.string(name)
        case .hostFunction(let group):
            guard interpreter.functions[group.name] === group else {
                throw Unstorable("\(place) holds a method value (`\(group.name)`), which the cache cannot store")
            }
            archive.byte(ValueTag.hostFunction.rawValue)
            archive.string(group.name)
        case .namespace(let namespace):
            archive.byte(ValueTag.namespace.rawValue)
            archive.string(namespace.name)
        case .object(let object):
            try self.object(object)
        }
    }

    /// Writes what `body` writes as one chunk: inline when small, else as a blob of its own, so a
    /// large value that stays the same from cell to cell (a big array) is stored once, not per cell.
    mutating func chunk(_ body: (inout SnapshotEncoder) throws -> Void) throws {
        let outer = archive
        archive = ArchiveWriter()
        do {
            try body(&self)
        } catch {
            archive = outer
            throw error
        }
        let bytes = archive.data
        archive = outer
        if bytes.count > Self.largestInlineChunk {
            archive.byte(1)
            archive.string(try blobs.put(bytes))
        } else {
            archive.byte(0)
            archive.plain([UInt8](bytes))
        }
    }

    static let largestInlineChunk = 1 << 16

    /// A host object: written in full the first time, as a reference after.
    public mutating func object(_ object: HostObject) throws {
        let id = ObjectIdentifier(object.base)
        if let index = objectIDs[id] {
            archive.byte(ValueTag.objectReference.rawValue)
            archive.int(index)
            return
        }
        objectIDs[id] = objectIDs.count
        written.append(object.base)
        archive.byte(ValueTag.object.rawValue)
        archive.string(object.type.name)
        try coding.encode(object, into: &self)
    }
}

/// What each value in a snapshot starts with.
enum ValueTag: UInt8 {
    case void, `nil`, int, double, bool, string, symbol, array, dictionary, tuple, range, record
    case function, hostFunction, namespace, object, objectReference
}

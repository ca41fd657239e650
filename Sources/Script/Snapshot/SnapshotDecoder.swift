import Foundation

/// Reads what a ``SnapshotEncoder`` wrote; objects come back once each, shared where they were.
public struct SnapshotDecoder {
    public var archive: ArchiveReader
    public let blobs: BlobStore
    let coding: ObjectCoding
    let interpreter: Interpreter
    private var objects: [HostObject] = []

    init(_ data: Data, interpreter: Interpreter, coding: ObjectCoding, blobs: BlobStore) {
        archive = ArchiveReader(data)
        self.interpreter = interpreter
        self.coding = coding
        self.blobs = blobs
    }

    public mutating func value() throws -> Value {
        let tag = try archive.byte()
        guard let kind = ValueTag(rawValue: tag) else { throw ArchiveError.unknownTag(tag, "a value") }
        switch kind {
        case .void: return .void
        case .nil: return .nil
        case .int: return .int(try archive.int())
        case .double: return .double(try archive.double())
        case .bool: return .bool(try archive.bool())
        case .string: return .string(try archive.string())
        case .symbol: return .symbol(try archive.string())
        case .array: return .array(try (0..<archive.count()).map { _ in try value() })
        case .dictionary:
            var dictionary = DictionaryValue()
            for _ in 0..<(try archive.count()) {
                guard let key = DictionaryKey(try value()) else { throw ArchiveError.unknown("a dictionary key") }
                dictionary[key] = try value()
            }
            return .dictionary(dictionary)
        case .tuple:
            var elements: [Value] = [], labels: [String?] = []
            for _ in 0..<(try archive.count()) {
                labels.append(try archive.optionalString())
                elements.append(try value())
            }
            return .tuple(TupleValue(elements, labels: labels))
        case .range:
            let lower = try archive.int(), upper = try archive.int(), closed = try archive.bool()
            let stepped = try archive.bool(), step = try archive.int()
            return .range(RangeValue(lower: lower, upper: upper, closed: closed, step: stepped ? step : nil))
        case .record:
            var fields: [String: Value] = [:]
            for _ in 0..<(try archive.count()) {
                let name = try archive.string()
                fields[name] = try value()
            }
            return .record(fields)
        case .function:
            let name = try archive.string()
            guard let function = interpreter.global(name), case .function = function else {
                throw ArchiveError.unknown("the function `\(name)` was not declared again")
            }
            return function
        case .hostFunction:
            let name = try archive.string()
            guard let group = interpreter.functions[name] else { throw ArchiveError.unknown("no function `\(name)`") }
            return .hostFunction(group)
        case .namespace:
            let name = try archive.string()
            guard let namespace = interpreter.namespaces[name] else { throw ArchiveError.unknown("no type `\(name)`") }
            return .namespace(namespace)
        case .object:
            let type = try archive.string()
            let index = objects.count
            // Reserve the slot first: a nested object written inside this one takes the next index.
            objects.append(HostObject(Placeholder(), type: HostType(type)))
            let object = try coding.decode(type: type, from: &self)
            objects[index] = object
            return .object(object)
        case .objectReference:
            let index = try archive.int()
            guard objects.indices.contains(index), !(objects[index].base is Placeholder) else {
                throw ArchiveError.unknown("a reference to object \(index)")
            }
            return .object(objects[index])
        }
    }

    /// Reads a chunk written by `SnapshotEncoder.chunk`, from the snapshot or its own blob.
    mutating func chunk<T>(_ body: (inout SnapshotDecoder) throws -> T) throws -> T {
        let bytes = try archive.bool() ? try blobs.get(try archive.string()) : Data(try archive.plain(UInt8.self))
        let outer = archive
        archive = ArchiveReader(bytes)
        defer { archive = outer }
        let value = try body(&self)
        guard archive.isAtEnd else { throw ArchiveError.unknown("a snapshot chunk with bytes left over") }
        return value
    }

    /// The host object a value decodes to, of the expected Swift type.
    public mutating func object<T: AnyObject>(as type: T.Type) throws -> T {
        guard let object = try value().object(as: T.self) else {
            throw ArchiveError.unknown("expected a \(T.self)")
        }
        return object
    }

    /// The registered host type of this name, so a restored object has the same type as before.
    public func hostType(named name: String) throws -> HostType {
        guard let type = interpreter.types[name] else { throw ArchiveError.unknown("no host type `\(name)`") }
        return type
    }

    private final class Placeholder {}
}

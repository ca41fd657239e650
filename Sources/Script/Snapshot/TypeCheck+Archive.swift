/// A declared type (`var x: Double`) goes into the snapshot with its global: the compiler checks
/// and converts later assignments by it, so a restored variable must keep it.
extension TypeCheck {
    func write(to archive: inout ArchiveWriter) {
        switch self {
        case .any: archive.byte(0)
        case .int: archive.byte(1)
        case .double: archive.byte(2)
        case .bool: archive.byte(3)
        case .string: archive.byte(4)
        case .array(let element): archive.byte(5); element.write(to: &archive)
        case .dictionary(let key, let value): archive.byte(6); key.write(to: &archive); value.write(to: &archive)
        case .optional(let wrapped): archive.byte(7); wrapped.write(to: &archive)
        case .tuple(let elements):
            archive.byte(8)
            archive.int(elements.count)
            for element in elements { element.write(to: &archive) }
        case .function: archive.byte(9)
        case .builder: archive.byte(10)
        case .range: archive.byte(11)
        case .object(let name): archive.byte(12); archive.string(name)
        case .oneOf(let name, let members): archive.byte(13); archive.string(name); archive.strings(members)
        case .void: archive.byte(14)
        }
    }

    static func read(from archive: inout ArchiveReader) throws -> TypeCheck {
        let tag = try archive.byte()
        switch tag {
        case 0: return .any
        case 1: return .int
        case 2: return .double
        case 3: return .bool
        case 4: return .string
        case 5: return .array(try read(from: &archive))
        case 6: return .dictionary(try read(from: &archive), try read(from: &archive))
        case 7: return .optional(try read(from: &archive))
        case 8: return .tuple(try (0..<archive.count()).map { _ in try read(from: &archive) })
        case 9: return .function
        case 10: return .builder
        case 11: return .range
        case 12: return .object(try archive.string())
        case 13: return .oneOf(try archive.string(), try archive.strings())
        case 14: return .void
        default: throw ArchiveError.unknownTag(tag, "a declared type")
        }
    }
}

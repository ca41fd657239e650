import Foundation

/// A fast 128-bit hash of bytes, as 32 hex digits: names the cache's blobs, checks its entries
/// and keys cells on the files they read. Not cryptographic: the cache guards against change and
/// corruption, not against someone crafting collisions in their own cache folder.
///
/// Four 64-bit lanes each take every fourth word (multiply, rotate, multiply, as xxHash does);
/// the tail and the length are folded in, and two differently mixed finals make the 128 bits.
public enum ContentHash {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9

    public static func hex(of data: Data) -> String {
        data.withUnsafeBytes { hex(of: $0) }
    }

    public static func hex(of text: String) -> String { hex(of: Data(text.utf8)) }

    /// The hash of a file's contents (mapped, not copied), or nil if it cannot be read.
    public static func hex(ofFile path: String) -> String? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return hex(of: data)
    }

    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        let (high, low) = hash(bytes)
        return String(format: "%016llx%016llx", high, low)
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (p1 &+ p2, p2, 0, 0 &- p1)
        let count = bytes.count
        var offset = 0
        @inline(__always) func word(_ at: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }
        @inline(__always) func round(_ lane: UInt64, _ input: UInt64) -> UInt64 {
            ((lane &+ input &* p2) <<< 31) &* p1
        }
        while offset + 32 <= count {
            lanes.0 = round(lanes.0, word(offset))
            lanes.1 = round(lanes.1, word(offset + 8))
            lanes.2 = round(lanes.2, word(offset + 16))
            lanes.3 = round(lanes.3, word(offset + 24))
            offset += 32
        }
        var tail = UInt64(count) &* p3
        while offset + 8 <= count {
            tail = ((tail ^ round(0, word(offset))) <<< 27) &* p1 &+ p3
            offset += 8
        }
        while offset < count {
            tail = ((tail ^ (UInt64(bytes[offset]) &* p3)) <<< 11) &* p1
            offset += 1
        }
        let a = mix(lanes.0 &+ (lanes.1 <<< 7) &+ (lanes.2 <<< 12) &+ (lanes.3 <<< 18) ^ tail)
        let b = mix((lanes.3 <<< 1) ^ (lanes.2 <<< 9) ^ (lanes.1 <<< 17) ^ lanes.0 &+ tail &* p2 &+ UInt64(count))
        return (a, b)
    }

    /// Spreads every input bit over the whole word (MurmurHash3's finaliser constants).
    private static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33; h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h &*= 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}

infix operator <<< : BitwiseShiftPrecedence

/// Rotates left.
@inline(__always) func <<< (value: UInt64, count: UInt64) -> UInt64 { (value << count) | (value >> (64 - count)) }

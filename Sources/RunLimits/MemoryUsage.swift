#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the operating system says about this process's memory and the machine's.
public enum MemoryUsage {
    /// Bytes of this process resident in memory now (Linux: `/proc/self/statm`); 0 where unknown.
    ///
    /// Read with `open`/`read` into a stack buffer: no allocation, so it is cheap enough to call
    /// before every large allocation.
    public static func residentBytes() -> Int {
        #if os(Linux)
        let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = (Int64(0), Int64(0), Int64(0), Int64(0), Int64(0), Int64(0), Int64(0), Int64(0))
        let count = withUnsafeMutableBytes(of: &buffer) { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        // "size resident shared text lib data dt", in pages: the second field.
        let pages: Int = withUnsafeBytes(of: &buffer) { raw in
            var field = 0, value = 0
            for index in 0..<count {
                let byte = raw[index]
                if byte == 0x20 { field += 1; if field > 1 { break }; continue }
                if field == 1, byte >= 0x30, byte <= 0x39 { value = value * 10 + Int(byte - 0x30) }
            }
            return value
        }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 0
        #endif
    }

    /// The machine's physical memory in bytes.
    public static var physicalBytes: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? pages * size : 8 << 30
    }
}

import Foundation

/// Facts about this build of Folio.
public enum Folio {
    public static let version = "0.1.0"
}

/// A one-line description of the machine for the report's footer.
enum Machine {
    static var description: String {
        let info = ProcessInfo.processInfo
        let memory = Double(info.physicalMemory) / Double(1 << 30)
        var system = utsname()
        uname(&system)
        let arch = withUnsafeBytes(of: &system.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let os = withUnsafeBytes(of: &system.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(os) \(arch) · \(info.activeProcessorCount) cores · \(String(format: "%.0f", memory)) GiB"
    }
}

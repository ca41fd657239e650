import Foundation

/// `folio cache info` and `folio cache clean`: what a cache folder holds, and removing entries
/// (all, or those unused for a while) with every blob no remaining entry needs.
public struct CacheMaintenance {
    public let store: CacheStore

    public init(store: CacheStore) { self.store = store }

    /// One line per notebook (cells cached, last used) and the folder's size.
    public func info() -> String {
        let entries = self.entries()
        let byNotebook = Dictionary(grouping: entries, by: { $0.entry.notebook })
        var lines = ["\(store.folder.path): \(entries.count) cached cell\(entries.count == 1 ? "" : "s"), "
                     + "\(blobNames().count) blobs, \(Self.size(folderSize())) on disk"]
        let formatter = ISO8601DateFormatter()
        for notebook in byNotebook.keys.sorted() {
            let cells = byNotebook[notebook]!
            let last = cells.map(\.used).max().map { formatter.string(from: $0) } ?? "never"
            let seconds = cells.reduce(0) { $0 + $1.entry.seconds }
            lines.append("  \(notebook): \(cells.count) cell\(cells.count == 1 ? "" : "s") "
                         + String(format: "(%.1f s of running kept)", seconds) + ", last used \(last)")
        }
        return lines.joined(separator: "\n")
    }

    /// Removes entries not used for `olderThan` seconds (all when nil) and unreferenced blobs;
    /// returns what it removed, for the terminal.
    @discardableResult
    public func clean(olderThan: Double? = nil, now: Date = Date()) -> String {
        var removed = 0, kept: [CacheEntry] = []
        for (url, entry, used) in entries() {
            if olderThan.map({ now.timeIntervalSince(used) > $0 }) ?? true {
                try? FileManager.default.removeItem(at: url)
                removed += 1
            } else {
                kept.append(entry)
            }
        }
        let needed = Set(kept.flatMap { [$0.snapshot] + $0.blobs + $0.filesWritten.map(\.hash) })
        var freed = 0
        for name in blobNames() where !needed.contains(name) {
            let url = store.blobURL(name)
            freed += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            try? FileManager.default.removeItem(at: url)
        }
        return "removed \(removed) cached cell\(removed == 1 ? "" : "s") and \(Self.size(freed)); "
            + "\(kept.count) kept"
    }

    private func entries() -> [(url: URL, entry: CacheEntry, used: Date)] {
        let folder = store.folder.appendingPathComponent("entries")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.compactMap { name in
            guard let entry = store.entry(name) else { return nil }
            let url = folder.appendingPathComponent(name)
            let used = (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate)
            return (url, entry, used ?? entry.created)
        }
    }

    private func blobNames() -> [String] {
        let folder = store.folder.appendingPathComponent("blobs").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
    }

    private func folderSize() -> Int {
        let keys: Set<URLResourceKey> = [.fileSizeKey, .isRegularFileKey]
        let enumerator = FileManager.default.enumerator(at: store.folder, includingPropertiesForKeys: Array(keys))
        var total = 0
        while let url = enumerator?.nextObject() as? URL {
            guard let values = try? url.resourceValues(forKeys: keys), values.isRegularFile == true else { continue }
            total += values.fileSize ?? 0
        }
        return total
    }

    static func size(_ bytes: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB"]
        var value = Double(bytes), unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
    }

    /// "7d", "12h", "30m" or seconds, as `--older-than` takes it.
    public static func parseAge(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        if let last = text.last, let unit = units[last], let value = Double(text.dropLast()), value >= 0 {
            return value * unit
        }
        return Double(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}

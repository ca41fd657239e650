import ArgumentParser
import Cache
import Foundation

/// `folio cache info|clean [notebook-or-folder]`: look after the per-cell cache.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "Show or clean the per-cell cache.",
        subcommands: [Info.self, Clean.self])

    /// The cache folder a command means: `--cache-dir`, or `.folio-cache` beside the notebook or in the folder.
    struct Location: ParsableArguments {
        @Argument(help: "A notebook (its cache is .folio-cache beside it) or a folder holding .folio-cache.")
        var place = "."

        @Option(help: ArgumentHelp("The cache folder itself.", valueName: "folder"))
        var cacheDir: String?

        func store() throws -> CacheStore {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: place, isDirectory: &isFolder)
            let folder = cacheDir.map { URL(fileURLWithPath: $0) }
                ?? (exists && isFolder.boolValue ? URL(fileURLWithPath: place).appendingPathComponent(".folio-cache")
                                                 : CacheStore.defaultFolder(for: place))
            guard FileManager.default.fileExists(atPath: folder.path) else {
                throw ValidationError("\(folder.path): no cache here; render with --cache (or 'cache: true') first")
            }
            return try CacheStore(folder: folder)
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What the cache holds, by notebook.")
        @OptionGroup var location: Location

        func run() throws { print(CacheMaintenance(store: try location.store()).info()) }
    }

    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove cached cells (all, or those unused for a while) and the files only they needed.")
        @OptionGroup var location: Location

        @Option(help: ArgumentHelp("Only cells unused for this long: 7d, 12h, 30m.", valueName: "age"))
        var olderThan: String?

        func validate() throws {
            if let olderThan, CacheMaintenance.parseAge(olderThan) == nil {
                throw ValidationError("--older-than expects an age such as 7d, 12h or 30m, got '\(olderThan)'")
            }
        }

        func run() throws {
            let age = olderThan.flatMap(CacheMaintenance.parseAge)
            print(CacheMaintenance(store: try location.store()).clean(olderThan: age))
        }
    }
}

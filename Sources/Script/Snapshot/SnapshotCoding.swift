import Foundation

/// Why a value cannot go into the cache. The cell it belongs to then stays uncached, and the
/// report names the value and the reason: the cache never restores what it could not store whole.
public struct Unstorable: Error, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Where a snapshot keeps large payloads (pixels, weights): content-addressed files, each written
/// once however many snapshots refer to it.
public protocol BlobStore: AnyObject {
    /// Stores `data` and returns its name (its content hash).
    func put(_ data: Data) throws -> String
    /// Whether a blob of this name is stored; a snapshot that finds it stored refers to it (so the cache
    /// keeps it while that snapshot's entry lives).
    func contains(_ name: String) -> Bool
    /// The blob's bytes, checked against its name.
    func get(_ name: String) throws -> Data
    /// A path to the blob's file, for readers that take a path (a saved model).
    func path(of name: String) throws -> String
}

/// How the host (the prelude) stores its objects (datasets, models, histories, …) in a snapshot
/// and makes them again. Objects are written once per snapshot; later mentions are references, so
/// two names for one model are one model again after a restore.
public protocol ObjectCoding: AnyObject {
    /// Every host object reachable from the globals, before any is written (a layer can then be
    /// stored as "layer i of that model").
    func prepare(objects: [HostObject])
    /// Called before a snapshot is read: what one restore shares (a generator two views draw from)
    /// must not leak into the next.
    func beginRestore()
    /// Writes the object's state, or throws ``Unstorable``.
    func encode(_ object: HostObject, into encoder: inout SnapshotEncoder) throws
    /// Makes the object again from what `encode` wrote.
    func decode(type: String, from decoder: inout SnapshotDecoder) throws -> HostObject
    /// Run-wide state outside the globals (the seed sequence, the run's log), written after them.
    func encodeRunState(into encoder: inout SnapshotEncoder) throws
    func decodeRunState(from decoder: inout SnapshotDecoder) throws
}

import Foundation
import RunLimits

/// What must not outlive this process when it is interrupted (Ctrl-C, `kill`, a closed terminal):
/// half-written temporary files and the process groups of child renders.
///
/// The handler runs in signal context, so everything it touches is preallocated: fixed tables of C
/// strings and process-group ids, written by ordinary code and only read by the handler, which then
/// unlinks, forwards the signal, and dies of it as it would have without a handler.
public enum SignalCleanup {
    private static let capacity = 64
    nonisolated(unsafe) private static let paths =
        UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) private static let groups = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var installed = false
    private static let lock = NSLock()

    /// The signals after which Folio cleans up: interrupt, terminate, hang-up.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers once; later calls do nothing.
    public static func install() {
        lock.withLock {
            guard !installed else { return }
            installed = true
            AtomicFile.trackTemporary = { path in
                let slot = SignalCleanup.register(path: path)
                return { SignalCleanup.unregister(pathSlot: slot) }
            }
            paths.initialize(repeating: nil, count: capacity)
            groups.initialize(repeating: 0, count: capacity)
            for signal in handled {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { received in SignalCleanup.handle(received) }
                sigemptyset(&action.sa_mask)
                sigaction(signal, &action, nil)
            }
        }
    }

    /// Remembers a temporary file to delete if the process is interrupted; returns its slot.
    static func register(path: String) -> Int? {
        lock.withLock {
            guard installed, let slot = (0..<capacity).first(where: { paths[$0] == nil }) else { return nil }
            paths[slot] = strdup(path)
            return slot
        }
    }

    /// Forgets a temporary file (renamed into place or removed).
    static func unregister(pathSlot slot: Int?) {
        guard let slot else { return }
        lock.withLock {
            let path = paths[slot]
            paths[slot] = nil
            free(path)
        }
    }

    /// Remembers a child's process group, to be sent the same signal if this process is interrupted.
    static func register(group: pid_t) -> Int? {
        lock.withLock {
            guard installed, let slot = (0..<capacity).first(where: { groups[$0] == 0 }) else { return nil }
            groups[slot] = group
            return slot
        }
    }

    static func unregister(groupSlot slot: Int?) {
        guard let slot else { return }
        lock.withLock { groups[slot] = 0 }
    }

    /// Signal context: only async-signal-safe calls (unlink, kill, signal, raise).
    private static func handle(_ received: Int32) {
        for slot in 0..<capacity {
            if let path = paths[slot] { unlink(path) }
            if groups[slot] > 0 { kill(-groups[slot], received) }
        }
        signal(received, SIG_DFL)
        raise(received)
    }
}

import Foundation
import RunLimits

/// Runs a child `folio` in a process group of its own, with its standard error captured and its
/// resource use measured.
///
/// Its own group, so that the whole render (and anything it starts) can be signalled at once: when
/// the parent is interrupted, `SignalCleanup` forwards the signal to every child's group. The child
/// also learns its parent's pid (`FOLIO_PARENT_PID`) and ends itself if that parent disappears, so
/// not even `kill -9` of the parent leaves renders running.
public struct ChildProcess {
    public struct Ending: Sendable {
        /// The exit status, or nil when a signal ended the child.
        public var status: Int32?
        /// The signal that ended the child, if one did.
        public var signal: Int32?
        public var standardError: String
        /// User + system CPU seconds of the child, as the kernel counted them.
        public var cpuSeconds: Double
        /// The child's peak resident memory in bytes.
        public var peakMemoryBytes: Int
        public var wallSeconds: Double
        /// The parent killed the child at its wall-time limit.
        public var hitWallLimit: Bool
    }

    /// The environment variable that tells a child whose death to outlive not.
    static let parentVariable = "FOLIO_PARENT_PID"

    /// Runs `executable` with `arguments`. `environment` nil passes this process's own; `wallLimit`
    /// kills the child's whole process group when it runs longer.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           wallLimit: Double? = nil) throws -> Ending {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), none = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&none)
        for signal in SignalCleanup.handled { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var childEnvironment = environment ?? ProcessInfo.processInfo.environment
        childEnvironment[parentVariable] = String(getpid())
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = childEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        let started = ContinuousClock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
        }
        let slot = SignalCleanup.register(group: pid)
        defer { SignalCleanup.unregister(groupSlot: slot) }
        let timer = wallLimit.map { WallTimer(group: pid, seconds: $0) }
        let errors = FileHandle(fileDescriptor: pipeEnds[0], closeOnDealloc: true).readDataToEndOfFile()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let hitWallLimit = timer?.finish() ?? false
        let elapsed = ContinuousClock.now - started
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        // WIFEXITED / WTERMSIG, which Swift does not import as macros.
        let signal = status & 0x7f
        return Ending(status: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
                      standardError: String(decoding: errors, as: UTF8.self), cpuSeconds: cpu,
                      peakMemoryBytes: Int(usage.ru_maxrss) * 1024,
                      wallSeconds: elapsed.inSeconds,
                      hitWallLimit: hitWallLimit)
    }

    /// In a child: ends this process when the parent that started it is gone (checked every second).
    public static func exitWithParent() {
        guard let text = ProcessInfo.processInfo.environment[parentVariable], let parent = pid_t(text) else { return }
        let thread = Thread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 1) }
            kill(getpid(), SIGTERM)  // through SignalCleanup, so temporary files go too
        }
        thread.name = "folio-parent-watch"
        thread.start()
        if getppid() != parent { kill(getpid(), SIGTERM) }
    }
}

/// Kills a process group when its time is up, unless told first that it finished.
private final class WallTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var fired = false

    init(group: pid_t, seconds: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.withLock {
                guard !done else { return }
                fired = true
                kill(-group, SIGKILL)
            }
        }
    }

    /// Marks the child finished; returns whether the timer had killed it.
    func finish() -> Bool {
        lock.withLock {
            done = true
            return fired
        }
    }
}

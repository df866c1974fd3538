import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers see either the old file or the complete new one, never a
/// half-written file — also when the process is interrupted (Ctrl-C, `kill`, a closed terminal)
/// mid-write.
///
/// What the target is decides how it is written:
/// - a regular file, or nothing yet: a temporary file beside it, flushed, then renamed over it.
///   An existing file keeps its permission bits (and, when the process may set them, its owner
///   and group); a new one gets 0666 minus the umask, as any program's new file does.
/// - a symbolic link: followed (to its final target, even a missing one), so the link stays a
///   link and the file it points to is replaced as above.
/// - a device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a named pipe): written directly,
///   since it cannot be replaced — `-o /dev/full` reports "No space left on device".
/// - a directory: an error ("Is a directory").
public enum AtomicFile {
    /// Why a file could not be written (the system's reason, e.g. "No such file or directory").
    public struct WriteError: Error, CustomStringConvertible {
        /// The reason.
        public var description: String

        init(errorNumber: Int32) { description = String(cString: strerror(errorNumber)) }
    }

    /// Writes `text` to `path` as described above. SIGINT, SIGTERM and SIGHUP while the
    /// temporary file exists remove it before the process exits.
    public static func write(_ text: String, to path: String) throws {
        let target = try resolvingLinks(path)
        var existing = stat()
        var keep: (mode: mode_t, owner: uid_t, group: gid_t)?
        if stat(target, &existing) == 0 {
            switch existing.st_mode & S_IFMT {
            case S_IFREG: keep = (existing.st_mode & 0o7777, existing.st_uid, existing.st_gid)
            case S_IFDIR: throw WriteError(errorNumber: EISDIR)
            default: return try writeDirectly(text, to: target)
            }
        }
        try replace(target, with: text, keeping: keep)
    }

    /// Writes to a file that cannot be replaced (a device, a FIFO), in place.
    private static func writeDirectly(_ text: String, to target: String) throws {
        let fd = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(errorNumber: errno) }
        if let failure = StandardStreams.write(Array(text.utf8), to: fd) {
            close(fd)
            throw WriteError(errorNumber: failure)
        }
        guard close(fd) == 0 else { throw WriteError(errorNumber: errno) }
    }

    /// Writes a temporary file beside `target`, then renames it over `target`.
    private static func replace(_ target: String, with text: String, keeping keep: (mode: mode_t, owner: uid_t, group: gid_t)?) throws {
        let (directory, base) = split(target)
        // A name of at most 255 bytes: the base shortened (on a character boundary) to leave room.
        var shortBase = Substring(base)
        while shortBase.utf8.count > 200 { shortBase = shortBase.dropLast() }
        var template = Array((directory + "/." + shortBase + ".tmp-XXXXXX").utf8CString)
        let (fd, temporary) = InterruptCleanup.creatingArmed { () -> (Int32, String) in
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            return (fd, fd >= 0 ? template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } : "")
        }
        guard fd >= 0 else {
            let failure = errno
            InterruptCleanup.disarm()
            throw WriteError(errorNumber: failure)
        }
        defer { InterruptCleanup.disarm() }
        func fail(_ errorNumber: Int32, closing: Bool) -> WriteError {
            if closing { close(fd) }
            unlink(temporary)
            return WriteError(errorNumber: errorNumber)
        }
        if let failure = StandardStreams.write(Array(text.utf8), to: fd) { throw fail(failure, closing: true) }
        if let keep {
            fchmod(fd, keep.mode)
            // Only root (or the owner, for the group) may do this; elsewhere the new file is ours.
            if keep.owner != geteuid() || keep.group != getegid() { _ = fchown(fd, keep.owner, keep.group) }
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        guard fsync(fd) == 0 else { throw fail(errno, closing: true) }
        guard close(fd) == 0 else { throw fail(errno, closing: false) }
        holdForTests()
        guard rename(temporary, target) == 0 else { throw fail(errno, closing: false) }
    }

    /// `path` with every symbolic link along its last component followed (a relative link is
    /// relative to the link's directory); the final name need not exist.
    static func resolvingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw WriteError(errorNumber: errno) }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : split(current).directory + "/" + link
        }
        throw WriteError(errorNumber: ELOOP)
    }

    /// The directory part (`.` when there is none) and the last component of `path`.
    static func split(_ path: String) -> (directory: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = path[..<slash]
        return (directory.isEmpty ? "/" : String(directory), String(path[path.index(after: slash)...]))
    }

    /// For the interrupted-write test: `HEADROOM_TEST_HOLD_TEMPORARY_FILE=SECONDS` keeps the
    /// complete temporary file in place that long before the rename, so a test can signal the
    /// process while the file exists. Never set outside the tests.
    private static func holdForTests() {
        guard let value = getenv("HEADROOM_TEST_HOLD_TEMPORARY_FILE"), let seconds = Double(String(cString: value)), seconds > 0 else {
            return
        }
        var delay = timespec(tv_sec: Int(min(seconds, 60)), tv_nsec: 0), left = timespec()
        while nanosleep(&delay, &left) != 0 && errno == EINTR { delay = left }
    }
}

/// Removes a temporary file if the process is interrupted while it exists.
enum InterruptCleanup {
    /// The C string of the file to remove; touched only from the signal handler and `arm`/`disarm`.
    nonisolated(unsafe) static var pending: UnsafeMutablePointer<CChar>?
    /// The handlers the signals had before, restored by ``disarm()``.
    nonisolated(unsafe) static var previous: [__sighandler_t?] = []

    /// The signals that end a run early: Ctrl-C, `kill`, and the terminal closing.
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `create` (which makes the temporary file and returns its descriptor and path) with
    /// the signals blocked, and arms the cleanup for that path before unblocking them — so no
    /// signal can arrive between the file appearing and the cleanup knowing of it. A signal the
    /// process ignores (SIGHUP under `nohup`) stays ignored.
    static func creatingArmed(_ create: () -> (Int32, String)) -> (Int32, String) {
        var blocked = sigset_t(), mask = sigset_t()
        sigemptyset(&blocked)
        for sig in signals { sigaddset(&blocked, sig) }
        pthread_sigmask(SIG_BLOCK, &blocked, &mask)
        let (fd, path) = create()
        if fd >= 0 {
            pending = strdup(path)
            previous = signals.map { sig in
                let old = signal(sig) { signalNumber in
                    if let p = InterruptCleanup.pending { unlink(p) }
                    _exit(128 + signalNumber)
                }
                if isIgnored(old) { signal(sig, SIG_IGN) }
                return old
            }
        }
        pthread_sigmask(SIG_SETMASK, &mask, nil)
        return (fd, path)
    }

    /// Puts the signals' handlers back and forgets the file.
    static func disarm() {
        for (sig, old) in zip(signals, previous) { signal(sig, old) }
        previous = []
        if let p = pending { free(p) }
        pending = nil
    }

    private static func isIgnored(_ handler: __sighandler_t?) -> Bool {
        unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers see either the old file or the complete new one, never a
/// half-written file — also when the process is interrupted (Ctrl-C) mid-write.
public enum AtomicFile {
    /// Why a file could not be written (the system's reason, e.g. "No such file or directory").
    public struct WriteError: Error, CustomStringConvertible {
        /// The reason.
        public var description: String
    }

    /// Writes `text` to a temporary file beside `path`, flushes it to disk, then renames it over
    /// `path` (rename is atomic within a file system). SIGINT and SIGTERM during the write remove
    /// the temporary file before the process exits.
    public static func write(_ text: String, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/." + base + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        InterruptCleanup.arm(removing: temporary)
        defer { InterruptCleanup.disarm() }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw WriteError(description: reason)
            }
            written += n
        }
        fchmod(fd, 0o644)
        guard fsync(fd) == 0, close(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(description: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(description: reason)
        }
    }
}

/// Removes a temporary file if the process is interrupted while it exists.
enum InterruptCleanup {
    /// The C string of the file to remove; touched only from the signal handler and `arm`/`disarm`.
    nonisolated(unsafe) static var pending: UnsafeMutablePointer<CChar>?

    static func arm(removing path: String) {
        pending = strdup(path)
        signal(SIGINT) { signalNumber in
            if let p = InterruptCleanup.pending { unlink(p) }
            _exit(128 + signalNumber)
        }
        signal(SIGTERM) { signalNumber in
            if let p = InterruptCleanup.pending { unlink(p) }
            _exit(128 + signalNumber)
        }
    }

    static func disarm() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        if let p = pending { free(p) }
        pending = nil
    }
}

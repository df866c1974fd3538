import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Standard output and standard error through plain `write(2)`.
///
/// Foundation's `FileHandle` traps (`try!` inside) when a write fails — a full disk, `> /dev/full`,
/// a closed descriptor (`>&-`), a reader that went away — so the command crashed after all its
/// work. Here a failed write is an error the caller reports (exit 1), and SIGPIPE is ignored so a
/// closed pipe is such an error too, not a signal.
public enum StandardStreams {
    /// A write to a standard stream failed.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// "standard output" or "standard error".
        public var stream: String
        /// The system's reason ("No space left on device", "Bad file descriptor").
        public var reason: String

        /// "cannot write to standard output: No space left on device".
        public var description: String { "cannot write to \(stream): \(reason)" }
    }

    /// Writes `text` to standard output, all of it.
    ///
    /// - Throws: ``Failure`` naming the reason when the stream is closed, full or gone.
    public static func writeOutput(_ text: String) throws(Failure) {
        if let errorNumber = write(Array(text.utf8), to: STDOUT_FILENO) {
            throw Failure(stream: "standard output", reason: reason(errorNumber))
        }
    }

    /// Writes `text` to standard error, all of it; false when that failed (there is nowhere left
    /// to say so, so callers only change their exit status).
    @discardableResult
    public static func writeError(_ text: String) -> Bool {
        write(Array(text.utf8), to: STDERR_FILENO) == nil
    }

    /// SIGPIPE's default action kills the process when it writes to a pipe nobody reads; ignored,
    /// the write fails with EPIPE instead, which ``writeOutput(_:)`` reports.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes all of `bytes` to `descriptor`, retrying after interruptions and short writes;
    /// nil on success, else the error number.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // A non-blocking descriptor inherited from the parent: wait until it can take more.
                    var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                return errno
            }
            if n == 0 { return EIO }
            written += n
        }
        return nil
    }

    /// The system's text for `errorNumber`.
    static func reason(_ errorNumber: Int32) -> String { String(cString: strerror(errorNumber)) }
}

import Foundation
import Headroom

#if canImport(Glibc)
import Glibc
#endif

/// The real terminal for the interactive advisor: standard input in raw mode (no echo, no line
/// buffering, Ctrl-C as a key); questions written to the terminal.
///
/// The original settings are restored by ``restore()``, and also if a signal (SIGINT from
/// `kill`, SIGTERM, SIGHUP) ends the process while raw mode is on.
struct RawTerminal: AdvisorTerminal {
    /// Where the questions go: standard output, or standard error when output is redirected
    /// (so `headroom advise --format json > advice.json` still asks on the terminal).
    let output: Int32 = isatty(STDOUT_FILENO) == 1 ? STDOUT_FILENO : STDERR_FILENO
    private var decoder = KeyDecoder()
    private var queued: [TerminalKey] = []

    /// Switches standard input to raw mode; nil when it is not a terminal.
    static func open() -> RawTerminal? {
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &TerminalRestore.saved) == 0 else { return nil }
        TerminalRestore.active = true
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { signalNumber in
                if TerminalRestore.active { tcsetattr(STDIN_FILENO, TCSAFLUSH, &TerminalRestore.saved) }
                _exit(128 + signalNumber)
            }
        }
        var raw = TerminalRestore.saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        return RawTerminal()
    }

    /// Puts the terminal back as it was and the signal handlers back to their defaults.
    func restore() {
        if TerminalRestore.active { tcsetattr(STDIN_FILENO, TCSAFLUSH, &TerminalRestore.saved) }
        TerminalRestore.active = false
        for sig in [SIGINT, SIGTERM, SIGHUP] { signal(sig, SIG_DFL) }
    }

    mutating func readKey() -> TerminalKey {
        while queued.isEmpty {
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = buffer.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, 64) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return .endOfInput }
            queued += decoder.feed(Array(buffer[0..<n]))
            // A lone Escape: wait briefly for the rest of a sequence before calling it a key.
            if decoder.hasPending {
                var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                if poll(&descriptor, 1, 50) <= 0 { queued += decoder.flush() }
            }
        }
        return queued.removeFirst()
    }

    mutating func write(_ text: String) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + written, bytes.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return }
            written += n
        }
    }
}

/// The terminal settings to restore, reachable from a signal handler (which cannot capture context).
enum TerminalRestore {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var active = false
}

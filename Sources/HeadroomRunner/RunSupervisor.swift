import Foundation
import Headroom

#if canImport(Glibc)
import Glibc
#endif

/// Runs replication plans in the foreground of a command: a progress bar on a terminal, and
/// Ctrl-C (or SIGTERM) stopping cleanly with a report of what finished.
public enum RunSupervisor {
    /// Runs `plans` with `jobs` threads, showing progress on standard error (unless `quiet`, not
    /// a terminal, or in CI) labelled `label`.
    ///
    /// - Throws: ``Interrupted`` after printing what finished (via `describe`) when SIGINT or
    ///   SIGTERM arrives: nothing else is written. Runs still in progress are abandoned.
    public static func run(
        _ plans: [ReplicationPlan], jobs: Int, label: String, quiet: Bool,
        describe: ([ReplicationOutcome]) -> String
    ) throws -> [ReplicationOutcome] {
        let runner = ReplicationRunner(plans: plans, jobs: jobs)
        let bar = ProgressBar(label: label, quiet: quiet)
        InterruptFlag.arm()
        defer { InterruptFlag.disarm() }
        runner.start()
        runner.wait(tickEvery: 0.1) { progress in
            bar?.show(progress)
            return InterruptFlag.caught == 0
        }
        bar?.clear()
        let signal = InterruptFlag.caught
        if signal != 0 {
            let finished = runner.outcomes()
            FileHandle.standardError.write(Data((describe(finished) + "\n").utf8))
            throw Interrupted(signal: signal)
        }
        return runner.outcomes()
    }

    /// "3 of 10 replications finished (seeds 42, 43, 45)": one line per plan, for an interruption report.
    public static func finishedLine(_ outcome: ReplicationOutcome, name: String) -> String {
        let seeds = outcome.results.map { String($0.seed) }
        let which = seeds.isEmpty ? "" : " (seed\(seeds.count == 1 ? "" : "s") \(seeds.joined(separator: ", ")))"
        return "\(name): \(outcome.results.count) of \(outcome.planned) replication\(outcome.planned == 1 ? "" : "s") finished\(which)"
    }
}

/// The command was stopped by a signal after reporting what finished: exit code 128 + signal
/// (130 for Ctrl-C, 143 for SIGTERM).
public struct Interrupted: Error {
    /// The signal that stopped it.
    public var signal: Int32
}

/// The SIGINT/SIGTERM handler used while runs are in progress: it only records the signal; the
/// supervising thread notices within 0.1 s. A second signal stops the process at once (the
/// handler restores the default action after the first).
enum InterruptFlag {
    nonisolated(unsafe) static var received: sig_atomic_t = 0

    /// The signal received since ``arm()``, or 0.
    static var caught: Int32 { Int32(received) }

    static func arm() {
        received = 0
        for s in [SIGINT, SIGTERM] {
            Glibc.signal(s) { number in
                InterruptFlag.received = sig_atomic_t(number)
                Glibc.signal(number, SIG_DFL)
            }
        }
    }

    static func disarm() {
        Glibc.signal(SIGINT, SIG_DFL)
        Glibc.signal(SIGTERM, SIG_DFL)
    }
}

/// A one-line progress bar on standard error, redrawn in place; only on a terminal, not in CI
/// (`CI` set, as GitHub Actions and GitLab CI set it) and not with `--quiet`.
final class ProgressBar {
    private let label: String
    private let start = Date()
    private var lastLine = ""

    /// A bar, or nil when none should be shown.
    init?(label: String, quiet: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard !quiet, isatty(STDERR_FILENO) != 0, environment["TERM"] != "dumb" else { return nil }
        if let ci = environment["CI"], !ci.isEmpty, ci != "0", ci.lowercased() != "false" { return nil }
        self.label = label
    }

    /// Redraws the bar for `progress`.
    func show(_ progress: ReplicationRunner.Progress) {
        let width = 24
        let fraction = progress.planned > 0 ? Double(progress.finished) / Double(progress.planned) : 0
        let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
        let elapsed = Int(Date().timeIntervalSince(start))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\(label) \(bar) \(progress.finished)/\(progress.planned) runs · \(elapsed) s"
        guard line != lastLine else { return }
        lastLine = line
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }

    /// Erases the bar.
    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

/// The report was written, but a verdict calls for a non-zero exit: ``ExitStatus/slaFailed``,
/// ``ExitStatus/regressed`` or ``ExitStatus/inconclusive``.
public struct VerdictFailure: Error {
    /// The exit status.
    public var status: Int32

    /// The exit status for `verdict` (nil for a pass).
    public init?(_ verdict: CheckVerdict) {
        switch verdict {
        case .pass: return nil
        case .inconclusive: status = ExitStatus.inconclusive
        case .regressed: status = ExitStatus.regressed
        case .slaFailed: status = ExitStatus.slaFailed
        }
    }
}

import ArgumentParser
import Foundation
import Headroom

/// Exit codes are part of the CLI's contract (docs/cli.md, docs/json-output.md).
public enum ExitStatus {
    /// The command did what was asked.
    public static let success: Int32 = 0
    /// Something outside the user's input went wrong (e.g. the output file could not be written).
    public static let failure: Int32 = 1
    /// Bad input: an invalid scenario or command line.
    public static let badInput: Int32 = 2
    /// The run finished and its report was written, but an SLA objective failed.
    public static let slaFailed: Int32 = 3
    /// `check`: the report was written, and a metric regressed against its baseline.
    public static let regressed: Int32 = 4
    /// The report was written, but the replications could not decide a verdict (an interval
    /// straddles an objective's target or a regression tolerance).
    public static let inconclusive: Int32 = 5

    /// Runs `body`, then exits with the status its outcome calls for, printing errors to standard
    /// error: a ``ScenarioError`` exits 2 with every diagnostic, a ``CommandFailure`` exits 1, an
    /// ``SLAFailure`` exits 3 (its report is already written), a ``VerdictFailure`` exits with its
    /// status (4 regressed, 5 inconclusive), ``Interrupted`` exits 128 + the signal (130 for Ctrl-C),
    /// a failed write to standard output (``StandardStreams/Failure``) exits 1 with the reason,
    /// `--help` and `--version` exit 0, and other command-line errors of `command` exit 2.
    ///
    /// Nothing here traps when standard output or standard error is closed or full: SIGPIPE is
    /// ignored, and what cannot be written is only reflected in the exit status.
    public static func exit(running body: () throws -> Void, command: any ParsableCommand.Type) -> Never {
        unblockTerminationSignals()
        StandardStreams.ignoreBrokenPipes()
        do {
            try body()
            Foundation.exit(success)
        } catch let error as ScenarioError {
            StandardStreams.writeError(error.description + "\n")
            Foundation.exit(badInput)
        } catch let errors as ScenarioErrors {
            StandardStreams.writeError(errors.description + "\n")
            Foundation.exit(badInput)
        } catch is SLAFailure {
            Foundation.exit(slaFailed)
        } catch let verdict as VerdictFailure {
            Foundation.exit(verdict.status)
        } catch let interruption as Interrupted {
            // Runs may still be executing on worker threads: leave at once, without tearing down.
            fflush(nil)
            _exit(128 + interruption.signal)
        } catch let error as CommandFailure {
            StandardStreams.writeError("error: \(error.message)\n")
            Foundation.exit(failure)
        } catch let error as StandardStreams.Failure {
            StandardStreams.writeError("error: \(error)\n")
            Foundation.exit(failure)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            // ArgumentParser's own errors: --help and --version exit 0; usage errors are bad input.
            let code = command.exitCode(for: error)
            let message = command.fullMessage(for: error)
            if code == .success {
                do {
                    try StandardStreams.writeOutput(message.isEmpty ? "" : message + "\n")
                } catch {
                    StandardStreams.writeError("error: \(error)\n")
                    Foundation.exit(failure)
                }
                Foundation.exit(success)
            }
            StandardStreams.writeError(message + "\n")
            Foundation.exit(code == .failure ? failure : badInput)
        }
    }

    /// A parent may hand us a blocked signal mask (some test runners and job launchers do);
    /// unblock the termination signals so Ctrl-C and `kill` always stop a long run.
    private static func unblockTerminationSignals() {
        var terminationSignals = sigset_t()
        sigemptyset(&terminationSignals)
        sigaddset(&terminationSignals, SIGINT)
        sigaddset(&terminationSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &terminationSignals, nil)
    }
}

import ArgumentParser
import Foundation
import Headroom

/// Exit codes are part of the CLI's contract (docs/json-output.md).
enum ExitStatus {
    /// The command did what was asked.
    static let success: Int32 = 0
    /// Something outside the user's input went wrong (e.g. the output file could not be written).
    static let failure: Int32 = 1
    /// Bad input: an invalid scenario file or command line.
    static let badInput: Int32 = 2
    /// The run finished but an SLA objective failed.
    static let slaFailed: Int32 = 3
}

// A parent may hand us a blocked signal mask (some test runners and job launchers do); unblock
// the termination signals so Ctrl-C and `kill` always stop a long run.
var terminationSignals = sigset_t()
sigemptyset(&terminationSignals)
sigaddset(&terminationSignals, SIGINT)
sigaddset(&terminationSignals, SIGTERM)
pthread_sigmask(SIG_UNBLOCK, &terminationSignals, nil)

do {
    var command = try HeadroomCommand.parseAsRoot()
    try command.run()
} catch let error as ScenarioError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(ExitStatus.badInput)
} catch let error as SLAFailure {
    _ = error
    exit(ExitStatus.slaFailed)
} catch let error as CLIFailure {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    exit(ExitStatus.failure)
} catch {
    // ArgumentParser's own errors: --help and --version exit 0; usage errors are bad input.
    let code = HeadroomCommand.exitCode(for: error)
    if code == .success { HeadroomCommand.exit(withError: error) }
    FileHandle.standardError.write(Data((HeadroomCommand.fullMessage(for: error) + "\n").utf8))
    exit(code == .failure ? ExitStatus.failure : ExitStatus.badInput)
}

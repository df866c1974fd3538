import ArgumentParser
import HeadroomRunner

/// `headroom check`: regression checks for CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check scenarios in CI: judge their SLA objectives on confidence intervals and compare them with a baseline.",
        discussion: """
            Runs every scenario given (every *.json under a folder) with --replications \
            replications in parallel, judges each SLA objective on its 95 % interval (pass, fail \
            or inconclusive), and with --baseline compares each metric with the recorded baseline \
            using the same seeds (common random numbers): a metric regresses when the interval of \
            its change lies beyond its tolerance. --update-baseline records the baseline instead. \
            Exit codes: 0 pass, 2 bad input, 3 an SLA objective failed, 4 a metric regressed, \
            5 inconclusive, 130 interrupted. Repository layout and CI jobs: docs/ci.md.

            Examples:
              headroom check Scenarios/ --baseline Scenarios/baseline.json --update-baseline
              headroom check Scenarios/ --baseline Scenarios/baseline.json
              headroom check Scenarios/ --baseline Scenarios/baseline.json --junit headroom.xml --markdown summary.md
              headroom check Scenarios/startup-mvp.json --baseline Scenarios/baseline.json --set components.app.instances=1
            """
    )

    @OptionGroup var options: CheckOptions

    func run() throws {
        try CheckRunner.run(options)
    }
}

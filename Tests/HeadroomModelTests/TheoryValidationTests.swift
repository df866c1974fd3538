import Testing
import HeadroomAnalysis

/// The engine and station model against closed-form queueing results (``TheoryCase/all``).
///
/// Tolerance: each case runs n independent replications (10, or 20 for slowly mixing models); the replication means are
/// independent and nearly normal, so mean ± t_{0.9995, n−1}·s/√n is a 99.9 % confidence
/// interval whose width is measured, not assumed (within-run observations are autocorrelated,
/// so σ/√n over them would understate the error). A correct model misses the theory with
/// probability 0.001 per case; the seeds are fixed, so the outcome is reproducible. Each case
/// also asserts its interval is narrower than a stated fraction of the theoretical value, so no
/// case passes by being imprecise. docs/validation.md lists the measured errors.
@Suite("Queueing theory validation")
struct TheoryValidationTests {
    @Test("simulation matches closed-form theory", arguments: TheoryCase.all)
    func matchesTheory(_ c: TheoryCase) {
        let outcome = c.check()
        let summary = "\(c): theory \(c.theory), simulated \(outcome.interval.mean) ± \(outcome.interval.halfWidth)"
        #expect(outcome.covered, "\(summary) — theory outside the 99.9 % interval")
        #expect(outcome.precise, "\(summary) — interval wider than \(c.precision * 100) % of theory")
    }
}

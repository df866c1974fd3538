import CGSL

/// One-time GSL set-up shared by every entry point into the engine.
public enum GSL {
    /// GSL's default error handler aborts the process; we turn it off once so that a bad
    /// parameter surfaces as a NaN or an error code we check, never as a crash.
    private static let configured: Bool = {
        gsl_set_error_handler_off()
        return true
    }()

    /// Turns GSL's aborting error handler off (idempotent, thread-safe).
    public static func configure() { _ = configured }

    /// The standard normal quantile: the z with P(Z ≤ z) = p.
    public static func normalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }

    /// Student's t quantile with `degreesOfFreedom`: the t with P(T ≤ t) = p.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }

    /// The standard normal density at `x`.
    public static func normalDensity(_ x: Double) -> Double { gsl_ran_ugaussian_pdf(x) }

    /// The standard normal upper tail P(Z > x).
    public static func normalUpperTail(_ x: Double) -> Double { gsl_cdf_ugaussian_Q(x) }

    /// The gamma function Γ(x).
    public static func gammaFunction(_ x: Double) -> Double { gsl_sf_gamma(x) }
}

extension GSL {
    /// The root of `f` in the bracket [lower, upper] by Brent's method (GSL `brent`), to a
    /// relative tolerance of 1e-10; nil when `f` does not change sign over the bracket or the
    /// solver fails. Not for hot paths: `f` is called through a C trampoline.
    public static func root(in lower: Double, _ upper: Double, maximumIterations: Int = 200, of f: (Double) -> Double) -> Double? {
        let fl = f(lower), fu = f(upper)
        if fl == 0 { return lower }
        if fu == 0 { return upper }
        guard fl.sign != fu.sign, fl.isFinite, fu.isFinite else { return nil }
        configure()
        return withoutActuallyEscaping(f) { escapable in
            var box = escapable
            return withUnsafeMutablePointer(to: &box) { pointer -> Double? in
                var function = gsl_function(
                    function: { x, params in
                        guard let params else { return .nan }
                        return params.assumingMemoryBound(to: ((Double) -> Double).self).pointee(x)
                    },
                    params: UnsafeMutableRawPointer(pointer))
                guard let solver = gsl_root_fsolver_alloc(cgsl_root_fsolver_brent()) else { return nil }
                defer { gsl_root_fsolver_free(solver) }
                guard gsl_root_fsolver_set(solver, &function, lower, upper) == GSL_SUCCESS else { return nil }
                for _ in 0..<maximumIterations {
                    guard gsl_root_fsolver_iterate(solver) == GSL_SUCCESS else { return nil }
                    let lo = gsl_root_fsolver_x_lower(solver), hi = gsl_root_fsolver_x_upper(solver)
                    if gsl_root_test_interval(lo, hi, 0, 1e-10) == GSL_SUCCESS { return gsl_root_fsolver_root(solver) }
                }
                return nil
            }
        }
    }
}

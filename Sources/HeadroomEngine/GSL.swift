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

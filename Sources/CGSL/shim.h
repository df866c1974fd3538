#ifndef HEADROOM_CGSL_SHIM_H
#define HEADROOM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_roots.h>

/* Swift 6 treats C globals as shared mutable state; the generator types are
   read through these accessors instead (see DESIGN.md, "GSL pitfalls"). */
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_root_fsolver_type *cgsl_root_fsolver_brent(void) { return gsl_root_fsolver_brent; }

/* A hint that the cache line at `address` will soon be read (a load that does not wait):
   the engine's hot path has no other way to reach the compiler's prefetch builtin. */
static inline void cgsl_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif

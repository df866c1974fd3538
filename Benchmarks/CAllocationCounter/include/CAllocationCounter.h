#ifndef HEADROOM_ALLOCATION_COUNTER_H
#define HEADROOM_ALLOCATION_COUNTER_H

/* Counts heap allocations of the whole process, for the benchmarks' "allocations per event".
   On Linux the benchmark executable defines malloc, calloc, realloc and the aligned variants
   itself (forwarding to glibc's __libc_* entry points), which interposes them for every library
   in the process, the Swift runtime included. Elsewhere the count stays 0. */
unsigned long long headroom_allocation_count(void);

#endif

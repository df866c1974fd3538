import CGSL

/// Asks the processor to bring the cache line holding `address` in ahead of a read, without
/// waiting for it. For large tables looked up at random (a cache's entries, a write log), issued
/// when the key is known some events before the look-up, so the look-up finds the line in cache
/// instead of stalling on main memory. A hint only: it never faults and changes no result.
@inlinable @inline(__always)
public func prefetch(_ address: UnsafeRawPointer) { cgsl_prefetch(address) }

extension Array {
    /// Prefetches element `i` (see ``prefetch(_:)``); nothing when `i` is out of range.
    @inlinable @inline(__always)
    public func prefetch(_ i: Int) {
        guard i >= 0 && i < count else { return }
        withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { HeadroomEngine.prefetch(base + i) }
        }
    }
}

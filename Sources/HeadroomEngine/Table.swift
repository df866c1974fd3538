/// A growable array of plain values for a simulation's hot path: one allocation, addressed in
/// place, with none of `Array`'s copy-on-write uniqueness checks (a call into the runtime on every
/// write through `array[i].field = …`, which measured about 7 % of an M/M/8 run).
///
/// It is non-copyable, so there is never a second owner to check for; its elements are
/// `BitwiseCopyable`, so it never retains or releases anything. Indices are checked
/// (`precondition`), so a model bug stops the run instead of corrupting memory.
///
/// Complexity: subscripting is O(1); `append` is amortised O(1).
public struct Table<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var storedCount: Int
    @usableFromInline var capacity: Int

    /// A table holding `elements`, with room for at least `capacity`.
    public init(_ elements: [Element], capacity: Int = 0) {
        self.capacity = Swift.max(elements.count, capacity, 1)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
        storedCount = elements.count
        elements.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.initialize(from: from, count: source.count) }
        }
    }

    /// A table of `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        capacity = Swift.max(count, 1)
        base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        base.initialize(repeating: value, count: count)
        storedCount = count
    }

    deinit { base.deallocate() }

    /// The number of elements.
    @inlinable public var count: Int { storedCount }

    /// `0 ..< count`.
    @inlinable public var indices: Range<Int> { 0..<storedCount }

    /// The element at `index`, read and written in place.
    @inlinable
    public subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < storedCount, "table index out of range")
            return UnsafePointer(base + index)
        }
        unsafeMutableAddress {
            precondition(index >= 0 && index < storedCount, "table index out of range")
            return base + index
        }
    }

    /// Adds `value` at the end.
    @inlinable
    public mutating func append(_ value: Element) {
        if storedCount == capacity { grow(to: capacity * 2) }
        (base + storedCount).initialize(to: value)
        storedCount += 1
    }

    /// Adds `count` copies of `value` at the end.
    @inlinable
    public mutating func append(repeating value: Element, count: Int) {
        if storedCount + count > capacity { grow(to: Swift.max(capacity * 2, storedCount + count)) }
        (base + storedCount).initialize(repeating: value, count: count)
        storedCount += count
    }

    /// Removes and returns the last element, or nil when empty.
    @inlinable
    public mutating func popLast() -> Element? {
        guard storedCount > 0 else { return nil }
        storedCount -= 1
        return base[storedCount]
    }

    @usableFromInline
    mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        bigger.initialize(from: base, count: storedCount)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// The elements as an array (for reports and tests).
    public var array: [Element] { Array(UnsafeBufferPointer(start: base, count: storedCount)) }
}

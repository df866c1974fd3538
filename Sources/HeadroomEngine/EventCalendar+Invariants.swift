extension EventCalendar {
    /// Checks the heap property over every pending event; O(n). For tests and debugging.
    public func checkInvariants() -> Bool {
        let start = rootConsumed ? 1 : 0
        // With a consumed root the live events are heap[1...]; their subtrees must still be heaps.
        for index in heap.indices where index >= start {
            for child in [2 * index + 1, 2 * index + 2] where child < heap.count {
                if Event.precedes(heap[child], heap[index]) { return false }
            }
        }
        return heap.indices.allSatisfy { heap[$0].time >= now || (rootConsumed && $0 == 0) }
    }
}

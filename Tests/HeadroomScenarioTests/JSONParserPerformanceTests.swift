import Foundation
import Testing

@testable import HeadroomScenario

/// The parser is linear in the size of its input: one large array or object must not cost the
/// square of its length (it did, when each element copied the container read so far).
///
/// The bounds are the CPU time of the parsing thread (not wall-clock time, which other builds on
/// a shared machine stretch), in a release build (the suite's configuration): measured,
/// 1,000,000 numbers parse in about 0.15 s. A quadratic parser takes seconds on the small input
/// already (the parser this replaced: 34 s for 50,000 numbers), so the small input is timed
/// first and the large one only parsed when the small one was fast — a regression fails
/// instead of hanging.
@Suite("JSON parser performance", .serialized)
struct JSONParserPerformanceTests {
    /// CPU seconds this thread spends in `body`, and what it returned.
    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = now()
        let value = try body()
        return (value, now() - start)
    }

    /// `[0,1,2,…]` with `count` elements.
    static func numbers(_ count: Int) -> String {
        "[" + (0..<count).map(String.init).joined(separator: ",") + "]"
    }

    /// `{"k0":0,"k1":1,…}` with `count` members.
    static func members(_ count: Int) -> String {
        "{" + (0..<count).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
    }

    static var optimized: Bool { !_isDebugAssertConfiguration() }

    @Test("a 1,000,000-element array parses in well under a second", .enabled(if: optimized, "timings need the release build `make test` uses"))
    func largeArray() throws {
        let (small, smallSeconds) = try Self.timed { try JSONValue.parse(Self.numbers(20_000)) }
        #expect(small.arrayValue?.count == 20_000)
        try #require(smallSeconds < 0.1, "20,000 elements took \(smallSeconds) s: the parser is not linear")
        let text = Self.numbers(1_000_000)
        let (value, seconds) = try Self.timed { try JSONValue.parse(text) }
        #expect(value.arrayValue?.count == 1_000_000)
        #expect(value[999_999]?.numberValue?.intValue == 999_999)
        #expect(seconds < 1, "1,000,000 elements took \(seconds) s")
    }

    @Test("an object of 200,000 members parses in well under a second, duplicate check included", .enabled(if: optimized, "timings need the release build `make test` uses"))
    func largeObject() throws {
        let (small, smallSeconds) = try Self.timed { try JSONValue.parse(Self.members(10_000)) }
        #expect(small.objectValue?.count == 10_000)
        try #require(smallSeconds < 0.1, "10,000 members took \(smallSeconds) s: the parser is not linear")
        let text = Self.members(200_000)
        let (value, seconds) = try Self.timed { try JSONValue.parse(text) }
        #expect(value.objectValue?.count == 200_000)
        #expect(value.objectValue?.members.last?.key == "k199999")
        #expect(seconds < 1, "200,000 members took \(seconds) s")
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(String(text.dropLast()) + ",\"k7\":1}") }
    }
}

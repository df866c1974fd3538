/// A length of simulated time, as written in scenario files (`"250ms"`, `"5m"`).
///
/// Stored in seconds. Scenario files always give a unit; see ``TimeSpan/init(parsing:)``.
public struct TimeSpan: Hashable, Comparable, Sendable {
    /// The length in seconds.
    public var seconds: Double

    /// A span of `seconds` seconds.
    public init(seconds: Double) { self.seconds = seconds }

    public static func seconds(_ value: Double) -> TimeSpan { TimeSpan(seconds: value) }
    public static func milliseconds(_ value: Double) -> TimeSpan { TimeSpan(seconds: value / 1_000) }
    public static func microseconds(_ value: Double) -> TimeSpan { TimeSpan(seconds: value / 1_000_000) }
    public static func minutes(_ value: Double) -> TimeSpan { TimeSpan(seconds: value * 60) }
    public static func hours(_ value: Double) -> TimeSpan { TimeSpan(seconds: value * 3_600) }
    public static let zero = TimeSpan(seconds: 0)

    /// The length in milliseconds.
    public var milliseconds: Double { seconds * 1_000 }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }

    /// The units a duration string may carry, longest suffix first so `ms` is not read as `m`.
    public static let units: [(suffix: String, seconds: Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400),
    ]

    /// ``units`` with the longest suffixes first, as parsing tries them.
    static let unitsLongestFirst = units.sorted { $0.suffix.count > $1.suffix.count }

    /// Parses `"250ms"`, `"1.5s"`, `"5m"`, `"2h"`, `"100us"`, `"2e3ms"`; nil when the text is not
    /// a decimal number followed by a unit.
    ///
    /// The number is decimal (see ``decimalValue(_:)``): `"0x10s"` is not 16 seconds but no
    /// duration at all, and neither are `"infs"`, `"nans"` or a value too large for a `Double`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (suffix, scale) in Self.unitsLongestFirst where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Self.decimalValue(number), value.isFinite else { return nil }
            let seconds = Self.seconds(value, unit: scale)
            guard seconds.isFinite else { return nil }
            self.seconds = seconds
            return
        }
        return nil
    }

    /// The value of a decimal number as durations write it — an optional `-`, digits with an
    /// optional fraction (`1`, `1.5`, `.5`, `5.`), an optional exponent (`2e3`, `1E-3`) — or nil.
    ///
    /// Swift's `Double(_:)` alone would also take `0x10` (16), `+5`, `inf` and `nan`; a scenario
    /// file means none of them as a duration, so they are refused here.
    public static func decimalValue<S: StringProtocol>(_ text: S) -> Double? {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let whole = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(whole.count)
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(fraction)
        }
        guard whole.count + fraction > 0 else { return nil }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix(while: isDigit).count
            guard exponent > 0 else { return nil }
            bytes = bytes.dropFirst(exponent)
        }
        guard bytes.isEmpty else { return nil }
        return Double(String(text))
    }

    /// The shortest exact rendering with a unit, used when scenarios are written back to JSON.
    ///
    /// The largest unit in which the span is a whole number (`"1500ms"`, `"5m"`); failing that,
    /// the largest unit giving a decimal number of at least 1 (`"20.5ms"`); failing that, seconds.
    /// Whichever it picks, `TimeSpan(parsing: span.formatted) == span` for every finite span.
    public var formatted: String {
        if seconds == 0 { return "0s" }
        guard seconds.isFinite else { return "\(seconds)s" }
        let candidates: [(String, Double)] = [("h", 3_600), ("m", 60), ("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)]
        for (suffix, scale) in candidates {
            let value = Self.value(seconds, in: scale).rounded()
            if value.magnitude >= 1, value.magnitude < 1e15, Self.seconds(value, unit: scale) == seconds {
                return "\(Self.trim(value))\(suffix)"
            }
        }
        for (suffix, scale) in candidates {
            let value = Self.value(seconds, in: scale)
            if value.magnitude >= 1, value.isFinite, let back = Double(String(value)), Self.seconds(back, unit: scale) == seconds {
                return "\(Self.trim(value))\(suffix)"
            }
        }
        return "\(Self.trim(seconds))s"
    }

    /// `value` units of `unit` seconds each, in seconds. Sub-second units divide by their exact
    /// integer count per second, so `"100ms"` is the same span as `"0.1s"`.
    static func seconds(_ value: Double, unit: Double) -> Double {
        unit < 1 ? value / (1 / unit).rounded() : value * unit
    }

    /// `seconds` expressed in units of `unit` seconds.
    static func value(_ seconds: Double, in unit: Double) -> Double {
        unit < 1 ? seconds * (1 / unit).rounded() : seconds / unit
    }

    /// A human-readable rendering (`"20 ms"`, `"1.5 s"`) for descriptions and reports.
    public var humanReadable: String {
        let s = seconds.magnitude
        if s == 0 { return "0 s" }
        if s < 1e-3 { return "\(Self.trim((seconds * 1e6 * 1000).rounded() / 1000)) µs" }
        if s < 1 { return "\(Self.trim((seconds * 1e3 * 1000).rounded() / 1000)) ms" }
        if s < 120 { return "\(Self.trim((seconds * 1000).rounded() / 1000)) s" }
        if s < 7_200 { return "\(Self.trim((seconds / 60 * 100).rounded() / 100)) min" }
        return "\(Self.trim((seconds / 3_600 * 100).rounded() / 100)) h"
    }

    static func trim(_ value: Double) -> String {
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

import Foundation

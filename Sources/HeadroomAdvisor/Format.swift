import Foundation

/// Number formatting shared by the advisor's texts: deterministic, locale-independent.
public enum Format {
    /// A number with thousands separators and at most `decimals` decimals, trailing zeros trimmed:
    /// `10,000`, `17.36`, `0.5`.
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "\(value)" }
        let scale = pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = magnitude.rounded(.down)
        var fraction = String(Int(((magnitude - whole) * scale).rounded()))
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let digits = whole < 1e18 ? String(UInt64(whole)) : String(format: "%.0f", whole)
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return (negative ? "-" : "") + grouped + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A percentage of a fraction: `0.5` → `50 %`.
    public static func percent(_ fraction: Double, decimals: Int = 0) -> String {
        "\(number(fraction * 100, decimals: decimals)) %"
    }

    /// A byte size given in KB (1 KB = 1,000 bytes), in the largest decimal unit at least 1: `1.97 TB`.
    public static func kilobytes(_ kb: Double) -> String {
        let units: [(String, Double)] = [("PB", 1e12), ("TB", 1e9), ("GB", 1e6), ("MB", 1e3)]
        for (name, scale) in units where kb >= scale { return "\(number(kb / scale)) \(name)" }
        return "\(number(kb)) KB"
    }
}

/// Text and numbers as the HTML report writes them: escaped for XHTML (the page parses both as
/// HTML and as XML) and formatted without locale or platform noise, so output is byte-deterministic.
enum Markup {
    /// `text` escaped for element content and quoted attribute values. Characters XML 1.0 forbids
    /// (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF) become U+FFFD, so a scenario
    /// name with a control character cannot make the page ill-formed.
    static func escape(_ text: String) -> String {
        func forbidden(_ u: Unicode.Scalar) -> Bool { (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || u.value == 0xFFFE || u.value == 0xFFFF }
        guard text.unicodeScalars.contains(where: { "&<>\"'".unicodeScalars.contains($0) || forbidden($0) }) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if forbidden(u) { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// A coordinate with at most one decimal ("12", "12.5", "-3.2"): a tenth of a pixel is below
    /// what a screen shows, and short numbers keep a chart with thousands of points small.
    static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let tenths = Int((min(max(x, -1e12), 1e12) * 10).rounded())
        let magnitude = tenths.magnitude
        let whole = String(magnitude / 10)
        let digits = magnitude % 10 == 0 ? whole : whole + "." + String(magnitude % 10)
        return tenths < 0 ? "-" + digits : digits
    }

    /// `x` with `places` decimals, half away from zero, without a minus sign on zero.
    static func fixed(_ x: Double, _ places: Int) -> String {
        guard x.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (x.magnitude * scale).rounded()
        guard scaled < 9e15 else { return TextReport.fixed(x, places) }
        let n = Int64(scaled)
        let unit = Int64(scale)
        var text = String(n / unit)
        if places > 0 {
            let fraction = String(n % unit)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return x < 0 && n != 0 ? "−" + text : text
    }

    /// An integer with thin-space-free thousands separators ("162,669").
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return n < 0 ? "−" + out : out
    }

    /// An axis tick: as few decimals as it needs, at most three ("0", "2.5", "0.125", "12,000").
    static func tick(_ x: Double) -> String {
        if x.magnitude >= 1000, x.magnitude < 1e15, x == x.rounded() { return count(Int(x)) }
        var text = fixed(x, 3)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A latency in milliseconds with three significant figures or so, as the text report prints it.
    static func ms(_ x: Double) -> String { x >= 100 ? fixed(x, 1) : x >= 10 ? fixed(x, 2) : fixed(x, 3) }

    /// A rate in requests per second.
    static func rate(_ x: Double) -> String { x >= 1000 && x < 1e15 ? count(Int(x.rounded())) : fixed(x, 1) }

    /// A fraction as a percentage ("31.7 %").
    static func percent(_ fraction: Double) -> String { fixed(fraction * 100, 1) + " %" }

    /// Dollars with thousands separators ("$532,939.35", "−$12.50"; "$0.5548" below a dollar).
    static func dollars(_ x: Double) -> String {
        let digits = x.magnitude >= 1 || x == 0 ? fixed(x.magnitude, 2) : fixed(x.magnitude, 4)
        let whole = digits.prefix { $0 != "." }
        let grouped = whole.count > 3 && whole.allSatisfy(\.isNumber) && whole.count < 16 ? count(Int(whole) ?? 0) + digits.dropFirst(whole.count) : digits
        return (x < 0 && digits.contains { $0 != "0" && $0 != "." } ? "−$" : "$") + grouped
    }

    /// A value in an objective's unit (`ms`, `%`, `req/s`, `USD/month`).
    static func value(_ x: Double, unit: String) -> String {
        switch unit {
        case "ms": ms(x) + " ms"
        case "%": fixed(x, 3) + " %"
        case "req/s": rate(x) + " req/s"
        case "USD/month": dollars(x) + "/month"
        case "": fixed(x, 4)
        default: fixed(x, 3) + " " + unit
        }
    }

    /// A duration in seconds as a short label ("45s", "2m", "1h30m").
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds.magnitude < 1e15 else { return fixed(seconds, 0) + "s" }
        let s = Int(seconds.rounded())
        if s == 0 { return "0" }
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return s % 60 == 0 ? "\(s / 60)m" : "\(s / 60)m\(s % 60)s" }
        return s % 3_600 == 0 ? "\(s / 3_600)h" : "\(s / 3_600)h\((s % 3_600) / 60)m"
    }
}

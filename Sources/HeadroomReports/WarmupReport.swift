import HeadroomAnalysis
import HeadroomScenario

/// How reports say what warm-up was excluded, and how it was found.
public enum WarmupReport {
    /// `, first 60 s excluded as warm-up` (and how it was found, when MSER-5 found it), or `` when none.
    public static func phrase(warmupSeconds: Double, detection: WarmupDetection?) -> String {
        let span = TimeSpan(seconds: warmupSeconds).humanReadable
        guard let detection else { return warmupSeconds > 0 ? ", first \(span) excluded as warm-up" : "" }
        if !detection.decided { return ", no warm-up excluded: the run is too short for MSER-5 to find where steady state starts" }
        if warmupSeconds == 0 { return ", no warm-up needed (MSER-5)" }
        return ", first \(span) excluded as warm-up (found by MSER-5)"
    }

    /// `"warmupDetection": {…}` when MSER-5 chose the warm-up; nothing otherwise (the key is
    /// present only for scenarios that set no warm-up).
    public static func members(_ detection: WarmupDetection?) -> [(String, JSONValue)] {
        guard let detection else { return [] }
        return [("warmupDetection", value(detection))]
    }

    /// The detection as JSON: method, what it read, where it cut, and whether it could decide.
    public static func value(_ d: WarmupDetection) -> JSONValue {
        .object([
            ("method", .string(d.method)),
            ("observations", .int(d.observations)),
            ("batchSize", .int(d.batchSize)),
            ("batches", .int(d.batches)),
            ("cutBatches", .int(d.cutBatches)),
            ("warmupSeconds", JSONReport.number(d.warmupSeconds, 6)),
            ("decided", .bool(d.decided)),
        ])
    }
}

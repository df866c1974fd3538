/// A key press, as the questionnaire understands it.
public enum TerminalKey: Hashable, Sendable {
    /// The arrow keys, Enter (CR or LF) and Backspace (DEL or BS).
    case up, down, left, right, enter, backspace
    /// Ctrl-C.
    case interrupt
    /// Ctrl-D, or the input closed.
    case endOfInput
    /// A printable character.
    case character(Character)
    /// Anything else (a lone Escape, an unknown sequence).
    case other
}

/// Turns the bytes a terminal in raw mode sends into ``TerminalKey``s.
///
/// Understands the arrow keys as CSI (`ESC [ A`) and SS3 (`ESC O A`) sequences, Enter as CR or
/// LF, Backspace as DEL or BS, Ctrl-C (0x03), Ctrl-D (0x04), and UTF-8 text.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    /// A decoder with nothing pending.
    public init() {}

    /// Feeds `bytes` and returns the keys they complete; an incomplete sequence waits for more.
    /// Call ``flush()`` when no more bytes come soon, to turn a lone Escape into `.other`.
    public mutating func feed(_ bytes: [UInt8]) -> [TerminalKey] {
        pending += bytes
        var keys: [TerminalKey] = []
        while let (key, used) = decodeOne() {
            keys.append(key)
            pending.removeFirst(used)
        }
        return keys
    }

    /// Whatever is pending, as keys (a lone Escape becomes `.other`).
    public mutating func flush() -> [TerminalKey] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.other]
    }

    /// Whether bytes are waiting for the rest of a sequence.
    public var hasPending: Bool { !pending.isEmpty }

    private func decodeOne() -> (TerminalKey, Int)? {
        guard let first = pending.first else { return nil }
        switch first {
        case 0x03: return (.interrupt, 1)
        case 0x04: return (.endOfInput, 1)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x1B:
            guard pending.count >= 2 else { return nil }
            guard pending[1] == UInt8(ascii: "[") || pending[1] == UInt8(ascii: "O") else { return (.other, 1) }
            // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, then a final byte 0x40–0x7E.
            var i = 2
            while i < pending.count, pending[i] >= 0x20, pending[i] <= 0x3F { i += 1 }
            guard i < pending.count else { return nil }
            let key: TerminalKey = switch pending[i] {
            case UInt8(ascii: "A"): .up
            case UInt8(ascii: "B"): .down
            case UInt8(ascii: "C"): .right
            case UInt8(ascii: "D"): .left
            default: .other
            }
            return (key, i + 1)
        case 0x00..<0x20: return (.other, 1)
        default:
            let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
            guard pending.count >= length else { return nil }
            let text = String(decoding: pending[0..<length], as: UTF8.self)
            return (text.first.map(TerminalKey.character) ?? .other, length)
        }
    }
}

/// A plain-text table with a header row: the first `textColumns` columns (names) left-aligned,
/// the rest (numbers) right-aligned.
struct TextTable {
    var header: [String]
    var textColumns: Int
    /// Columns at the end that are also text (left-aligned).
    var trailingTextColumns: Int
    var rows: [[String]] = []

    init(_ header: [String], textColumns: Int = 1, trailingTextColumns: Int = 0) {
        self.header = header
        self.textColumns = textColumns
        self.trailingTextColumns = trailingTextColumns
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render(indent: String = "  ") -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            indent + row.indices.map { column in
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column < textColumns || column >= header.count - trailingTextColumns ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

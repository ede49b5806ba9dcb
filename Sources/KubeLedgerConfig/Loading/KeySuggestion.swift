/// Finds the known key a mistyped one was probably meant to be.
///
/// Keys are compared ignoring case, `_` and `-` (so `rawRetentionDays` and
/// `raw-retention-days` both find `raw_retention_days`), by edit distance where swapping
/// two neighbouring letters counts as one edit. Only close matches are offered: a wrong
/// hint is worse than none.
enum KeySuggestion {
    static func closest(to key: String, among known: [String]) -> String? {
        let typed = normalized(key)
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(typed, normalized(candidate))
            let limit = candidate.count <= 4 ? 1 : (candidate.count <= 8 ? 2 : 3)
            guard distance <= limit else { continue }
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        return best?.key
    }

    static func normalized(_ key: String) -> [Character] {
        Array(key.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transposition).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}

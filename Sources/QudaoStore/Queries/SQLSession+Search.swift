import Foundation

extension SQLSession {
    /// A `LIKE … ESCAPE '\\'` pattern matching text that contains `search` literally: the
    /// wildcards `%` and `_` and the escape character itself are escaped, so a search for "50%"
    /// or "A_1" finds exactly that.
    static func containsPattern(_ search: String) -> String {
        let escaped = search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }
}

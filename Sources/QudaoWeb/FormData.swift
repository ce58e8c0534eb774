import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form. Repeated names (check boxes) keep every value.
struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    /// Parses a form body.
    init(encoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// Reads and parses a request's form body, bounded by `maximumBytes`.
    static func read(_ request: Request, maximumBytes: Int) async throws -> FormData {
        let buffer = try await request.body.collect(upTo: maximumBytes)
        return FormData(encoded: String(buffer: buffer))
    }

    /// The first value of a field.
    subscript(_ name: String) -> String? {
        values[name]?.first
    }

    /// Every value of a field.
    func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// Whether a check box was ticked.
    func isChecked(_ name: String) -> Bool {
        guard let value = self[name] else { return false }
        return value == "on" || value == "1" || value == "true"
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

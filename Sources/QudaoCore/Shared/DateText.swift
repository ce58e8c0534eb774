/// Strict reading of the numbers in dates, months and times people type: ASCII digits only, of
/// the given lengths, separated by exactly one separator. `Int("+4")` and splitting that drops
/// empty parts would accept `2026-+4`, `-2026-01` and `2026--02`; nothing here does.
public enum DateText {
    /// The numbers of `text` split at `separator`, each of a length in its range, or nil.
    public static func numbers(_ text: some StringProtocol, separator: Character, lengths: [ClosedRange<Int>]) -> [Int]? {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == lengths.count else { return nil }
        var numbers: [Int] = []
        for (part, length) in zip(parts, lengths) {
            guard length.contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part) else { return nil }
            numbers.append(number)
        }
        return numbers
    }
}

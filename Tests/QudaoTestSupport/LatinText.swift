import Foundation

/// Finds English sentences in text meant for Chinese readers. A sentence here is three or more
/// Latin words in a row of which at least two are lower-case words: that catches "the task is
/// closed" and lets codes (GD-SZ-001), SKUs (SK-1003), file names and brand names through.
public enum LatinText {
    /// Whether the text holds at least one CJK character.
    public static func containsChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    /// The English sentences in the text, in order.
    public static func sentences(in text: String) -> [String] {
        let pattern = #"[A-Za-z][A-Za-z'’]*(?:[ ,;:]+[A-Za-z][A-Za-z'’]*){2,}"#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match -> String? in
            guard let found = Range(match.range, in: text) else { return nil }
            let run = String(text[found])
            let words = run.split { " ,;:".contains($0) }
            let lowerCaseWords = words.filter { word in word.count > 1 && word.allSatisfy { $0.isLowercase || $0 == "'" } }
            return lowerCaseWords.count >= 2 ? run : nil
        }
    }
}

/// A rate in basis points (100 bp = 1 %, 10 000 bp = 100 %).
public struct Rate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The rate in basis points.
    public let basisPoints: Int64

    /// The largest rate any configuration may hold: 100 %.
    public static let maximumBasisPoints: Int64 = 10_000

    /// Creates a rate of the given number of basis points.
    public init(basisPoints: Int64) {
        self.basisPoints = basisPoints
    }

    /// Zero basis points.
    public static let zero = Rate(basisPoints: 0)

    /// Whether this rate lies in 0 … 10 000 bp, the range every configured rate must respect.
    public var isValidConfiguredRate: Bool {
        (0...Rate.maximumBasisPoints).contains(basisPoints)
    }

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.basisPoints < rhs.basisPoints }

    /// The rate as a percentage with two decimals, e.g. `5.00%` for 500 bp.
    public var percentText: String {
        let magnitude = basisPoints.magnitude
        let fraction = magnitude % 100
        return "\(basisPoints < 0 ? "-" : "")\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    /// The rate as people say it, without trailing zeros: `5%`, `2.5%`, `0.25%`.
    public var shortPercentText: String { "\(percentNumberText)%" }

    /// The percentage's number without trailing zeros (`5`, `2.5`, `0.25`): what a form field shows.
    public var percentNumberText: String {
        let magnitude = basisPoints.magnitude
        var text = "\(magnitude / 100)"
        let fraction = magnitude % 100
        if fraction != 0 { text += fraction % 10 == 0 ? ".\(fraction / 10)" : ".\(fraction < 10 ? "0" : "")\(fraction)" }
        return (basisPoints < 0 ? "-" : "") + text
    }

    /// A percentage as people type it — `5`, `2.5`, `0.25`, optionally with `%` — into basis points,
    /// without floating point: at most two decimals; nil for anything else.
    public static func parsePercent(_ text: String) -> Rate? {
        var trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix("%") || trimmed.hasSuffix("%") { trimmed = String(trimmed.dropLast()).trimmingWhitespace() }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 6,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), let wholeValue = Int64(whole)
        else { return nil }
        var fractionValue: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(fraction) else {
                return nil
            }
            fractionValue = fraction.count == 1 ? value * 10 : value
        }
        return Rate(basisPoints: wholeValue * 100 + fractionValue)
    }

    public var description: String { "\(basisPoints) bp" }
}

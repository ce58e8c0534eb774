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

    public var description: String { "\(basisPoints) bp" }
}

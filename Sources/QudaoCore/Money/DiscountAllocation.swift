/// Spreads an order-level discount over its lines as RULES §5 prescribes.
///
/// Each line first gets `⌊discount × lineGross ÷ gross⌋`; the fen left over go one each to the
/// lines with the largest remainders, ties going to the line listed first. The shares therefore
/// add up to the discount exactly, and the line bases (gross − share) add up to the net amount.
public enum DiscountAllocation {
    /// Returns each line's share of `discount`, in the order of `lineGrossAmounts`.
    ///
    /// - Precondition: every line gross is non-negative and the discount lies in 0 … Σ gross.
    public static func shares(of discount: Money, over lineGrossAmounts: [Money]) -> [Money] {
        let gross = lineGrossAmounts.map(\.fen).reduce(0, +)
        precondition(lineGrossAmounts.allSatisfy { $0.fen >= 0 }, "line amounts must not be negative")
        precondition(discount.fen >= 0 && discount.fen <= gross, "discount must lie within the gross amount")
        guard gross > 0, discount.fen > 0 else {
            return lineGrossAmounts.map { _ in Money.zero }
        }
        var shares: [Int64] = []
        var remainders: [(index: Int, remainder: UInt64)] = []
        for (index, line) in lineGrossAmounts.enumerated() {
            let product = discount.fen.magnitude.multipliedFullWidth(by: line.fen.magnitude)
            let (quotient, remainder) = gross.magnitude.dividingFullWidth(product)
            shares.append(Int64(quotient))
            remainders.append((index, remainder))
        }
        var leftOver = discount.fen - shares.reduce(0, +)
        // Largest remainder first; the stable sort keeps the earlier line first on ties.
        let order = remainders.enumerated().sorted { lhs, rhs in
            lhs.element.remainder != rhs.element.remainder
                ? lhs.element.remainder > rhs.element.remainder
                : lhs.offset < rhs.offset
        }
        for entry in order where leftOver > 0 {
            shares[entry.element.index] += 1
            leftOver -= 1
        }
        return shares.map { Money(fen: $0) }
    }
}

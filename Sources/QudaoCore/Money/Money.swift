import Foundation

/// An amount of Chinese yuan held as an integer number of fen (1 yuan = 100 fen).
///
/// Money never passes through floating point: it is parsed from and formatted to
/// text digit by digit, and every computation is 64-bit integer arithmetic that
/// traps on overflow rather than wrapping silently.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in fen. Negative amounts are allowed (refunds, clawbacks).
    public let fen: Int64

    /// Creates an amount of the given number of fen.
    public init(fen: Int64) {
        self.fen = fen
    }

    /// Zero fen.
    public static let zero = Money(fen: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    public static prefix func - (amount: Money) -> Money { Money(fen: -amount.fen) }

    /// This amount multiplied by a whole quantity, e.g. a unit price times a line quantity.
    public func times(_ quantity: Int64) -> Money {
        Money(fen: fen * quantity)
    }

    /// `pct(amount, bp)` from RULES §1: `amount × bp / 10000` rounded half up at the fen;
    /// for a negative amount the magnitude is rounded and the sign restored.
    public func percentage(_ rate: Rate) -> Money {
        Money(fen: Money.roundedHalfUpDivision(fen, multipliedBy: rate.basisPoints, dividedBy: 10_000))
    }

    /// Computes `value × multiplier / divisor` rounded half up on the magnitude, using a
    /// 128-bit intermediate product so that large amounts cannot overflow before dividing.
    public static func roundedHalfUpDivision(_ value: Int64, multipliedBy multiplier: Int64, dividedBy divisor: Int64) -> Int64 {
        precondition(divisor > 0, "divisor must be positive")
        let negative = (value < 0) != (multiplier < 0)
        let product = value.magnitude.multipliedFullWidth(by: multiplier.magnitude)
        let (quotient, remainder) = divisor.magnitude.dividingFullWidth(product)
        // Half up on the magnitude: a remainder of at least half the divisor rounds away from zero.
        let rounded = remainder * 2 >= divisor.magnitude ? quotient + 1 : quotient
        precondition(rounded <= UInt64(Int64.max), "amount out of range")
        return negative ? -Int64(rounded) : Int64(rounded)
    }

    /// The amount in yuan with exactly two decimals and no symbol, e.g. `149.99` or `-0.05`.
    public var yuanText: String {
        let magnitude = fen.magnitude
        let yuan = magnitude / 100
        let cents = magnitude % 100
        let sign = fen < 0 ? "-" : ""
        return "\(sign)\(yuan).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The amount as the UI shows it: `¥149.99`, `¥1,234,567.00`, `-¥0.05`.
    public var formatted: String {
        let magnitude = fen.magnitude
        let yuanDigits = String(magnitude / 100)
        var grouped = ""
        for (index, character) in yuanDigits.enumerated() {
            if index > 0 && (yuanDigits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let cents = magnitude % 100
        return "\(fen < 0 ? "-" : "")¥\(grouped).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { formatted }

    /// Parses an amount typed in yuan (`149.99`, `149.9`, `149`, `¥1,234.50`) into fen without
    /// floating point. At most two decimals; a leading minus only when `allowNegative` is set.
    /// Returns nil when the text is not such an amount.
    public static func parseYuan(_ text: String, allowNegative: Bool = false) -> Money? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if body.first == "-" {
            guard allowNegative else { return nil }
            negative = true
            body = body.dropFirst()
        }
        if body.first == "¥" || body.first == "￥" { body = body.dropFirst() }
        let withoutGrouping = body.filter { $0 != "," }
        let parts = withoutGrouping.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty, whole.count <= 13, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if parts.count == 2 && fraction.isEmpty { return nil }
        guard let yuan = Int64(whole) else { return nil }
        let paddedFraction = fraction + String(repeating: "0", count: 2 - fraction.count)
        guard let cents = Int64(paddedFraction) else { return nil }
        let fen = yuan * 100 + cents
        return Money(fen: negative ? -fen : fen)
    }
}

extension Sequence where Element == Money {
    /// The sum of the amounts.
    public func sum() -> Money {
        reduce(Money.zero, +)
    }
}

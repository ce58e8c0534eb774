import Foundation
import QudaoCore

/// A draft commission rule as a client sent it (form text or JSON numbers), checked field by field
/// before the rule's own checks, so every problem names its field.
public struct CommissionRuleInput: Sendable {
    /// One bonus tier as sent.
    public struct TierInput: Sendable {
        public var threshold: AmountInput
        public var rateBasisPoints: RateInput

        /// Creates a tier input.
        public init(threshold: AmountInput, rateBasisPoints: RateInput) {
            self.threshold = threshold
            self.rateBasisPoints = rateBasisPoints
        }
    }

    public var rateBasisPoints: [RateInput]
    public var capBasisPoints: RateInput
    public var bonusTiers: [TierInput]
    public var settlementDay: IntegerInput
    public var minimumPayout: AmountInput
    public var autoReceiveDays: IntegerInput
    public var returnWindowDays: IntegerInput
    /// `2026-12-01T00:00:00+08:00`, or `2026-12-01 00:00` in business time; blank means now.
    public var effectiveAt: String?

    /// The most bonus tiers a rule may have.
    public static let maximumTierCount = 10

    /// Creates an input.
    public init(
        rateBasisPoints: [RateInput], capBasisPoints: RateInput, bonusTiers: [TierInput], settlementDay: IntegerInput,
        minimumPayout: AmountInput, autoReceiveDays: IntegerInput, returnWindowDays: IntegerInput, effectiveAt: String?
    ) {
        self.rateBasisPoints = rateBasisPoints
        self.capBasisPoints = capBasisPoints
        self.bonusTiers = bonusTiers
        self.settlementDay = settlementDay
        self.minimumPayout = minimumPayout
        self.autoReceiveDays = autoReceiveDays
        self.returnWindowDays = returnWindowDays
        self.effectiveAt = effectiveAt
    }

    /// The draft rule, or every problem of the input and of the rule it describes. `now` stands in
    /// for a blank effective time.
    public func draft(now: Date) throws -> CommissionRule {
        var validator = Validator()
        if rateBasisPoints.count != 3 { validator.add("rates", .outOfRange(minimum: 3, maximum: 3)) }
        let rates = rateBasisPoints.prefix(3).enumerated().map { index, input in validator.rate("rate\(index + 1)Bp", input) }
        let cap = validator.rate("capBp", capBasisPoints)
        if bonusTiers.count > Self.maximumTierCount { validator.add("bonusTiers", .outOfRange(minimum: 0, maximum: Int64(Self.maximumTierCount))) }
        let tiers = bonusTiers.prefix(Self.maximumTierCount).enumerated().map { index, tier in
            (
                validator.amount("bonusTiers[\(index)].thresholdFen", tier.threshold, in: 0...Int64.max / 2),
                validator.rate("bonusTiers[\(index)].rateBp", tier.rateBasisPoints)
            )
        }
        let day = validator.integer("settlementDay", settlementDay, in: 1...28)
        let minimum = validator.amount("minimumPayoutFen", minimumPayout, in: 1...Int64.max / 2)
        let receive = validator.integer("autoReceiveDays", autoReceiveDays, in: 1...90)
        let window = validator.integer("returnWindowDays", returnWindowDays, in: 0...90)
        var effective = now
        if let text = effectiveAt?.trimmingWhitespace(), !text.isEmpty {
            if let instant = Self.parseInstant(text) {
                effective = instant
            } else {
                validator.add("effectiveAt", .invalidFormat(expected: .localTime))
            }
        }
        guard validator.errors.isEmpty, let cap, let day, let minimum, let receive, let window else {
            throw AppError.validation(ValidationFailure(validator.errors))
        }
        let rule = CommissionRule(
            version: 0, rates: rates.map { $0 ?? .zero }, capBasisPoints: cap.basisPoints,
            bonusTiers: tiers.map { Tier(threshold: $0.0 ?? .zero, rate: $0.1 ?? .zero) }, settlementDay: Int(day),
            minimumPayout: minimum, windows: OrderWindows(autoReceiveDays: Int(receive), returnWindowDays: Int(window)), effectiveAt: effective)
        let problems = rule.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        return rule
    }

    /// An instant from ISO 8601 with an offset, or `yyyy-MM-dd HH:mm` (or `yyyy-MM-ddTHH:mm`, as a
    /// browser's datetime-local field sends it) in business time.
    static func parseInstant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let instant = formatter.date(from: text) { return instant }
        let normalized = text.replacingOccurrences(of: "T", with: " ")
        let parts = normalized.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        guard let date = DateText.numbers(parts[0], separator: "-", lengths: [4...4, 1...2, 1...2]),
            let time = DateText.numbers(parts[1], separator: ":", lengths: [1...2, 2...2])
                ?? DateText.numbers(parts[1], separator: ":", lengths: [1...2, 2...2, 2...2]),
            (1...12).contains(date[1]), (1...31).contains(date[2]), (0...23).contains(time[0]), (0...59).contains(time[1])
        else { return nil }
        let components = DateComponents(
            year: date[0], month: date[1], day: date[2], hour: time[0], minute: time[1], second: time.count == 3 ? time[2] : 0)
        guard components.isValidDate(in: BusinessTime.calendar) else { return nil }
        return BusinessTime.calendar.date(from: components)
    }
}

extension BusinessMonth {
    /// Parses a month sent by a client (`2026-10`), naming the field when it is malformed.
    public static func parse(_ text: String?, field: String = "month") throws -> BusinessMonth {
        let trimmed = (text ?? "").trimmingWhitespace()
        guard !trimmed.isEmpty else { throw AppError.invalid(field, .required) }
        guard let month = BusinessMonth(trimmed) else { throw AppError.invalid(field, .invalidFormat(expected: .month)) }
        return month
    }
}

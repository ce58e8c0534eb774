import Foundation
import QudaoCore

/// The dashboard's words that its page and its exports share: changes as percentages, the
/// filter as sentences, a trend bucket's label.
public enum DashboardText {
    /// A change as `+12.3%` / `-4.0%`, to a tenth of a percent, rounded half away from zero.
    public static func changeText(_ change: Ratio) -> String {
        let tenths = Money.roundedHalfUpDivision(change.numerator, multipliedBy: 1_000, dividedBy: change.denominator)
        let sign = tenths > 0 ? "+" : tenths < 0 ? "-" : ""
        return "\(sign)\(tenths.magnitude / 10).\(tenths.magnitude % 10)%"
    }
    /// The filter in words, one line per part: the range (and what it is compared with), then each partner filter.
    public static func filterLines(_ language: Language, _ filter: DashboardFilter) -> [String] {
        let range = filter.range
        var lines = [
            language.t(
                "时间:\(language.rangePreset(filter.preset)) \(range)(\(range.dayCount) 天),对比上期 \(range.previous)",
                "Dates: \(language.rangePreset(filter.preset)) \(range) (\(range.dayCount) days), against \(range.previous)"),
            language.t("趋势:\(language.granularity(filter.granularity))", "Trend: \(language.granularity(filter.granularity).lowercased())"),
        ]
        var partners: [String] = []
        if let province = filter.province { partners.append(language.t("地区 \(province)", "region \(province)")) }
        if let level = filter.level { partners.append(language.level(level)) }
        if let grade = filter.grade { partners.append(language.t("评级 \(language.grade(grade))", "grade \(language.grade(grade))")) }
        if let type = filter.partnerType { partners.append(language.partnerType(type)) }
        lines.append(
            partners.isEmpty
                ? language.t("渠道商:全部", "Partners: all")
                : language.t("渠道商:\(partners.joined(separator: "、"))", "Partners: \(partners.joined(separator: ", "))"))
        return lines
    }
    /// A trend bucket's short label (axis) and its full days (tooltip).
    public static func bucketLabel(_ bucket: DateRange, _ grain: RollupGrain) -> String {
        switch grain {
        case .day: String(bucket.first.description.suffix(5))
        case .week: String(bucket.first.description.suffix(5))
        case .month: String(bucket.first.description.prefix(7))
        }
    }
}

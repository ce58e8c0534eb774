import Foundation
import QudaoCore

/// A text in both interface languages.
public struct BilingualText: Sendable, Hashable {
    public let chinese: String
    public let english: String

    /// Creates a text.
    public init(chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }
}

/// Grade reasons in plain words, as the partner, HQ and the follow-up task read them
/// (e.g. "近1个月销量下降23%,是否需要运营支持?").
public enum GradeWording {
    /// A threshold in basis points as a percentage: 3000 → "30", 1250 → "12.5", 333 → "3.33".
    public static func percent(basisPoints: Int64) -> String {
        let whole = basisPoints / 100
        let fraction = abs(basisPoints % 100)
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// One reason.
    public static func reason(_ reason: GradeReason, thresholds: GradingThresholds) -> BilingualText {
        switch reason {
        case .lowSellThrough(let ratio):
            let limit = percent(basisPoints: thresholds.warningSellThroughBelowBasisPoints)
            return BilingualText(
                chinese: "近90天动销率\(ratio.roundedPercent)%,低于\(limit)%",
                english: "sell-through over the last 90 days is \(ratio.roundedPercent)%, below \(limit)%")
        case .highReturnRate(let ratio):
            let limit = percent(basisPoints: thresholds.warningReturnRateAboveBasisPoints)
            return BilingualText(
                chinese: "近90天退货率\(ratio.roundedPercent)%,高于\(limit)%",
                english: "the return rate over the last 90 days is \(ratio.roundedPercent)%, above \(limit)%")
        case .salesDrop(let ratio):
            return BilingualText(chinese: "近1个月销量下降\(ratio.roundedPercent)%", english: "sales fell \(ratio.roundedPercent)% in the last month")
        case .meetsQuality:
            return BilingualText(
                chinese:
                    "动销率不低于\(percent(basisPoints: thresholds.qualitySellThroughAtLeastBasisPoints))%且退货率不高于\(percent(basisPoints: thresholds.qualityReturnRateAtMostBasisPoints))%",
                english:
                    "sell-through of at least \(percent(basisPoints: thresholds.qualitySellThroughAtLeastBasisPoints))% and returns of at most \(percent(basisPoints: thresholds.qualityReturnRateAtMostBasisPoints))%"
            )
        case .belowQuality:
            return BilingualText(
                chinese: "未触发预警,但动销率或退货率未达到优质标准",
                english: "no warning, but sell-through or returns fall short of the quality mark")
        }
    }

    /// Every reason of a grade, joined.
    public static func reasons(_ reasons: [GradeReason], thresholds: GradingThresholds) -> BilingualText {
        let texts = reasons.map { reason($0, thresholds: thresholds) }
        return BilingualText(chinese: texts.map(\.chinese).joined(separator: ";"), english: texts.map(\.english).joined(separator: "; "))
    }

    /// The warning message: the reasons and the question HQ asks.
    public static func warning(_ reasons: [GradeReason], thresholds: GradingThresholds) -> BilingualText {
        let joined = self.reasons(reasons, thresholds: thresholds)
        let english = joined.english.prefix(1).uppercased() + joined.english.dropFirst()
        return BilingualText(chinese: joined.chinese + ",是否需要运营支持?", english: english + ". Does the partner need support from operations?")
    }
}

extension NotificationDraft {
    /// The partner's own notice that it entered `warning`.
    static func gradeWarningForPartner(partnerId: String, day: String, reason: BilingualText) -> NotificationDraft {
        NotificationDraft(
            kind: .gradeWarning, titleChinese: "经营预警:\(reason.chinese)", titleEnglish: "Grade warning: \(reason.english)",
            bodyChinese: "根据 \(day) 的分级结果,您的渠道被列为预警。\(reason.chinese) 总部运营会与您联系。",
            bodyEnglish: "Graded on \(day), your business is on warning. \(reason.english) HQ operations will get in touch.",
            link: "/portal/grade", eventKey: "grade_warning:\(partnerId):\(day):partner")
    }

    /// HQ operations' notice that a partner entered `warning`, linking to its follow-up task.
    static func gradeWarningForHQ(partner: PartnerRecord, day: String, reason: BilingualText, taskId: String?) -> NotificationDraft {
        NotificationDraft(
            kind: .gradeWarning, titleChinese: "\(partner.code) \(partner.name) 进入预警", titleEnglish: "\(partner.code) \(partner.name) is on warning",
            bodyChinese: reason.chinese, bodyEnglish: reason.english,
            link: taskId.map { "/hq/follow-ups/\($0)" } ?? "/hq/partners/\(partner.id)",
            eventKey: "grade_warning:\(partner.id):\(day):hq")
    }

    /// A follow-up task was assigned to the reader.
    static func followUpAssigned(task: FollowUpTask, partner: PartnerRecord) -> NotificationDraft {
        NotificationDraft(
            kind: .followUpTask, titleChinese: "跟进任务 \(task.number) 已分配给您", titleEnglish: "Follow-up \(task.number) was assigned to you",
            bodyChinese: "\(partner.code) \(partner.name):\(task.reasonChinese)",
            bodyEnglish: "\(partner.code) \(partner.name): \(task.reasonEnglish)",
            link: "/hq/follow-ups/\(task.id)", eventKey: "follow_up_assigned:\(task.id):\(task.rowVersion)")
    }

    /// A system notice to HQ operations that the grading thresholds or replenishment parameters changed.
    static func channelPolicyChanged(by username: String, policy: ChannelPolicy, at instant: Date) -> NotificationDraft {
        let grading = policy.grading
        func percent(_ basisPoints: Int64) -> String { GradeWording.percent(basisPoints: basisPoints) }
        let chinese =
            "预警:动销率低于\(percent(grading.warningSellThroughBelowBasisPoints))%、退货率高于\(percent(grading.warningReturnRateAboveBasisPoints))%、"
            + "销量下降\(percent(grading.warningSalesDropBasisPoints))%;优质:动销率不低于\(percent(grading.qualitySellThroughAtLeastBasisPoints))%、"
            + "退货率不高于\(percent(grading.qualityReturnRateAtMostBasisPoints))%;补货 L=\(policy.leadTimeDays) 天、R=\(policy.reviewPeriodDays) 天;"
            + "过期必备证书\(policy.blockOrdersOnExpiredCertificates ? "限制" : "不限制")下单。"
        let english =
            "Warning below \(percent(grading.warningSellThroughBelowBasisPoints))% sell-through, above \(percent(grading.warningReturnRateAboveBasisPoints))% "
            + "returns or on a \(percent(grading.warningSalesDropBasisPoints))% fall; quality from \(percent(grading.qualitySellThroughAtLeastBasisPoints))% "
            + "sell-through with at most \(percent(grading.qualityReturnRateAtMostBasisPoints))% returns; L = \(policy.leadTimeDays) days, "
            + "R = \(policy.reviewPeriodDays) days; expired required certificates \(policy.blockOrdersOnExpiredCertificates ? "stop" : "do not stop") ordering."
        return NotificationDraft(
            kind: .system, titleChinese: "\(username) 更新了分级与补货设置", titleEnglish: "\(username) changed the grading and replenishment settings",
            bodyChinese: chinese, bodyEnglish: english, link: "/hq/grading",
            eventKey: "channel_policy:\(BusinessTime.isoText(instant)):\(Identifier.make(prefix: "evt"))")
    }
}

import Foundation
import QudaoCore
import QudaoFiles

extension Language {
    public func report(_ kind: ReportKind) -> String {
        switch kind {
        case .salesByPartner: t("渠道商销售", "Sales by partner")
        case .salesByProduct: t("商品销售", "Sales by product")
        case .salesByRegion: t("地区销售", "Sales by region")
        case .commission: t(.commission)
        case .prepaid: t("预存款流水", "Prepaid movements")
        case .returns: t("退货", "Returns")
        case .grades: t("渠道评级", "Partner grades")
        }
    }

    /// What the report lists, under its title.
    public func reportMeaning(_ kind: ReportKind) -> String {
        switch kind {
        case .salesByPartner: t("期间有支付订单的渠道商,按净销售额排序;联系人电话已脱敏。", "Partners with paid orders in the range, by net sales; phones masked.")
        case .salesByProduct:
            t("期间售出的商品,按折前销售额排序(评级筛选不适用于商品)。", "Products sold in the range, by sales before discounts (the grade filter does not apply).")
        case .salesByRegion: t("按渠道商所在省份汇总。", "Totals by the partners' province.")
        case .commission:
            t(
                "新增佣金为期间产生且未冲回的佣金;待结算为当前值;已发放为期间支付的结算单。",
                "Accrued: made in the range, not reversed; settleable: now; paid: statements paid in the range.")
        case .prepaid: t("期间预存款账户的每一笔入账与扣款。", "Every posting on the prepaid accounts in the range.")
        case .returns: t("期间申请的退货及其处理结果。", "Returns asked for in the range and what became of them.")
        case .grades: t("正常合作渠道商的当前评级(时点值,不按日期筛选)。", "Active partners' grades now (not filtered by date).")
        }
    }
}

extension Language {
    /// The line every export ends its notes with: when it was made, in Beijing time.
    public func generatedLine(_ instant: Date) -> String {
        t("生成时间:\(BusinessTime.displayText(instant))(北京时间)", "Generated: \(BusinessTime.displayText(instant)) (Beijing time)")
    }
}

import Foundation
import QudaoCore

extension Language {
    public func dashboardMetric(_ metric: DashboardMetric) -> String {
        switch metric {
        case .netSales: t("销售额(净)", "Net sales")
        case .orders: t(.orders)
        case .averageOrder: t("客单价", "Average order")
        case .activePartners: t(.activePartners)
        case .newPartners: t("新增渠道商", "New partners")
        case .commissionAccrued: t("新增佣金", "Commission accrued")
        case .commissionSettleable: t("待结算佣金", "Commission settleable")
        case .commissionPaid: t("已发放佣金", "Commission paid")
        case .prepaidBalance: t("预存款余额", "Prepaid balances")
        case .topUps: t("充值到账", "Top-ups")
        case .returns: t("退货单数", "Returns refunded")
        case .refunds: t("退款金额", "Refunds")
        }
    }

    /// What a figure counts, for the card's tooltip and the export's notes.
    public func dashboardMetricMeaning(_ metric: DashboardMetric) -> String {
        switch metric {
        case .netSales: t("期间支付订单的实付金额减去其退款", "What the orders paid in the range cost, less their refunds")
        case .orders: t("期间支付的采购单与推荐单", "Purchase and referral orders paid in the range")
        case .averageOrder: t("净销售额 ÷ 订单数", "Net sales ÷ orders")
        case .activePartners: t("期间有支付订单的渠道商", "Partners with a paid order in the range")
        case .newPartners: t("期间加入的渠道商", "Partners that joined in the range")
        case .commissionAccrued: t("期间产生的佣金(不含已冲回)", "Commission made in the range (not reversed)")
        case .commissionSettleable: t("当前可结算、尚未结算的佣金", "Commission settleable now, not yet settled")
        case .commissionPaid: t("期间已发放的结算单(佣金与奖励)", "Settlement statements paid in the range (commission and bonus)")
        case .prepaidBalance: t("当前预存款账户余额合计", "What the prepaid accounts hold now")
        case .topUps: t("期间确认到账的充值(不含赠送)", "Top-ups confirmed in the range (without bonuses)")
        case .returns: t("期间完成退款的退货单", "Returns refunded in the range")
        case .refunds: t("期间退货退款的金额", "What those returns refunded")
        }
    }

    public func rangePreset(_ preset: DashboardRangePreset) -> String {
        switch preset {
        case .today: t("今天", "Today")
        case .yesterday: t("昨天", "Yesterday")
        case .last7Days: t("近7天", "Last 7 days")
        case .last30Days: t("近30天", "Last 30 days")
        case .last90Days: t("近90天", "Last 90 days")
        case .thisMonth: t("本月", "This month")
        case .lastMonth: t("上月", "Last month")
        case .thisQuarter: t("本季度", "This quarter")
        case .thisYear: t("今年", "This year")
        case .last12Months: t("近12个月", "Last 12 months")
        case .custom: t("自定义", "Custom")
        }
    }

    public func granularity(_ grain: RollupGrain) -> String {
        switch grain {
        case .day: t("按日", "By day")
        case .week: t("按周", "By week")
        case .month: t("按月", "By month")
        }
    }

    public func partnerDimension(_ dimension: PartnerDimension) -> String {
        switch dimension {
        case .province: t(.region)
        case .level: t(.level)
        case .grade: t(.grade)
        case .partnerType: t(.type)
        }
    }

    /// A breakdown row's key as a reader knows it.
    public func breakdownKey(_ dimension: PartnerDimension, _ key: String) -> String {
        switch dimension {
        case .province: key
        case .level: level(Int(key) ?? 1)
        case .grade: Grade(rawValue: key).map(grade) ?? t(.notGraded)
        case .partnerType: PartnerType(rawValue: key).map(partnerType) ?? key
        }
    }
}

import QudaoCore

/// Terms that more than one page uses, each with one English word: a table header, a filter
/// and a form all say 类型 the same way ("Type", never "Kind" on one page and "Type" on the next).
/// One-off text stays beside its use as `page.t("中文", "English")`; a term in two files comes here.
public enum Term: CaseIterable, Sendable {
    case accountHolder
    case accountName
    case accountNumber
    case action
    case activePartners
    case all
    case amount
    case amountYuan
    case passwordHint
    case auditLog
    case backToTheList
    case balance
    case bankPayouts
    case bankReference
    case base
    case brandName
    case businessLicence
    case businessRules
    case cancel
    case carrier
    case chainPosition
    case change
    case changeAmount
    case changePassword
    case choose
    case city
    case code
    case commission
    case companyAndBrand
    case completed
    case confirmReceipt
    case contact
    case copied
    case copy
    case create
    case creditRating
    case dashboard
    case directDownline
    case district
    case documentNumber
    case eG4008108888Or02087654321
    case exportExcel
    case exportPdf
    case file
    case filter
    case from
    case grade
    case gross
    case home
    case hq
    case importFromExcel
    case inTransit
    case inbox
    case level
    case me
    case month
    case myCommission
    case myTeam
    case netSales
    case no
    case notGraded
    case number
    case order
    case orders
    case owner
    case parent
    case password
    case payoutMethod
    case phone
    case placed
    case prepaidDiscount
    case promotions
    case province
    case rank
    case reason
    case rebate
    case records
    case region
    case registeredCompanyName
    case remove
    case reports
    case requested
    case `return`
    case returnRate
    case returned
    case running
    case salesBeforeDiscounts
    case salesChange
    case save
    case search
    case sellThrough
    case settleableAt
    case status
    case stock
    case streetAddress
    case subtotal
    case to
    case topPartners
    case topProducts
    case total
    case trackingNumber
    case type
    case unitPrice
    case units
    case unitsSold
    case upload
    case yes
    case yuan
    case yuanSuffix

    /// The term in both languages.
    public var text: (chinese: String, english: String) {
        switch self {
        case .accountHolder: ("户名", "Account holder")
        case .accountName: ("开户名", "Account name")
        case .accountNumber: ("银行账号", "Account number")
        case .action: ("操作", "Action")
        case .activePartners: ("动销渠道商", "Active partners")
        case .all: ("全部", "All")
        case .amount: ("金额", "Amount")
        case .amountYuan: ("金额(元)", "Amount (yuan)")
        case .passwordHint: ("至少 12 个字符,不用常见密码,不含登录名", "At least 12 characters, not a common password, not the login name")
        case .auditLog: ("操作日志", "Audit log")
        case .backToTheList: ("返回列表", "Back to the list")
        case .balance: ("余额", "Balance")
        case .bankPayouts: ("银行打款", "Bank payouts")
        case .bankReference: ("银行流水号", "Bank reference")
        case .base: ("计佣基数", "Base")
        case .brandName: ("品牌名称", "Brand name")
        case .businessLicence: ("营业执照号", "Business licence")
        case .businessRules: ("业务规则", "Business rules")
        case .cancel: ("取消", "Cancel")
        case .carrier: ("承运商", "Carrier")
        case .chainPosition: ("分佣顺位", "Chain position")
        case .change: ("变化", "Change")
        case .changeAmount: ("变动", "Change")
        case .changePassword: ("修改密码", "Change password")
        case .choose: ("请选择", "Choose")
        case .city: ("城市", "City")
        case .code: ("编码", "Code")
        case .commission: ("佣金", "Commission")
        case .companyAndBrand: ("公司与品牌", "Company and brand")
        case .completed: ("已完成", "Completed")
        case .confirmReceipt: ("确认收货", "Confirm receipt")
        case .contact: ("联系人", "Contact")
        case .copied: ("已复制", "Copied")
        case .copy: ("一键复制", "Copy")
        case .create: ("新建", "Create")
        case .creditRating: ("信用等级", "Credit rating")
        case .dashboard: ("数据看板", "Dashboard")
        case .directDownline: ("直属下级", "Direct downline")
        case .district: ("区县", "District")
        case .documentNumber: ("单号", "Number")
        case .eG4008108888Or02087654321: ("如 400-810-8888 或 020-87654321", "e.g. 400-810-8888 or 020-87654321")
        case .exportExcel: ("导出 Excel", "Export Excel")
        case .exportPdf: ("导出 PDF", "Export PDF")
        case .file: ("文件", "File")
        case .filter: ("筛选", "Filter")
        case .from: ("开始日期", "From")
        case .grade: ("评级", "Grade")
        case .gross: ("商品金额", "Gross")
        case .home: ("首页", "Home")
        case .hq: ("总部", "HQ")
        case .importFromExcel: ("批量导入", "Import from Excel")
        case .inTransit: ("在途", "In transit")
        case .inbox: ("消息", "Inbox")
        case .level: ("层级", "Level")
        case .me: ("我的", "Me")
        case .month: ("月份", "Month")
        case .myCommission: ("我的佣金", "My commission")
        case .myTeam: ("我的团队", "My team")
        case .netSales: ("净销售额", "Net sales")
        case .no: ("否", "no")
        case .notGraded: ("未评级", "Not graded")
        case .number: ("编号", "Number")
        case .order: ("订货", "Order")
        case .orders: ("订单数", "Orders")
        case .owner: ("主账号", "Owner")
        case .parent: ("上级", "Parent")
        case .password: ("密码", "Password")
        case .payoutMethod: ("收款方式", "Payout method")
        case .phone: ("电话", "Phone")
        case .placed: ("下单时间", "Placed")
        case .prepaidDiscount: ("预存折扣", "Prepaid discount")
        case .promotions: ("促销活动", "Promotions")
        case .province: ("省份", "Province")
        case .rank: ("排名", "Rank")
        case .reason: ("原因", "Reason")
        case .rebate: ("返利", "Rebate")
        case .records: ("记录数", "Records")
        case .region: ("地区", "Region")
        case .registeredCompanyName: ("公司全称", "Registered company name")
        case .remove: ("移除", "Remove")
        case .reports: ("报表", "Reports")
        case .requested: ("申请时间", "Requested")
        case .return: ("退货单号", "Return")
        case .returnRate: ("退货率", "Return rate")
        case .returned: ("退回", "Returned")
        case .running: ("进行中", "Running")
        case .salesBeforeDiscounts: ("销售额(折前)", "Sales before discounts")
        case .salesChange: ("销售变化", "Sales change")
        case .save: ("保存", "Save")
        case .search: ("搜索", "Search")
        case .sellThrough: ("动销率", "Sell-through")
        case .settleableAt: ("可结算时间", "Settleable at")
        case .status: ("状态", "Status")
        case .stock: ("库存", "Stock")
        case .streetAddress: ("详细地址", "Street address")
        case .subtotal: ("小计", "Subtotal")
        case .to: ("结束日期", "To")
        case .topPartners: ("渠道商排行", "Top partners")
        case .topProducts: ("商品排行", "Top products")
        case .total: ("合计", "Total")
        case .trackingNumber: ("运单号", "Tracking number")
        case .type: ("类型", "Type")
        case .unitPrice: ("单价", "Unit price")
        case .units: ("件数", "Units")
        case .unitsSold: ("销量", "Units")
        case .upload: ("上传", "Upload")
        case .yes: ("是", "yes")
        case .yuan: ("元", "yuan")
        case .yuanSuffix: ("(元)", " (yuan)")
        }
    }
}

extension Language {
    /// A glossary term in this language.
    public func t(_ term: Term) -> String {
        let text = term.text
        return t(text.chinese, text.english)
    }
}

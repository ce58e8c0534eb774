import Foundation
import QudaoCore

/// The interface languages: Chinese by default, English on request.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh-CN"
    case english = "en"

    /// Picks the text in this language. Both texts sit side by side at the call site, so a page
    /// can never be missing a translation.
    public func t(_ chinese: String, _ english: String) -> String {
        self == .chinese ? chinese : english
    }

    /// The language asked for by a `lang` cookie or query value, else by `Accept-Language`, else Chinese.
    public static func negotiate(explicit: String?, acceptLanguage: String?, fallback: Language = .chinese) -> Language {
        if let explicit, let language = Language(rawValue: explicit) { return language }
        if let explicit, explicit.lowercased().hasPrefix("en") { return .english }
        if let explicit, explicit.lowercased().hasPrefix("zh") { return .chinese }
        guard let acceptLanguage else { return fallback }
        for part in acceptLanguage.split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            if tag.hasPrefix("zh") { return .chinese }
            if tag.hasPrefix("en") { return .english }
        }
        return fallback
    }

    /// The message for a field problem, naming the field by its label.
    public func message(for problem: FieldError.Problem) -> String {
        switch problem {
        case .required:
            return t("必填", "is required")
        case .tooLong(let maximum):
            return t("不能超过 \(maximum) 个字符", "must be at most \(maximum) characters")
        case .tooShort(let minimum):
            return t("至少 \(minimum) 个字符", "must be at least \(minimum) characters")
        case .invalidFormat(let expected):
            return t("格式不正确(应为:\(text(expected)))", "has the wrong format (expected \(text(expected)))")
        case .notOneOf(let allowed):
            let list = allowed.count > 8 ? allowed.prefix(8).joined(separator: ", ") + "…" : allowed.joined(separator: ", ")
            return t("不是允许的值(可选:\(list))", "is not one of the allowed values (\(list))")
        case .outOfRange(let minimum, let maximum):
            return t("必须在 \(minimum) 到 \(maximum) 之间", "must be between \(minimum) and \(maximum)")
        case .notWholeFen:
            return t("必须是整数(单位:分),不能有小数", "must be a whole number of fen, without a fraction")
        case .duplicate:
            return t("已存在,不能重复", "is already taken")
        case .notFound:
            return t("不存在", "does not exist")
        case .depthExceeded(let maximumLevels, let resultingLevel):
            return t(
                "层级超限:渠道树最多 \(maximumLevels) 级,此操作会使渠道商位于第 \(resultingLevel) 级",
                "exceeds the tree depth: at most \(maximumLevels) levels are allowed, and this would put a partner at level \(resultingLevel)")
        case .cycle:
            return t(
                "不能移动到自己或自己的下级之下(会形成循环)",
                "cannot be the partner itself or one of its own downline (the tree would contain a cycle)")
        case .notAllowed(let reason):
            // The reason is the whole message: a person reads "上级渠道商已终止合作", never a machine prefix.
            return text(reason)
        case .mismatch:
            return t("不正确", "is incorrect")
        case .amountOutOfRange(let minimumFen, let maximumFen):
            let minimum = Money(fen: minimumFen).formatted
            let maximum = Money(fen: maximumFen).formatted
            return t("金额须在 \(minimum) 到 \(maximum) 之间", "must be an amount between \(minimum) and \(maximum)")
        case .rateOutOfRange(let minimumBasisPoints, let maximumBasisPoints):
            let minimum = Rate(basisPoints: minimumBasisPoints).percentText
            let maximum = Rate(basisPoints: maximumBasisPoints).percentText
            return t("比例须在 \(minimum) 到 \(maximum) 之间", "must be a percentage between \(minimum) and \(maximum)")
        case .fileTooLarge(let maximumBytes):
            let size = Self.fileSizeText(maximumBytes)
            return t("文件不能超过 \(size)", "must be a file of at most \(size)")
        }
    }

    /// A size limit as people read it: 5 MB, 512 KB.
    public static func fileSizeText(_ bytes: Int64) -> String {
        if bytes >= 1_048_576 && bytes % 1_048_576 == 0 { return "\(bytes / 1_048_576) MB" }
        if bytes >= 1_024 && bytes % 1_024 == 0 { return "\(bytes / 1_024) KB" }
        return "\(bytes) B"
    }

    /// The label of an input field, for messages and forms.
    public func fieldLabel(_ field: String) -> String {
        let labels: [String: (String, String)] = [
            "code": ("渠道编码", "Partner code"), "name": ("名称", "Name"), "type": ("类型", "Type"),
            "parentId": ("上级渠道", "Parent"), "province": ("省份", "Province"), "city": ("城市", "City"),
            "address": ("地址", "Address"), "contactName": ("联系人", "Contact name"), "contactPhone": ("联系电话", "Contact phone"),
            "businessLicenceNumber": ("营业执照号", "Business licence number"), "status": ("状态", "Status"),
            "ownerPassword": ("主账号初始密码", "Owner account password"), "reason": ("原因", "Reason"),
            "sku": ("SKU", "SKU"), "categoryId": ("品类", "Category"), "unit": ("单位", "Unit"), "packSize": ("箱规", "Pack size"),
            "listPriceFen": ("零售价", "List price"), "level1PriceFen": ("一级进货价", "Level-1 price"),
            "level2PriceFen": ("二级进货价", "Level-2 price"), "level3PriceFen": ("三级进货价", "Level-3 price"),
            "commissionRate1Bp": ("第一顺位佣金比例", "Rate, 1st in the chain"), "commissionRate2Bp": ("第二顺位佣金比例", "Rate, 2nd in the chain"),
            "commissionRate3Bp": ("第三顺位佣金比例", "Rate, 3rd in the chain"), "description": ("描述", "Description"),
            "sortOrder": ("排序", "Sort order"), "username": ("登录名", "Login name"), "displayName": ("显示名称", "Display name"),
            "kind": ("账号类型", "Account kind"), "hqRole": ("总部角色", "HQ role"), "partnerId": ("所属渠道商", "Partner"),
            "isOwner": ("主账号", "Owner account"), "permissions": ("权限", "Permissions"), "password": ("密码", "Password"),
            "currentPassword": ("当前密码", "Current password"), "newPassword": ("新密码", "New password"),
            "paymentPassword": ("支付密码", "Payment password"), "newPaymentPassword": ("新支付密码", "New payment password"),
            "paymentPasswordConfirmation": ("再次输入支付密码", "Repeat the payment password"),
            "orderPersonalDataDays": ("收货人信息保留天数", "Recipient retention"), "sessionRecordDays": ("登录记录保留天数", "Sign-in record retention"),
            "paymentPasswordAboveFen": ("大额支付密码门槛", "Payment password threshold"),
            "prepaidCreditAboveFen": ("人工入账复核门槛", "Approval threshold for direct credits"), "approval": ("复核申请", "Request"),
            "maxLevels": ("渠道层级上限", "Maximum levels"), "body": ("请求内容", "Request body"),
            "amountFen": ("金额", "Amount"), "bankReference": ("银行流水号", "Bank reference"), "note": ("备注", "Note"),
            "proof": ("转账凭证", "Proof"), "direction": ("方向", "Direction"), "lines": ("商品明细", "Lines"),
            "submissionKey": ("提交", "Submission"),
            "paymentReference": ("支付流水号", "Payment reference"), "carrier": ("承运商", "Carrier"),
            "trackingNumber": ("运单号", "Tracking number"), "proofOfDelivery": ("签收凭证", "Proof of delivery"),
            "referralCode": ("推荐码", "Referral code"), "addressId": ("收货地址", "Address"), "label": ("标签", "Label"),
            "phone": ("电话", "Phone"), "district": ("区县", "District"), "detail": ("详细地址", "Street address"),
            "quantity": ("数量", "Quantity"), "productId": ("商品", "Product"), "now": ("时间", "Time"),
            "maximumTopUpFen": ("单笔充值上限", "Largest top-up"), "discountWindowDays": ("折扣统计天数", "Discount window"),
            "autoReceiveDays": ("自动收货天数", "Auto-receive days"), "returnWindowDays": ("退货期天数", "Return window days"),
            "balance": ("余额", "Balance"), "order": ("订单", "Order"), "returnLines": ("退货明细的订单行", "Return of order line"),
            "rates": ("佣金比例", "Rates"), "rate1Bp": ("第一顺位佣金比例", "Rate, 1st in the chain"), "rate2Bp": ("第二顺位佣金比例", "Rate, 2nd in the chain"),
            "rate3Bp": ("第三顺位佣金比例", "Rate, 3rd in the chain"), "capBp": ("三个顺位比例之和上限", "Cap on the sum of the rates"),
            "bonusTiers": ("月度奖励档位", "Bonus tiers"), "thresholdFen": ("门槛", "threshold"), "rateBp": ("比例", "rate"),
            "settlementDay": ("结算日", "Settlement day"), "minimumPayoutFen": ("最低发放金额", "Minimum payout"),
            "effectiveAt": ("生效时间", "Effective from"), "month": ("月份", "Month"), "format": ("文件格式", "File format"),
            "payoutMethod": ("发放方式", "Payout method"), "bankAccountName": ("开户名", "Account name"), "bankName": ("开户行", "Bank"),
            "bankAccountNumber": ("银行账号", "Account number"), "statement": ("结算单", "Statement"),
            "rows": ("文件", "File row"), "file": ("文件", "File"), "soldOn": ("销售日期", "Date of sale"),
            "countedQuantity": ("盘点数量", "Counted quantity"),
            "warningSellThroughBelowBp": ("预警:动销率低于", "Warning: sell-through below"),
            "warningReturnRateAboveBp": ("预警:退货率高于", "Warning: return rate above"),
            "warningSalesDropBp": ("预警:销量下降达到", "Warning: sales fall by"),
            "warningSalesDropMinimumEarlierFen": ("预警:前30天销售至少", "Warning: earlier 30 days at least"),
            "qualitySellThroughAtLeastBp": ("优质:动销率不低于", "Quality: sell-through at least"),
            "qualityReturnRateAtMostBp": ("优质:退货率不高于", "Quality: return rate at most"),
            "leadTimeDays": ("到货周期(天)", "Lead time (days)"), "reviewPeriodDays": ("补货周期(天)", "Review period (days)"),
            "assignee": ("负责人", "Assignee"), "certificates": ("资质证书", "Certificates"), "certificateType": ("证书类型", "Certificate type"),
            "number": ("证书编号", "Number"), "issuer": ("发证机关", "Issuer"), "validFrom": ("有效期起", "Valid from"), "validTo": ("有效期止", "Valid to"),
            "rating": ("信用等级", "Credit rating"), "discountBp": ("折扣", "Discount"), "startsAt": ("开始时间", "Starts"),
            "endsAt": ("结束时间", "Ends"), "grades": ("目标评级", "Target grades"), "levels": ("目标层级", "Target levels"),
            "provinces": ("目标地区", "Target provinces"), "products": ("活动商品", "Products"), "priceFen": ("活动价", "Promotion price"),
            "resolution": ("处理结果", "Resolution"), "day": ("日期", "Day"),
            "brandName": ("品牌名称", "Brand name"), "companyName": ("公司全称", "Company name"),
            "customerServicePhone": ("客服电话", "Customer-service phone"), "passwordConfirmation": ("确认密码", "Password confirmation"),
            "accountName": ("户名", "Account holder"), "accountNumber": ("账号", "Account number"), "logo": ("品牌标志", "Logo"),
            "image": ("商品图片", "Product image"),
            "disputeLines": ("异议明细", "Disputed lines"), "claimedFen": ("应为金额", "Amount it should be"),
            "entryId": ("对账单明细", "Statement line"), "orderNumber": ("订单号", "Order number"), "comment": ("异议说明", "Comment"),
            "attachment": ("附件", "Attachment"), "decision": ("处理方式", "Decision"), "adjustmentFen": ("调整金额", "Correction"),
            "scopes": ("权限范围", "Scopes"), "expiresOn": ("有效期至", "Last day"), "allowedAddresses": ("允许的来源地址", "Allowed addresses"),
            "requestsPerMinute": ("每分钟请求上限", "Requests a minute"), "graceHours": ("旧密钥保留时长", "Grace period"),
            "units": ("预警线", "Low-stock line"), "lineProductId": ("SKU", "SKU"), "eventTypes": ("推送的事件", "Events"), "url": ("接收地址", "URL"),
            "reply": ("回复", "Reply"), "line": ("异议行", "Disputed line"), "autoConfirmDays": ("自动确认天数", "Days before automatic confirmation"),
            "mapping": ("列对应", "Columns of the statement"), "bankFormat": ("网银导出格式", "Export format"), "bankAccountId": ("账户", "Account"),
            "bookingDate": ("交易日期列", "Booking date column"), "creditColumn": ("贷方列", "Credit column"), "debitColumn": ("借方列", "Debit column"),
            "amountColumn": ("金额列", "Amount column"), "directionColumn": ("借贷标志列", "Direction column"),
            "creditMarkers": ("收入标志", "Values meaning money in"), "counterpartyName": ("对方户名列", "Payer name column"),
            "counterpartyAccount": ("对方账号列", "Payer account column"), "memo": ("摘要列", "Memo columns"),
            "payerName": ("付款户名", "Payer name"), "payerAccount": ("付款账号", "Payer account"),
        ]
        if let label = labels[field] { return t(label.0, label.1) }
        // Fields inside lists (`lines[1].quantity`) are named by position and inner field.
        if let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"), open < close {
            let list = String(field[..<open])
            let position = Int(field[field.index(after: open)..<close]).map { $0 + (list == "lines" || list == "disputeLines" ? 1 : 0) }
            let inner = field[field.index(after: close)...].drop { $0 == "." }
            let innerLabel = inner.isEmpty ? "" : fieldLabel(String(inner))
            return t(
                "\(labels[list]?.0 ?? list) 第 \(position.map(String.init) ?? "?") 行 \(innerLabel)",
                "\(labels[list]?.1 ?? list) \(position.map(String.init) ?? "?") \(innerLabel)")
        }
        return field
    }

    public func partnerType(_ type: PartnerType) -> String {
        switch type {
        case .distributor: t("经销商", "Distributor")
        case .agent: t("代理", "Agent")
        case .store: t("门店", "Store")
        }
    }

    public func partnerStatus(_ status: PartnerStatus) -> String {
        switch status {
        case .pending: t("待审核", "Pending")
        case .active: t("正常", "Active")
        case .suspended: t("已暂停", "Suspended")
        case .terminated: t("已终止", "Terminated")
        }
    }

    public func certificateType(_ type: CertificateType) -> String {
        switch type {
        case .businessLicence: t("营业执照", "Business licence")
        case .foodBusiness: t("食品经营许可证", "Food business licence")
        case .cosmetics: t("化妆品经营备案", "Cosmetics filing")
        case .medicalDevice: t("医疗器械经营备案", "Medical device filing")
        case .brandAuthorisation: t("品牌授权书", "Brand authorisation")
        case .other: t("其他", "Other")
        }
    }

    public func grade(_ grade: Grade) -> String {
        switch grade {
        case .quality: t("优质", "Quality")
        case .potential: t("潜力", "Potential")
        case .warning: t("预警", "Warning")
        }
    }

    public func followUpStatus(_ status: FollowUpStatus) -> String {
        switch status {
        case .open: t("跟进中", "Open")
        case .closed: t("已关闭", "Closed")
        }
    }

    public func partnerStockMovementKind(_ kind: PartnerStockMovementKind) -> String {
        switch kind {
        case .delivery: t("进货签收", "Delivery")
        case .return: t("退回总部", "Returned to HQ")
        case .sellOut: t("销售上报", "Sell-out")
        case .count: t("盘点调整", "Stock count")
        }
    }

    public func sellOutSource(_ source: SellOutSource) -> String {
        switch source {
        case .manual: t("手工", "By hand")
        case .file: t(.file)
        case .api: t("接口", "API")
        }
    }

    public func notificationPriority(_ priority: NotificationPriority) -> String {
        switch priority {
        case .urgent: t("紧急", "Urgent")
        case .normal: t("普通", "Normal")
        }
    }

    public func notificationKind(_ kind: NotificationKind) -> String {
        switch kind {
        case .commissionCredited: t("佣金到账", "Commission paid")
        case .topUpConfirmed: t("充值到账", "Top-up confirmed")
        case .topUpRejected: t("充值未通过", "Top-up rejected")
        case .gradeWarning: t("分级预警", "Grade warning")
        case .followUpTask: t("跟进任务", "Follow-up task")
        case .certificateExpiring: t("资质即将到期", "Certificate expiring")
        case .certificateExpired: t("资质已过期", "Certificate expired")
        case .backOrderFilled: t("缺货订单已配货", "Back-order filled")
        case .promotion: t("促销活动", "Promotion")
        case .approval: t("双人复核", "Second approval")
        case .partnerStatement: t("对账单", "Statements")
        case .statementDispute: t("对账异议", "Statement disputes")
        case .system: t("系统通知", "System notice")
        }
    }

    public func level(_ level: Int) -> String {
        switch level {
        case 1: t("一级", "Level 1")
        case 2: t("二级", "Level 2")
        default: t("三级", "Level 3")
        }
    }

    public func hqRole(_ role: HQRole) -> String {
        switch role {
        case .admin: t("管理员", "Admin")
        case .finance: t("财务", "Finance")
        case .operations: t("运营", "Operations")
        case .viewer: t("只读", "Viewer")
        }
    }

    public func permission(_ permission: PartnerPermission) -> String {
        switch permission {
        case .ordering: t("订货", "Ordering")
        case .financeView: t("查看财务", "Finance view")
        case .teamManagement: t("团队管理", "Team management")
        }
    }

    public func accountStatus(_ status: AccountStatus) -> String {
        switch status {
        case .active: t("启用", "Active")
        case .disabled: t("停用", "Disabled")
        }
    }

    public func orderStatus(_ status: OrderStatus) -> String {
        switch status {
        case .pendingPayment: t("待付款", "Pending payment")
        case .paid: t("已付款", "Paid")
        case .shipped: t("已发货", "Shipped")
        case .delivered: t("已签收", "Delivered")
        case .received: t("已收货", "Received")
        case .completed: t(.completed)
        case .cancelled: t("已取消", "Cancelled")
        }
    }

    public func orderKind(_ kind: OrderKind) -> String {
        switch kind {
        case .purchase: t("进货单", "Purchase order")
        case .referral: t("分销订单", "Referral order")
        }
    }

    public func returnStatus(_ status: ReturnStatus) -> String {
        switch status {
        case .requested: t("待审核", "Requested")
        case .approved: t("已同意", "Approved")
        case .rejected: t("已拒绝", "Rejected")
        case .received: t("已收到退货", "Goods received")
        case .refunded: t("已退款", "Refunded")
        }
    }

    public func topUpStatus(_ status: TopUpRecord.Status) -> String {
        switch status {
        case .pending: t("待确认", "Pending")
        case .confirmed: t("已到账", "Confirmed")
        case .rejected: t("已驳回", "Rejected")
        }
    }

    /// A commission beneficiary's place in an order's chain, in words that cannot be read as a
    /// partner level (a 二级代理 can be first in the chain of its store's order): 第一顺位 is the
    /// partner the order is attributed to (referral) or the buyer's parent (purchase), and so on up.
    public func chainPosition(_ position: Int) -> String {
        switch position {
        case 1: t("第一顺位", "1st in the chain")
        case 2: t("第二顺位", "2nd in the chain")
        case 3: t("第三顺位", "3rd in the chain")
        default: t("第 \(position) 顺位", "position \(position) in the chain")
        }
    }

    public func postingKind(_ kind: PostingKind) -> String {
        switch kind {
        case .topUp: t("充值", "Top-up")
        case .topUpBonus: t("充值返利", "Top-up rebate")
        case .purchasePayment: t("进货扣款", "Purchase payment")
        case .referralPayment: t("分销订单付款", "Referral payment")
        case .refund: t("退款", "Refund")
        case .manualCredit: t("人工入账", "Manual credit")
        case .manualDebit: t("人工扣款", "Manual debit")
        case .commissionStatement: t("佣金结算", "Commission statement")
        case .commissionPayout: t("佣金发放", "Commission payout")
        case .statementCorrection: t("对账差异调整", "Statement correction")
        }
    }

    public func commissionState(_ state: CommissionState) -> String {
        switch state {
        case .frozen: t("冻结中", "Frozen")
        case .settleable: t("可结算", "Settleable")
        case .settled: t("已结算", "Settled")
        case .reversed: t("已冲销", "Reversed")
        }
    }

    public func commissionKind(_ kind: CommissionKind) -> String {
        switch kind {
        case .commission: t(.commission)
        case .adjustment: t("退货调整", "Return adjustment")
        case .bonus: t("月度奖励", "Monthly bonus")
        }
    }

    public func statementStatus(_ status: StatementRecord.Status) -> String {
        switch status {
        case .paid: t("已发放", "Paid")
        case .pendingPayout: t("待打款", "Awaiting payout")
        case .payoutFailed: t("打款失败", "Payout failed")
        }
    }

    /// Where a request for a second approver is.
    public func approvalStatus(_ status: ApprovalRequest.Status) -> String {
        switch status {
        case .pending: t("待复核", "Awaiting approval")
        case .approved: t("已批准", "Approved")
        case .rejected: t("已驳回", "Rejected")
        case .withdrawn: t("已撤回", "Withdrawn")
        }
    }

    /// What a request for a second approver asks for.
    public func approvalAction(_ action: ApprovalAction) -> String {
        switch action {
        case .commissionRule: t("发布佣金规则", "Publish a commission rule")
        case .payoutAccount: t("修改收款账户", "Change a payout account")
        case .prepaidCredit: t("预存款人工入账", "Credit a prepaid balance")
        }
    }

    public func payoutMethod(_ method: PayoutMethod) -> String {
        switch method {
        case .prepaid: t("转入预存款", "To prepaid balance")
        case .bank: t("银行转账", "Bank transfer")
        }
    }

    public func voucherEvent(_ event: String) -> String {
        switch event {
        case "create": t("创建订单", "Order created")
        case "pay": t("付款", "Paid")
        case "ship": t("发货", "Shipped")
        case "deliver": t("签收", "Delivered")
        case "receive": t("确认收货", "Receipt confirmed")
        case "complete": t("订单完成", "Completed")
        case "cancel": t("取消订单", "Cancelled")
        case "allocate": t("缺货订单已配货", "Back-order filled")
        case "return.requested": t("申请退货", "Return requested")
        case "return.booked": t("总部登记售后退货", "Return booked by HQ after completion")
        case "return.approved": t("同意退货", "Return approved")
        case "return.rejected": t("拒绝退货", "Return rejected")
        case "return.goods_received": t("收到退货", "Returned goods received")
        case "return.refunded": t("退款完成", "Return refunded")
        default: event
        }
    }
}

import Foundation
import QudaoCore

extension Language {
    /// The sentence for a rule's reason, in this language. One exhaustive switch: a new reason
    /// does not compile until it has its text in both languages. Amounts are in yuan and rates in
    /// percent, the units people type. It is one long table on purpose: one place per reason.
    public func text(_ reason: Reason) -> String {
        switch reason {
        case .changedMeanwhile(let record):
            return t("\(changedRecord(record))已被他人修改,请刷新后重试", "the \(record.rawValue) was changed by someone else; reload and try again")
        case .accountChangedMeanwhile:
            return t("账号已被他人修改,请刷新后重试", "the account changed meanwhile")
        case .productChangedDuringImport(let sku):
            return t("商品 \(sku) 已被他人修改,请重新导入", "the product \(sku) was changed by someone else; import again")
        case .commissionRecordsChanged(let partnerId):
            return t("渠道商 \(partnerId) 的佣金记录在结算中发生变化,请重新结算", "commission records of \(partnerId) changed during settlement")
        case .parentTerminated: return t("上级渠道商已终止合作", "the parent partner is terminated")
        case .newParentTerminated: return t("新的上级渠道商已终止合作", "the new parent partner is terminated")
        case .partnerStatusChange(let from, let to):
            return t(
                "「\(partnerStatus(from))」的渠道商不能变更为「\(partnerStatus(to))」",
                "a \(from.rawValue) partner cannot become \(to.rawValue)")
        case .partnersBelowLevel(let level):
            return t("已有渠道商位于第 \(level) 级,请先上移后再降低层级上限", "partners already sit at level \(level); move them up before lowering the limit")
        case .noFreePartnerCode: return t("未能生成可用的渠道编码,请手动填写", "could not find a free partner code; enter one")
        case .onlyOwnerGrantsTeamManagement: return t("只有主账号可以授予团队管理权限", "only the owner account can grant team management")
        case .partnerHasOwner: return t("该渠道商已有主账号", "the partner already has an owner account")
        case .cannotChangeOwnAccount: return t("不能停用自己的账号或修改自己的角色", "you cannot disable your own account or change your own role")
        case .accountNameTaken(let name): return t("登录账号 \(name) 已存在", "an account named \(name) already exists")
        case .passwordsDiffer: return t("两次输入的密码不一致", "the two passwords differ")
        case .onlyActivePartnersOrder: return t("只有正常合作状态的渠道商可以下单", "only active partners can place orders")
        case .certificateExpired(let number, let validTo):
            return t(
                "必备资质证书 \(number) 已于 \(validTo) 过期,请联系总部登记更新后的证书再下单",
                "the required certificate \(number) expired on \(validTo); HQ must record the renewed one before you order")
        case .certificateEndsBeforeStart: return t("有效期止不能早于有效期起", "the certificate ends before it starts")
        case .tooManyReceivingAccounts(let maximum):
            return t("最多登记 \(maximum) 个收款账户", "at most \(maximum) receiving accounts can be listed")
        case .packMultiple(let packSize): return t("须按箱规 \(packSize) 的整数倍订货", "order in multiples of the pack size \(packSize)")
        case .purchaseAboveList: return t("进货价不能高于零售价", "a purchase price above the list price")
        case .overrideRatesIncomplete:
            return t("三个佣金比例需同时填写,或都不填(使用规则比例)", "give all three override rates, or none to use the rule's rates")
        case .stockBelowReserved(let reserved, let onHand):
            return t(
                "库存不能低于已付款订单占用的 \(reserved) 件(当前在库 \(onHand) 件)",
                "stock would fall below the \(reserved) units reserved for paid orders (on hand \(onHand))")
        case .notEnoughStock(let sku, let name, let available, let requested):
            return t(
                "\(sku) \(name) 库存不足:可用 \(available) 件,需要 \(requested) 件",
                "not enough stock of \(sku) \(name): \(available) available, \(requested) requested")
        case .orderTransition(let status, let event):
            return t(
                "订单当前为「\(orderStatus(status))」,不能\(orderEventVerb(event))",
                "an order that is \(status.rawValue) cannot be \(Self.pastTense(event))")
        case .orderNotPayable(let status):
            return t("订单当前为「\(orderStatus(status))」,不能付款", "an order that is \(status.rawValue) cannot be paid")
        case .backOrderWaiting:
            return t("缺货订单正在等待库存,配货后才能发货", "the order is a back-order waiting for stock; it ships once its stock is allocated")
        case .purchaseOrdersPrepaid: return t("进货单在提交时已用预存款支付", "purchase orders are paid from prepaid when they are placed")
        case .balanceShort(let available, let required):
            return t(
                "预存款余额 \(available.formatted) 不足以支付 \(required.formatted)",
                "the balance \(available.formatted) does not cover \(required.formatted)")
        case .returnBeforeDelivery(let status):
            return t(
                "订单签收后才能申请退货(当前为「\(orderStatus(status))」)",
                "returns are possible once the order is delivered; it is \(status.rawValue)")
        case .returnWindowClosed:
            return t("退货期已过,仅总部可登记售后退货", "the return window has closed; only HQ can book a return after completion")
        case .returnTransition(let from, let to):
            return t(
                "退货单当前为「\(returnStatus(from))」,不能变为「\(returnStatus(to))」",
                "the return is \(from.rawValue); it cannot become \(to.rawValue)")
        case .topUpNotPending(let status):
            return t("该充值申请已处理(\(topUpStatus(status))),不能重复处理", "the top-up is \(status.rawValue), not pending")
        case .tierThresholdsNotIncreasing: return t("档位门槛必须逐级递增", "tier thresholds must strictly increase")
        case .ratesAboveCap(let capBasisPoints):
            let cap = Rate(basisPoints: capBasisPoints).percentText
            return t("三个顺位的佣金比例之和超过上限 \(cap)", "the three rates add up to more than the cap of \(cap)")
        case .ruleInPast: return t("规则生效时间不能早于现在", "a rule cannot take effect in the past")
        case .ruleOverlaps(let version, let effectiveAt):
            return t(
                "与已排定于 \(BusinessTime.displayText(effectiveAt)) 生效的第 \(version) 版规则重叠,请选择更晚的生效时间",
                "overlaps version \(version), which takes effect at \(BusinessTime.isoText(effectiveAt)); choose a later time")
        case .monthNotBegun: return t("该月份尚未开始", "the month has not begun")
        case .monthNotEnded: return t("月份结束后才能结算", "a month can be settled once it has ended")
        case .monthSettled(let month): return t("\(month) 已结算完毕,不会重复结算", "the month is already settled: \(month)")
        case .settlementRunInProgress:
            return t("另一个结算正在进行,请稍后再试", "a settlement run is in progress; try again when it has finished")
        case .payoutNotOpen: return t("该笔付款已处理", "the payout is not open")
        case .statementStatus(let current, let expected):
            return t(
                "结算单当前为「\(statementStatus(current))」,此操作需要「\(statementStatus(expected))」",
                "the statement is \(current.rawValue), not \(expected.rawValue)")
        case .statementNotAwaitingPayout(let number):
            return t("结算单 \(number) 不在待银行打款状态,本批未做任何更改", "statement \(number) is not awaiting a bank payout")
        case .gradingRunInProgress: return t("另一个评级正在进行,请稍后再试", "another grading run is in progress")
        case .qualitySellThroughBelowWarning: return t("优质动销率不能低于预警动销率", "the quality sell-through is below the warning one")
        case .qualityReturnRateAboveWarning: return t("优质退货率不能高于预警退货率", "the quality return rate is above the warning one")
        case .assigneeNotActive: return t("只能分配给在职的总部管理员或运营账号", "assign to an active HQ admin or operations account")
        case .taskClosed: return t("任务已关闭", "the task is closed")
        case .saleInFuture: return t("销售日期不能晚于今天", "a sale cannot be in the future")
        case .saleTooOld: return t("不能上报一年以前的销售", "sales over a year old cannot be reported")
        case .onHandShortage(let sku, let onHand, let sold):
            if let sold {
                return t("\(sku) 在手库存仅 \(onHand) 件,上报销售 \(sold) 件", "only \(onHand) of \(sku) on hand, \(sold) reported sold")
            }
            return t("\(sku) 在手库存仅 \(onHand) 件", "only \(onHand) of \(sku) on hand")
        case .nothingToReplenish: return t("今天没有需要补货的商品", "nothing needs replenishing today")
        case .passwordTooManyBytes(let maximumBytes):
            return t(
                "不能超过 \(maximumBytes) 个字节(一个汉字占 3 个字节,约 \(maximumBytes / 3) 个汉字)",
                "must be at most \(maximumBytes) bytes (a Chinese character takes 3)")
        case .passwordTooCommon:
            return t("过于常见或有规律,容易被猜中,请换一个", "is too common or too simple a pattern to resist guessing; choose another")
        case .passwordContainsLoginName:
            return t("不能包含登录名或姓名", "must not contain the login name or the person's name")
        case .paymentPasswordTooSimple:
            return t("过于简单(重复、连续或常见的数字),请换一个", "is too simple (a repeated, consecutive or common number); choose another")
        case .paymentPasswordNotSet:
            return t(
                "尚未设置支付密码:请主账号在“账户安全”中设置后再操作", "no payment password is set: the owner sets one under Security first")
        case .monthNotSettledYet(let month):
            return t("\(month) 尚未结算,结算完成后才能出具对账单", "\(month) is not settled yet; statements are issued once it is")
        case .partnerStatementNotAwaitingConfirmation(let status):
            return t(
                "该对账单\(partnerStatementStatus(status)),不能再确认或提出异议",
                "the statement is \(partnerStatementStatus(status).lowercased()) and can no longer be confirmed or disputed")
        case .disputeClaimUnchanged:
            return t("应为金额与对账单上的金额相同,没有差异", "the amount it should be is the amount on the statement: there is no difference")
        case .disputeLineAnswered(let line):
            return t("异议第 \(line) 行已处理", "line \(line) of the dispute has been answered already")
        case .correctionIsZero:
            return t("接受异议需要一笔不为零的调整金额", "accepting needs a correction that is not zero")
        case .bankColumnsMissing(let columns):
            let list = columns.map { "“\($0)”" }.joined(separator: "、")
            return t(
                "文件中找不到列 \(list):请确认是该账户的流水文件;如果银行改了列名,请重新设置列对应",
                "the file has no column \(columns.map { "\"\($0)\"" }.joined(separator: ", ")): check it is this account's statement, or set the columns again if the bank renamed them"
            )
        case .bankLineBothSides:
            return t("同一行既有借方又有贷方金额", "the row has both a debit and a credit amount")
        case .bankLineNotOpen:
            return t("该流水已处理(已入账、已忽略或为支出)", "the line is decided already (credited, ignored or a payment out)")
        case .bankLineWithoutMatch:
            return t(
                "该流水没有可接受的匹配(金额不符或未匹配):请核对后手工确认充值,或忽略该流水",
                "the line has no match to accept (the amount differs, or nothing matched): confirm the top-up by hand after checking, or ignore the line"
            )
        case .bankLineTopUpTaken(let number):
            return t("充值申请 \(number) 已不是待确认状态", "top-up \(number) is no longer pending")
        case .approvalAlreadyPending(let number):
            return t("已有同类申请 \(number) 等待复核,请先处理或撤回", "request \(number) of the same kind already waits for approval; decide or withdraw it first")
        case .approvalNotPending(let status):
            return t("该申请\(approvalStatus(status)),不能再处理", "the request is already \(approvalStatus(status).lowercased())")
        case .approverIsRequester:
            return t("申请人不能复核自己的申请,请由另一位总部财务或管理员处理", "the account that asked cannot decide its own request; another HQ finance or admin account must")
        case .onlyRequesterWithdraws:
            return t("只有申请人可以撤回", "only the account that asked may withdraw it")
        case .erasureNeedsTerminatedPartner(let code):
            return t(
                "该号码是渠道商 \(code) 的联系人,合作仍在进行;终止合作后才能删除", "is the contact of \(code), still in business; terminate it first")
        case .erasureNeedsFinishedOrder(let number):
            return t(
                "订单 \(number) 尚未完成或取消,发货与售后还需要收货信息", "order \(number) is not completed or cancelled and still needs its recipient")
        case .tooManyWrongPasswords(let until):
            return t(
                "错误次数过多,已临时锁定,请于 \(BusinessTime.displayText(until)) 后再试",
                "was wrong too many times and is locked; try again after \(BusinessTime.displayText(until))")
        case .formAlreadySubmitted:
            return t(
                "这张表单已经提交过另一张订单;请核对下面的新订单,再次提交即可下单",
                "this form already placed a different order; check the new order below and submit again to place it")
        case .promotionEndsBeforeStart: return t("结束时间不能早于开始时间", "the promotion ends before it starts")
        case .promotionAlreadyOver: return t("结束时间已过", "the promotion would already be over")
        case .promotionCancelled: return t("活动已取消", "the promotion is already cancelled")
        case .testClockBackwards(let now):
            return t(
                "测试时钟不能回拨(当前为 \(BusinessTime.displayText(now)))",
                "the test clock never goes backwards (it reads \(BusinessTime.isoText(now)))")
        case .tooManyAPIKeys(let maximum):
            return t("最多同时启用 \(maximum) 个接口密钥,请先停用不用的密钥", "at most \(maximum) API keys can be active at once; revoke one first")
        case .scopeNotForPartners(let scope):
            return t("渠道商的密钥不能拥有 \(scope) 权限", "a partner's key cannot hold the \(scope) scope")
        case .apiKeyRevoked: return t("该密钥已停用", "the key has been revoked")
        case .tooManyWebhooks(let maximum): return t("最多 \(maximum) 个事件推送地址", "at most \(maximum) webhook endpoints")
        case .webhookInternalAddress:
            return t("不能推送到本机或内网地址", "cannot be an address on this machine or a private network")
        case .webhookDeliveryInProgress: return t("该推送正在等待或发送中,稍后再试", "the delivery is waiting or being sent; try again later")
        case .notInFuture: return t("不能晚于今天", "must not be in the future")
        case .notBeforeFirstDay: return t("不能早于开始日期", "must not be before the first day")
        case .rangeTooLong(let maximumDays):
            return t("此粒度最多显示 \(maximumDays) 天,请缩短时间范围或改用更粗的粒度", "cannot show more than \(maximumDays) days at this grain")
        case .exportTooLong(let lines, let maximum):
            return t(
                "共 \(lines) 行,超过单次导出上限 \(maximum) 行,请缩短日期范围",
                "\(lines) lines, more than the \(maximum) an export holds; narrow the dates")
        case .exportTooManyRows(let rows, let maximum):
            return t(
                "共 \(rows) 行,超过单次导出上限 \(maximum) 行,请缩小筛选范围",
                "\(rows) rows, more than the \(maximum) an export holds; narrow the filter")
        case .fileLargerThan(let maximumBytes):
            let size = Self.fileSizeText(maximumBytes)
            return t("文件超过大小上限 \(size)", "the file is larger than \(size)")
        case .fileNotText:
            return t("文件既不是 UTF-8 也不是 GBK 编码(请另存为 CSV UTF-8)", "the file is neither UTF-8 nor GBK text (save the CSV as UTF-8)")
        case .unterminatedQuote(let line): return t("第 \(line) 行开始的引号没有闭合", "a quoted field starting on line \(line) never ends")
        case .fileTooManyRows(let maximum): return t("文件行数超过上限 \(maximum) 行", "the file has more than \(maximum) rows")
        case .rowTooManyColumns(let maximum): return t("某行的列数超过上限 \(maximum) 列", "a row has more than \(maximum) columns")
        case .notAWorkbook(let detail): return t("文件不是有效的 .xlsx 工作簿(\(detail))", "the file is not an .xlsx workbook (\(detail))")
        case .workbookWithoutSheet: return t("工作簿中没有工作表", "the workbook has no sheet")
        case .workbookWithMacros:
            return t("工作簿包含宏,请另存为普通的 .xlsx 工作簿", "the workbook contains macros; save it as a plain .xlsx workbook")
        case .workbookUnsafeEntry(let path):
            return t("工作簿中有指向压缩包外的条目(\(path)),已拒绝", "the workbook holds an entry outside the archive (\(path))")
        case .workbookExpandsTooMuch(let path):
            return t(
                "工作簿解压后远超其大小(\(path)),疑似压缩炸弹,已拒绝",
                "the workbook expands far beyond its size (\(path)); it is refused as a possible zip bomb")
        case .formulaNotValue: return t("不能是公式,请粘贴为数值或文本", "a formula is not a value")
        case .importAlreadyCommitted: return t("该导入已确认过", "the import was committed already")
        case .duplicateCodeInFile(let row): return t("渠道编码与第 \(row) 行重复", "the code is also on row \(row)")
        case .duplicateSKUInFile(let row): return t("商品编码与第 \(row) 行重复", "the SKU is also on row \(row)")
        case .importParentLater: return t("上级渠道在文件后面的行中才创建,请把上级放在前面", "the parent is created by a later row; put parents first")
        case .importParentDiffers:
            return t("上级与该渠道商现有的上级不同,请在其详情页调整", "the parent differs from the partner's; move it on its page")
        case .importStatusDiffers:
            return t("状态与该渠道商现有的状态不同,请在其详情页变更", "the status differs from the partner's; change it on its page")
        }
    }

    private func changedRecord(_ record: Reason.ChangedRecord) -> String {
        switch record {
        case .partner: t("渠道商资料", "partner")
        case .account: t("账号", "account")
        case .product: t("商品", "product")
        case .order: t("订单", "order")
        case .return: t("退货单", "return")
        case .certificate: t("证书", "certificate")
        case .task: t("任务", "task")
        case .webhook: t("推送设置", "webhook")
        }
    }

    /// What an order event does, as the end of "不能…".
    private func orderEventVerb(_ event: OrderEvent) -> String {
        switch event {
        case .create: "创建"
        case .pay: "付款"
        case .ship: "发货"
        case .deliver: "签收"
        case .receive: "确认收货"
        case .complete: "完成"
        case .cancel: "取消"
        }
    }

    /// An order event in the past tense, for the English sentence.
    static func pastTense(_ event: OrderEvent) -> String {
        switch event {
        case .create: "created"
        case .pay: "paid"
        case .ship: "shipped"
        case .deliver: "delivered"
        case .receive: "received"
        case .complete: "completed"
        case .cancel: "cancelled"
        }
    }

    /// What a field's value should look like, in this language.
    public func text(_ expectation: FormatExpectation) -> String {
        switch expectation {
        case .partnerCode: t("3–32 位大写字母、数字或连字符,如 GD-SZ-001", "3–32 capital letters, digits or hyphens, e.g. GD-SZ-001")
        case .loginName: t("3–64 位小写字母、数字、点、连字符或下划线", "3–64 lower-case letters, digits, dots, hyphens or underscores")
        case .productCode: t("2–40 位字母、数字、连字符、下划线或点", "2–40 letters, digits, hyphens, underscores or dots")
        case .phone: t("大陆手机号或带区号的固定电话,如 13812345678 或 0755-86001234", "a phone number such as 13812345678 or 0755-86001234")
        case .servicePhone: t("客服电话,如 400-810-8888 或 020-87654321", "a service number such as 400-810-8888 or 020-87654321")
        case .creditCode: t("18 位统一社会信用代码", "a unified social credit code of 18 letters and digits")
        case .bankAccountNumber: t("8–30 位数字", "8–30 digits")
        case .payoutAccountNumber: t("8–34 位数字", "8–34 digits")
        case .yuanAmount: t("以元为单位的金额,最多两位小数,如 149.99", "an amount in yuan with at most two decimals, e.g. 149.99")
        case .percentage: t("百分比,最多两位小数,如 5 或 2.5", "a percentage with at most two decimals, e.g. 5 or 2.5")
        case .wholeBasisPoints: t("整数基点(1% = 100)", "a whole number of basis points")
        case .wholeNumber: t("整数", "a whole number")
        case .wholeUnits: t("整数件数", "a whole number of units")
        case .date: t("日期,如 2026-11-20", "a date such as 2026-11-20")
        case .month: t("年月,格式 yyyy-MM,如 2026-10", "a month as yyyy-MM, e.g. 2026-10")
        case .isoTime: t("ISO 8601 时间,如 2026-11-15T02:00:00+08:00", "an ISO 8601 time such as 2026-11-15T02:00:00+08:00")
        case .localTime: t("时间,如 2026-12-01 00:00", "2026-12-01T00:00:00+08:00 or 2026-12-01 00:00")
        case .plainText: t("不含控制字符的文本", "text without control characters")
        case .webhookURL: t("以 http:// 或 https:// 开头的网址", "a URL starting with http:// or https://")
        case .httpsURL: t("以 https:// 开头的网址", "a URL starting with https://")
        case .networkAddress:
            t("IPv4 或 IPv6 地址,可带前缀长度,如 203.0.113.0/24", "an IPv4 or IPv6 address, with an optional prefix length such as 203.0.113.0/24")
        case .base64: t("base64 编码", "base64")
        case .proofFile: t("JPEG、PNG 或 PDF 文件", "a JPEG, PNG or PDF file")
        case .image: t("JPEG 或 PNG 图片", "a JPEG or PNG image")
        case .spreadsheet: t("xlsx 或 csv 文件", "xlsx or csv")
        case .paymentPassword: t("6 位数字", "six digits")
        case .sellOutHeader: t("含商品编码、数量和日期列的表头", "a header row with SKU, quantity and date columns")
        }
    }
}

import Foundation
import QudaoApp
import QudaoCore

/// The audit log read as sentences in the interface language ("罗杰 登录", "王总 导出 渠道销售报表"),
/// with what changed as a readable before → after list; the stored JSON stays one click away.
enum AuditWording {
    /// What each recorded action says, as a verb phrase (Chinese, English).
    static let verbs: [String: (String, String)] = [
        "auth.sign_in": ("登录", "signed in"), "auth.sign_in_failed": ("登录失败", "failed to sign in"), "auth.sign_out": ("退出登录", "signed out"),
        "auth.token_issued": ("获取接口令牌", "obtained an API token"),
        "account.create": ("新建账号", "created the account"), "account.update": ("修改账号", "changed the account"),
        "account.change_password": ("修改了自己的密码", "changed their own password"), "account.reset_password": ("重设密码", "reset the password of"),
        "account.revoke_sessions": ("注销全部会话", "signed out every session of"),
        "address.create": ("新建收货地址", "added the address"), "address.update": ("修改收货地址", "changed the address"),
        "address.delete": ("删除收货地址", "deleted the address"), "address.reveal": ("查看完整电话", "revealed the phone of the address"),
        "category.create": ("新建品类", "created the category"), "category.update": ("修改品类", "changed the category"),
        "certificate.add": ("登记资质证书", "recorded a certificate of"), "certificate.update": ("更新资质证书", "updated a certificate of"),
        "certificate.remove": ("移除资质证书", "removed a certificate of"),
        "commission.rule_published": ("发布佣金规则", "published the commission rule"),
        "company.update": ("修改公司资料", "changed the company profile"), "company.bank_account_add": ("添加收款账户", "added the receiving account"),
        "company.bank_account_remove": ("移除收款账户", "removed the receiving account"),
        "follow_up.open": ("新建跟进任务", "opened a follow-up of"), "follow_up.assign": ("指派跟进任务", "assigned the follow-up"),
        "follow_up.comment": ("跟进留言", "commented on the follow-up"), "follow_up.close": ("关闭跟进任务", "closed the follow-up"),
        "grading.run": ("运行渠道分级", "ran the grading"), "import.commit": ("导入文件", "imported the file"),
        "order.place": ("下单", "placed the order"), "order.confirm_payment": ("确认付款", "confirmed the payment of"),
        "order.cancel": ("取消订单", "cancelled the order"), "order.ship": ("发货", "shipped the order"), "order.deliver": ("确认签收", "marked delivered"),
        "order.receive": ("确认收货", "confirmed receipt of"), "order.reveal_ship_to": ("查看完整收货电话", "revealed the recipient's phone of"),
        "order_draft.from_replenishment": ("按补货建议生成草稿", "drafted an order from the suggestions of"),
        "partner.create": ("新建渠道商", "created the partner"), "partner.update": ("修改渠道商资料", "changed the partner"),
        "partner.import_update": ("导入更新渠道商", "updated the partner by import"), "partner.move": ("调整上级", "moved the partner"),
        "partner.status": ("变更渠道商状态", "changed the status of"), "partner.credit_rating": ("设定信用等级", "rated the credit of"),
        "partner.reveal_contact_phone": ("查看完整联系电话", "revealed the contact phone of"), "partner.max_levels": ("修改渠道层级上限", "changed the tree depth"),
        "partner_stock.count": ("登记库存盘点", "recorded a stock count of"), "sell_out.report": ("上报销售", "reported sales of"),
        "payout.export": ("导出打款文件", "exported the payout file"), "payout.paid": ("标记已打款", "marked paid"),
        "payout.failed": ("标记打款失败", "marked the payout failed of"), "payout.retry": ("重新打款", "retried the payout of"),
        "payout.settings": ("修改收款方式", "changed the payout method of"), "prepaid.adjust": ("调整预存款", "adjusted the prepaid balance of"),
        "product.create": ("新建商品", "created the product"), "product.update": ("修改商品", "changed the product"),
        "product.import_create": ("导入新建商品", "created the product by import"), "product.import_update": ("导入更新商品", "updated the product by import"),
        "product.on_shelf": ("上架", "put on shelf"), "product.off_shelf": ("下架", "took off shelf"),
        "product.image_set": ("上传商品图片", "uploaded the image of"), "product.image_remove": ("移除商品图片", "removed the image of"),
        "promotion.create": ("新建促销", "created the promotion"), "promotion.cancel": ("取消促销", "cancelled the promotion"),
        "report.export": ("导出", "exported"),
        "return.request": ("申请退货", "requested a return of"), "return.requested": ("申请退货", "requested a return of"),
        "return.book_after_completion": ("登记售后退货", "booked a return after completion of"), "return.booked": ("登记退货", "booked the return"),
        "return.approved": ("批准退货", "approved the return"), "return.rejected": ("驳回退货", "rejected the return"),
        "return.goods_received": ("确认退货入库", "received the returned goods of"), "return.refunded": ("退货退款", "refunded the return"),
        "settings.prepaid_rules": ("修改预存款规则", "changed the prepaid rules"), "settings.channel_policy": ("修改渠道策略", "changed the channel policy"),
        "settings.max_levels": ("修改渠道层级上限", "changed the tree depth"), "channel.policy": ("修改渠道策略", "changed the channel policy"),
        "prepaid.rules": ("修改预存款规则", "changed the prepaid rules"),
        "settlement.run_started": ("开始月度结算", "started the settlement of"), "settlement.run_completed": ("完成月度结算", "completed the settlement of"),
        "settlement.statement": ("生成结算单", "made the statement"), "setup.complete": ("完成首次设置", "completed the first-run setup"),
        "stock.receive": ("登记入库", "received stock of"), "stock.adjust": ("调整库存", "corrected the stock of"),
        "topup.request": ("申请充值", "requested the top-up"), "topup.confirm": ("确认充值到账", "confirmed the top-up"),
        "topup.reject": ("驳回充值", "rejected the top-up"),
        "demo.channel_loaded": ("载入演示渠道数据", "loaded the demo channel"), "demo.money_path_loaded": ("载入演示订单数据", "loaded the demo orders"),
    ]

    /// "罗杰 登录", "王总 修改渠道商资料 S-GZ001 天河城美妆生活馆", "总部财务 导出 渠道销售报表".
    static func sentence(_ language: Language, _ entry: AuditEntry, names: [String: String]) -> String {
        let actor: String
        switch entry.username {
        case "system": actor = language.t("系统", "The platform")
        case "scheduler": actor = language.t("定时任务", "The scheduler")
        default: actor = entry.accountId.flatMap { names[$0] } ?? entry.username
        }
        let verb = verbs[entry.action].map { language.t($0.0, $0.1) } ?? entry.action
        let subject = self.subject(language, entry, names: names)
        return ([actor, verb] + (subject.isEmpty ? [] : [subject])).joined(separator: " ")
    }

    /// What the action was done to, as people know it; empty where the verb says it all.
    static func subject(_ language: Language, _ entry: AuditEntry, names: [String: String]) -> String {
        if entry.action.hasPrefix("auth.") || entry.action == "account.change_password" || entry.action == "setup.complete" { return "" }
        if entry.entityType == "report" {
            if entry.entityId == "dashboard" { return language.t("渠道数据看板", "the channel dashboard") }
            return ReportKind(rawValue: entry.entityId).map { language.report($0) } ?? entry.entityId
        }
        if entry.entityType == "setting" {
            let settings: [String: (String, String)] = [
                "company.profile": ("", ""), "prepaid.rules": ("", ""), "partner.max_levels": ("", ""), "channel.policy": ("", ""),
            ]
            if settings[entry.entityId] != nil { return "" }
        }
        return names[entry.entityId] ?? entry.entityId
    }

    /// What changed, field by field: before → after for an edit, the values for a creation.
    static func changes(_ page: PageContext, _ entry: AuditEntry) -> HTML {
        let before = object(entry.beforeJSON)
        let after = object(entry.afterJSON)
        let keys = Set(before.keys).union(after.keys).sorted()
        let rows = keys.compactMap { key -> HTML? in
            let old = before[key].map { value(page, key, $0) }
            let new = after[key].map { value(page, key, $0) }
            guard old != new else { return nil }
            let label = page.language.fieldLabel(key)
            switch (old, new) {
            case (nil, let new?): return "<li><span class=\"muted\">\(label)</span> \(new)</li>"
            case (let old?, nil): return "<li><span class=\"muted\">\(label)</span> <s>\(old)</s></li>"
            case (let old?, let new?): return "<li><span class=\"muted\">\(label)</span> \(old) → <strong>\(new)</strong></li>"
            default: return nil
            }
        }
        guard !rows.isEmpty else { return .empty }
        return "<ul class=\"diff\">\(HTML.join(rows, separator: ""))</ul>"
    }

    static func object(_ json: String?) -> [String: Any] {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object
    }

    /// A stored value as people read it: fen as yuan, basis points as a percentage, yes/no.
    static func value(_ page: PageContext, _ key: String, _ value: Any) -> String {
        if value is NSNull { return "—" }
        if let number = value as? NSNumber {
            // JSON's true and false come back as a boolean NSNumber, whose type code is "c".
            if String(cString: number.objCType) == "c" { return number.boolValue ? page.t(.yes) : page.t(.no) }
            if key.hasSuffix("Fen") || key == "amount" { return Money(fen: number.int64Value).formatted }
            if key.hasSuffix("Bp") { return Rate(basisPoints: number.int64Value).shortPercentText }
            return number.stringValue
        }
        if let text = value as? String { return text }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) { return String(decoding: data, as: UTF8.self) }
        return "\(value)"
    }
}

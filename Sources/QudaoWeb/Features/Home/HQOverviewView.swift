import Foundation
import QudaoApp
import QudaoCore

/// HQ's overview page: the go-live checklist until the company is live, then what needs doing
/// now (each tile opens its filtered list), then the channel at a glance.
enum HQOverviewView {
    static func page(_ page: PageContext, _ overview: HQOverview) -> HTML {
        let work = overview.work
        let queue: [(Int64, String, String, String)] = [
            (work.pendingTopUps, "pending-top-ups", page.t("待确认充值", "Top-ups to confirm"), "/hq/top-ups?status=pending"),
            (work.requestedReturns, "requested-returns", page.t("待审批退货", "Returns to approve"), "/hq/returns?status=requested"),
            (work.receivedReturns, "received-returns", page.t("已收货待退款", "Returns to refund"), "/hq/returns?status=received"),
            (work.pendingPayouts, "pending-payouts", page.t("待银行打款", "Payouts waiting"), "/hq/payouts"),
            (work.failedPayouts, "failed-payouts", page.t("打款失败", "Failed payouts"), "/hq/payouts#failed"),
            (work.backOrders, "back-orders", page.t("缺货待配货", "Back-orders"), "/hq/orders?waiting=1"),
            (work.newWarnings, "new-warnings", page.t("近7天新增预警", "New warnings (7 days)"), "/hq/partners?grade=warning&sort=sales_change"),
            (work.openFollowUps, "open-follow-ups", page.t("待跟进任务", "Open follow-ups"), "/hq/follow-ups?status=open"),
            (work.expiringCertificates, "expiring-certificates", page.t("资质30天内到期", "Certificates expiring"), "/hq/certificates"),
            (work.pendingPartners, "pending-partners", page.t("待审核渠道商", "Partners to approve"), "/hq/partners?status=pending"),
            (work.pendingApprovals, "pending-approvals", page.t("待双人复核", "Awaiting a second approver"), "/hq/approvals"),
            (work.disputedStatements, "disputed-statements", page.t("对账单异议待处理", "Disputed statements"), "/hq/reconciliation?status=disputed"),
            (work.bankLinesToDecide, "bank-lines-to-decide", page.t("银行流水待确认匹配", "Bank lines to accept"), "/hq/bank"),
        ]
        let tiles = queue.html { count, id, label, link in
            """
            <a class="stat task\(count > 0 ? " due" : "")" id="\(id)" href="\(link)"><div class="value">\(count)</div><div class="label">\(label)</div></a>
            """
        }
        let waiting = queue.map(\.0).reduce(0, +)
        let partners = overview.partnersByStatus
        let total = partners.values.reduce(0, +)
        func stat(_ value: Int64, _ label: String, _ link: String) -> HTML {
            "<a class=\"stat\" href=\"\(link)\"><div class=\"value\">\(value)</div><div class=\"label\">\(label)</div></a>"
        }
        let body: HTML = """
            \(page.queryValue("notice") == "welcome" ? HTML("<div class=\"notice\" role=\"status\">\(page.t("设置完成,欢迎使用 \(page.company.brandName) 渠道管理平台。按下面的步骤上线。", "Setup is done. Welcome to \(page.company.brandName)'s channel platform; go live with the steps below."))</div>") : .empty)
            <h1>\(page.t("总部概览", "HQ overview"))</h1>
            \(overview.isLive ? .empty : checklist(page, overview))
            <h2>\(page.t("待办", "To do now")) <span class="muted small">\(waiting == 0 ? page.t("暂无待办", "nothing waiting") : page.t("共 \(waiting) 项", "\(waiting) in all"))</span></h2>
            <div class="grid" id="work-queue">\(tiles)</div>
            <h2>\(page.t("渠道概况", "The channel"))</h2>
            <div class="grid" id="overview">
              \(stat(total, page.t("渠道商总数", "Partners"), "/hq/partners"))
              \(stat(partners[.active] ?? 0, page.t("正常合作", "Active"), "/hq/partners?status=active"))
              \(stat(partners[.suspended] ?? 0, page.t("已暂停", "Suspended"), "/hq/partners?status=suspended"))
              \(stat(overview.grades[.quality] ?? 0, page.t("优质渠道", "Quality"), "/hq/partners?grade=quality"))
              \(stat(overview.grades[.potential] ?? 0, page.t("潜力渠道", "Potential"), "/hq/partners?grade=potential"))
              \(stat(overview.grades[.warning] ?? 0, page.t("预警渠道", "On warning"), "/hq/partners?grade=warning&sort=sales_change"))
              \(stat(work.products, page.t("商品", "Products"), "/hq/products"))
            </div>
            """
        return Layout.page(page, title: page.t("总部概览", "HQ overview"), body: body)
    }

    /// The steps from a fresh installation to the first order, each linking to where it is done.
    static func checklist(_ page: PageContext, _ overview: HQOverview) -> HTML {
        let items = overview.goLiveSteps.html { step, done in
            let (label, hint, link): (String, String, String)
            switch step {
            case .bankAccount:
                (label, hint, link) = (
                    page.t("填写总部收款账户", "Enter HQ's receiving account"), page.t("渠道商充值时转账到这里", "Partners transfer top-ups to it"),
                    "/hq/settings/company"
                )
            case .products:
                (label, hint, link) = (
                    page.t("建立品类和商品", "Create categories and products"), page.t("可逐个添加,也可用 Excel 模板批量导入", "One by one, or from the Excel template"),
                    "/hq/products"
                )
            case .stock:
                (label, hint, link) = (page.t("登记仓库库存", "Record warehouse stock"), page.t("有库存的商品才能发货", "Orders ship from it"), "/hq/stock")
            case .partner:
                (label, hint, link) = (
                    page.t("添加第一个渠道商", "Add the first partner"), page.t("一级经销商直属总部", "Level-1 distributors sit under HQ"), "/hq/partners/new"
                )
            case .ownerAccount:
                (label, hint, link) = (
                    page.t("为渠道商开通主账号", "Open the partner's owner account"), page.t("账号类型选“渠道商”,勾选“主账号”", "Kind: partner, with “owner” ticked"),
                    "/hq/accounts/new"
                )
            case .firstOrder:
                (label, hint, link) = (
                    page.t("第一笔订货", "The first order"),
                    page.t("渠道商充值、总部确认后即可在手机上订货", "Once its top-up is confirmed the partner orders from its phone"),
                    "/hq/top-ups?status=pending"
                )
            }
            return """
                <li class="\(done ? "done" : "open-step")" data-step="\(step.rawValue)"><span class="check">\(done ? "✓" : "")</span>
                <a href="\(link)">\(label)</a> <span class="muted">\(hint)</span></li>
                """
        }
        let done = overview.goLiveSteps.filter(\.done).count
        return """
            <div class="card" id="go-live-checklist"><h2>\(page.t("上线清单", "Going live")) <span class="muted small">\(done)/\(overview.goLiveSteps.count)</span></h2>
            <ol class="checklist">\(items)</ol></div>
            """
    }

    /// HQ's list of certificates that expire within 30 days or have expired.
    static func certificatesPage(_ page: PageContext, _ list: Page<ExpiringCertificate>, today: String) -> HTML {
        let rows = list.items.html { item in
            let certificate = item.certificate
            let expired = certificate.validTo < today
            return """
                <tr><td data-label="\(page.t("渠道商", "Partner"))"><a href="/hq/partners/\(certificate.partnerId)">\(item.partnerCode) \(item.partnerName)</a></td>
                <td data-label="\(page.t("证书", "Certificate"))">\(page.language.certificateType(certificate.type))\(certificate.required ? HTML(" <span class=\"badge warning\">\(page.t("必备", "required"))</span>") : .empty)</td>
                <td class="mono" data-label="\(page.t("证书编号", "Number"))">\(certificate.number)</td>
                <td data-label="\(page.t("有效期至", "Valid to"))"><span class="\(expired ? "badge terminated" : "badge pending")">\(certificate.validTo)\(expired ? page.t(" 已过期", " expired") : "")</span></td>
                <td><a href="/hq/certificates/\(certificate.id)/edit">\(page.t("登记新证", "Record the renewal"))</a></td></tr>
                """
        }
        let table: HTML =
            list.items.isEmpty
            ? "<p class=\"empty\">\(page.t("30 天内没有到期的资质证书。", "No certificate expires in the next 30 days."))</p>"
            : """
            <div class="table-wrap"><table class="responsive" id="expiring-certificates"><thead><tr><th>\(page.t("渠道商", "Partner"))</th><th>\(page.t("证书", "Certificate"))</th>
            <th>\(page.t("证书编号", "Number"))</th><th>\(page.t("有效期至", "Valid to"))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(Layout.pager(page, list, baseQuery: [:]))
            """
        let body: HTML = """
            <h1>\(page.t("资质证书到期", "Expiring certificates"))</h1>
            <p class="muted">\(page.t("30 天内到期或已过期的资质证书;过期的必备证书会影响订货。", "Certificates that expire within 30 days or have expired; an expired required one can stop ordering."))</p>
            \(table)
            """
        return Layout.page(page, title: page.t("资质证书到期", "Expiring certificates"), body: body)
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// Bank statement import at HQ (财务 → 银行流水): the bank accounts and their column mappings, the
/// upload, and each import's result by bucket, where finance accepts, rejects or ignores lines.
struct BankReconciliationPages {
    let services: WebServices

    /// The largest upload form: a statement file and the fields.
    static let maximumFormBytes = TableLimits.maximumFileBytes + 65_536

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/bank", use: showBank)
        router.post("/hq/bank/accounts", use: submitAccount)
        router.get("/hq/bank/accounts/{id}/mapping", use: showMapping)
        router.post("/hq/bank/accounts/{id}/mapping", use: submitMapping)
        router.post("/hq/bank/accounts/{id}/mapping/sample", use: submitMappingSample)
        router.post("/hq/bank/imports", use: submitImport)
        router.get("/hq/bank/imports/{id}", use: showImport)
        router.post("/hq/bank/imports/{id}/accept-exact", use: submitAcceptAll)
        router.post("/hq/bank/imports/{id}/rematch", use: submitRematch)
        router.post("/hq/bank/lines/{id}/{action}", use: submitLine)
    }

    // MARK: - Accounts and upload

    @Sendable func showBank(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(try await bankPage(PageContext(request, context), caller: caller, request: request, form: nil, errors: []))
    }

    func bankPage(_ page: PageContext, caller: Caller, request: Request, form: FormData?, errors: [FieldError]) async throws -> HTML {
        let accounts = try await services.bank.bankAccounts(caller)
        let imports = try await services.bank.imports(
            caller, bankAccountId: nil, page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let names = Dictionary(accounts.map { ($0.id, $0.name) }) { first, _ in first }
        let accountRows = accounts.html { account in
            """
            <tr data-bank-account="\(account.id)"><td data-label="\(page.t("账户", "Account"))">\(account.name)</td>
            <td data-label="\(page.t("格式", "Format"))">\(Self.formatName(page, account.format))</td>
            <td class="mono" data-label="\(page.t("账号", "Number"))">\(account.maskedAccountNumber)</td>
            <td data-label="\(page.t("列对应", "Columns"))">\(account.effectiveMapping == nil ? HTML("<span class=\"badge\">\(page.t("待设置", "To set"))</span>") : HTML("\(page.t("已设置", "Set"))")) <a href="/hq/bank/accounts/\(account.id)/mapping">\(page.t("设置列对应", "Columns"))</a></td></tr>
            """
        }
        let importRows = imports.items.html { record in
            """
            <tr data-import="\(record.number)"><td class="mono" data-label="\(page.t(.documentNumber))"><a href="/hq/bank/imports/\(record.id)">\(record.number)</a></td>
            <td data-label="\(page.t("账户", "Account"))">\(names[record.bankAccountId] ?? "")</td>
            <td data-label="\(page.t(.file))">\(record.fileName)</td>
            <td data-label="\(page.t("导入时间", "Imported"))">\(BusinessTime.displayText(record.importedAt))</td>
            <td class="number" data-label="\(page.t("流水", "Lines"))">\(record.lineCount)</td>
            <td class="number" data-label="\(page.t("新增", "New"))">\(record.newCount)</td>
            <td class="number" data-label="\(page.t("重复跳过", "Duplicates"))">\(record.duplicateCount)</td></tr>
            """
        }
        let manage = caller.principal.can(.manageFinance)
        let accountOptions = accounts.map { ($0.id, "\($0.name) \($0.maskedAccountNumber)") }
        let uploadForm: HTML =
            manage && !accounts.isEmpty
            ? """
            <form method="post" action="/hq/bank/imports" enctype="multipart/form-data" class="card" id="bank-import-form" data-progress="\(page.t("正在上传并匹配…", "Uploading and matching…"))">\(page.csrfField)
              <h2>\(page.t("导入银行流水", "Import a bank statement"))</h2>
              \(Field.select(page, name: "bankAccountId", label: page.t("账户", "Account"), options: accountOptions, selected: form?["bankAccountId"], errors: errors))
              <div class="field\(errors.contains { $0.field == "file" } ? " invalid" : "")"><label for="file">\(page.t("流水文件(网银导出的 .xlsx 或 .csv,UTF-8 或 GBK,≤20MB,≤10 万行)", "Statement file (.xlsx or .csv from online banking, UTF-8 or GBK, up to 20 MB and 100,000 lines)"))</label>
                <input type="file" id="file" name="file" accept=".csv,.xlsx" required></div>
              <button type="submit" id="bank-import-submit">\(page.t("上传并匹配", "Upload and match"))</button></form>
            """ : .empty
        let accountForm: HTML =
            manage
            ? """
            <form method="post" action="/hq/bank/accounts" class="card" id="bank-account-form">\(page.csrfField)
              <h2>\(page.t("添加银行账户", "Add a bank account"))</h2>
              \(Field.text(page, name: "name", label: page.t("账户名称", "Name"), value: form?["name"], errors: errors, attributes: " placeholder=\"\(page.t("招商银行 基本户", "CMB main account"))\""))
              \(Field.select(page, name: "bankFormat", label: page.t("网银导出格式", "Export format"), options: BankFormat.allCases.map { ($0.rawValue, Self.formatName(page, $0)) }, selected: form?["bankFormat"], errors: errors))
              \(Field.text(page, name: "accountNumber", label: page.t("账号", "Account number"), value: form?["accountNumber"], errors: errors, attributes: " inputmode=\"numeric\" autocomplete=\"off\""))
              <button type="submit">\(page.t("添加", "Add"))</button></form>
            """ : .empty
        // A file of another layout: the way on is to map the account's columns.
        let columnsMissing = errors.contains { error in
            if error.field == "mapping" { return true }
            if case .notAllowed(reason: .bankColumnsMissing) = error.problem { return true }
            return false
        }
        let remap: HTML =
            columnsMissing && manage
            ? form?["bankAccountId"].map {
                "<p id=\"remap\"><a class=\"button secondary\" href=\"/hq/bank/accounts/\($0)/mapping\">\(page.t("重新设置该账户的列对应", "Set this account's columns again"))</a></p>"
            } ?? .empty : .empty
        let body: HTML = """
            <h1>\(page.t("银行流水", "Bank statements"))</h1>
            \(Layout.errorSummary(page, errors))
            \(remap)
            <p class="muted">\(page.t("上传网银导出的流水,系统按充值申请的银行流水号、金额和付款人自动匹配;确认后入账,与手工确认相同。同一文件或重叠的文件重复导入不会重复入账。", "Upload the statement exported from online banking: lines are matched to top-up requests by bank reference, amount and payer; accepting credits them as a manual confirmation does. The same or an overlapping file imported again credits nothing twice."))</p>
            <div class="grid">\(uploadForm)\(accountForm)</div>
            <h2>\(page.t("银行账户", "Bank accounts"))</h2>
            <div class="table-wrap"><table class="responsive" id="bank-accounts"><thead><tr><th>\(page.t("账户", "Account"))</th><th>\(page.t("格式", "Format"))</th><th>\(page.t("账号", "Number"))</th><th>\(page.t("列对应", "Columns"))</th></tr></thead><tbody>\(accountRows)</tbody></table></div>
            \(accounts.isEmpty ? HTML("<p class=\"muted\">\(page.t("还没有银行账户:先添加收款账户。", "No bank account yet: add the receiving account first."))</p>") : .empty)
            <h2>\(page.t("导入记录", "Imports"))</h2>
            <div class="table-wrap"><table class="responsive" id="bank-imports"><thead><tr><th>\(page.t(.documentNumber))</th><th>\(page.t("账户", "Account"))</th><th>\(page.t(.file))</th><th>\(page.t("导入时间", "Imported"))</th><th class="number">\(page.t("流水", "Lines"))</th><th class="number">\(page.t("新增", "New"))</th><th class="number">\(page.t("重复跳过", "Duplicates"))</th></tr></thead><tbody>\(importRows)</tbody></table></div>
            \(Layout.pager(page, imports, baseQuery: [:]))
            """
        return Layout.page(page, title: page.t("银行流水", "Bank statements"), body: body)
    }

    static func formatName(_ page: PageContext, _ format: BankFormat) -> String {
        switch format {
        case .icbc: page.t("工商银行 企业网银", "ICBC corporate banking")
        case .ccb: page.t("建设银行 企业网银", "CCB corporate banking")
        case .cmb: page.t("招商银行 企业银行", "CMB corporate banking")
        case .custom: page.t("其他(自行设置列对应)", "Other (set the columns)")
        }
    }

    @Sendable func submitAccount(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            let account = try await services.bank.createBankAccount(
                caller, name: form["name"], format: form["bankFormat"], accountNumber: form["accountNumber"])
            if account.effectiveMapping == nil { return Response.redirect(to: "/hq/bank/accounts/\(account.id)/mapping", type: .found) }
            return Response.redirect(to: "/hq/bank", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await bankPage(PageContext(request, context), caller: caller, request: request, form: form, errors: failure.errors),
                status: .unprocessableContent)
        }
    }

    @Sendable func submitImport(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: Self.maximumFormBytes)
        let accountId = form["bankAccountId"] ?? ""
        do {
            let record = try await services.bank.importStatement(caller, bankAccountId: accountId, file: form.files["file"])
            return Response.redirect(to: "/hq/bank/imports/\(record.id)", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await bankPage(PageContext(request, context), caller: caller, request: request, form: form, errors: failure.errors),
                status: .unprocessableContent)
        } catch AppError.notFound {
            return HTMLResponse.page(
                try await bankPage(
                    PageContext(request, context), caller: caller, request: request, form: form,
                    errors: [FieldError(field: "bankAccountId", problem: .notFound)]),
                status: .unprocessableContent)
        }
    }

    // MARK: - Mapping

    @Sendable func showMapping(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let account = try await services.bank.bankAccount(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(mappingPage(PageContext(request, context), account, form: nil, errors: []))
    }

    /// A sample file's headers become the choices of the mapping form, each field pre-chosen by its usual name.
    @Sendable func submitMappingSample(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: Self.maximumFormBytes)
        let id = try context.parameters.require("id")
        let account = try await services.bank.bankAccount(caller, id: id)
        do {
            let guess = try await services.bank.sampleHeaders(caller, bankAccountId: id, file: form.files["file"])
            return HTMLResponse.page(mappingPage(PageContext(request, context), account, form: nil, errors: [], guess: guess))
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                mappingPage(PageContext(request, context), account, form: nil, errors: failure.errors), status: .unprocessableContent)
        }
    }

    @Sendable func submitMapping(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let oneColumn = form["amountKind"] != "creditDebit"
        do {
            _ = try await services.bank.setMapping(
                caller, bankAccountId: id,
                BankMappingInput(
                    bookingDate: form["bookingDate"], creditColumn: oneColumn ? nil : form["creditColumn"],
                    debitColumn: oneColumn ? nil : form["debitColumn"], amountColumn: oneColumn ? form["amountColumn"] : nil,
                    directionColumn: oneColumn && form["amountKind"] == "withDirection" ? form["directionColumn"] : nil,
                    creditMarkers: form["creditMarkers"], counterpartyName: form["counterpartyName"],
                    counterpartyAccount: form["counterpartyAccount"], memo: form["memo"]))
            return Response.redirect(to: "/hq/bank?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            let account = try await services.bank.bankAccount(caller, id: id)
            return HTMLResponse.page(
                mappingPage(PageContext(request, context), account, form: form, errors: failure.errors), status: .unprocessableContent)
        }
    }

    func mappingPage(_ page: PageContext, _ account: BankAccountRecord, form: FormData?, errors: [FieldError], guess: BankHeaderGuess? = nil) -> HTML
    {
        let mapping = account.effectiveMapping
        var credit = ""
        var debit = ""
        var amount = ""
        var direction = ""
        var markers = "贷"
        var kind = "creditDebit"
        switch mapping?.amount {
        case .creditDebit(let c, let d)?: (credit, debit) = (c, d)
        case .signed(let a)?: (amount, kind) = (a, "signed")
        case .withDirection(let a, let d, let m)?: (amount, direction, markers, kind) = (a, d, m.joined(separator: ","), "withDirection")
        case nil: break
        }
        if let guess {
            // A sample file's guesses replace what was there: the file is what the bank writes now.
            credit = guess.creditColumn ?? ""
            debit = guess.debitColumn ?? ""
            amount = guess.amountColumn ?? ""
            direction = guess.directionColumn ?? ""
            kind = guess.creditColumn != nil ? "creditDebit" : guess.directionColumn != nil ? "withDirection" : "signed"
        }
        func value(_ name: String, _ current: String?) -> String { form?[name] ?? current ?? "" }
        let selectedKind = form?["amountKind"] ?? kind
        /// A column: a choice among the sample's headers when there is one, else typed.
        func column(_ name: String, _ label: String, _ current: String?, required: Bool = false) -> HTML {
            guard let headers = guess?.headers else {
                return Field.text(page, name: name, label: label, value: value(name, current), errors: errors, required: required)
            }
            return Field.select(
                page, name: name, label: label, options: headers.map { ($0, $0) }, selected: value(name, current), errors: errors,
                includeBlank: page.t("(无)", "(none)"))
        }
        let body: HTML = """
            <h1>\(page.t("设置列对应", "Columns of the statement")):\(account.name)</h1>
            \(Layout.errorSummary(page, errors))
            <p class="muted">\(page.t("先上传一份该账户的网银导出文件,从文件的列中选择;或直接填写表头中的列名(空格和全角括号不影响)。设置后该账户以后的文件直接导入。", "Upload one of the account's exports first and choose among its columns, or type the header's names (spaces and full-width brackets do not matter). The account's later files are read with them."))</p>
            <form method="post" action="/hq/bank/accounts/\(account.id)/mapping/sample" enctype="multipart/form-data" class="card toolbar" id="mapping-sample-form">\(page.csrfField)
              <div class="field"><label for="sample-file">\(page.t("样例文件(.xlsx 或 .csv)", "Sample file (.xlsx or .csv)"))</label><input type="file" id="sample-file" name="file" accept=".csv,.xlsx" required></div>
              <button type="submit" class="secondary" id="read-sample">\(page.t("读取列名", "Read its columns"))</button></form>
            <form method="post" action="/hq/bank/accounts/\(account.id)/mapping" class="card" id="mapping-form">\(page.csrfField)
              \(column("bookingDate", page.t("交易日期列", "Booking date column"), guess?.bookingDate ?? mapping?.bookingDate, required: true))
              \(Field.select(page, name: "amountKind", label: page.t("金额的写法", "How amounts are written"), options: [("creditDebit", page.t("借方、贷方两列", "A debit and a credit column")), ("signed", page.t("一列,收入为正、支出为负", "One column, money in positive")), ("withDirection", page.t("一列金额加借贷标志列", "One column and a direction column"))], selected: selectedKind, errors: errors))
              \(column("creditColumn", page.t("贷方(收入)列", "Credit (money in) column"), credit))
              \(column("debitColumn", page.t("借方(支出)列", "Debit (money out) column"), debit))
              \(column("amountColumn", page.t("金额列", "Amount column"), amount))
              \(column("directionColumn", page.t("借贷标志列", "Direction column"), direction))
              \(Field.text(page, name: "creditMarkers", label: page.t("表示收入的标志(逗号分隔)", "Values meaning money in (comma separated)"), value: value("creditMarkers", markers), errors: errors))
              \(column("counterpartyName", page.t("对方户名列", "Payer name column"), guess?.counterpartyName ?? mapping?.counterpartyName, required: true))
              \(column("counterpartyAccount", page.t("对方账号列", "Payer account column"), guess?.counterpartyAccount ?? mapping?.counterpartyAccount))
              \(Field.text(page, name: "memo", label: page.t("摘要/用途/附言列(逗号分隔)", "Memo columns (comma separated)"), value: value("memo", (guess.map { $0.memo } ?? mapping?.memo)?.joined(separator: ",")), errors: errors, hint: guess.map { page.t("文件中的列:", "The file's columns: ") + $0.headers.joined(separator: "、") }, required: true))
              <p class="hint">\(page.t("金额列名带“(万元)”时按万元读取。", "A column named with “(万元)” is read in ten-thousands of yuan."))</p>
              <button type="submit">\(page.t(.save))</button> <a href="/hq/bank">\(page.t(.cancel))</a></form>
            """
        return Layout.page(page, title: page.t("设置列对应", "Columns"), body: body)
    }

    // MARK: - Result

    /// The buckets of a result page, in the order finance works through them.
    enum Bucket: String, CaseIterable {
        case exact, suggested, mismatch, unmatched, matched, ignored, debit, duplicates, pending
    }

    @Sendable func showImport(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(
            try await importPage(
                PageContext(request, context), caller: caller, id: try context.parameters.require("id"), query: ImportQuery(request), errors: [],
                notice: request.query("notice")))
    }

    /// What the result page shows: the bucket, the page of it, and the outcome of an "accept all".
    struct ImportQuery {
        var bucket: String?
        var pageNumber: Int?
        var pageSize: Int?
        var accepted: String?
        var skipped: String?
        var rematched: String?

        init(bucket: String?) { self.bucket = bucket }

        init(_ request: Request) {
            bucket = request.query("bucket")
            pageNumber = request.queryInteger("page")
            pageSize = request.queryInteger("size")
            accepted = request.query("accepted")
            skipped = request.query("skipped")
            rematched = request.query("rematched")
        }
    }

    func importPage(_ page: PageContext, caller: Caller, id: String, query: ImportQuery, errors: [FieldError], notice: String?) async throws -> HTML {
        let summary = try await services.bank.importSummary(caller, id: id)
        let record = summary.record
        let bucket = query.bucket.flatMap(Bucket.init(rawValue:)) ?? ((summary.counts[.exact] ?? 0) > 0 ? .exact : .unmatched)
        let pageRequest = PageRequest(pageNumber: query.pageNumber, pageSize: query.pageSize)
        let manage = caller.principal.can(.manageFinance)
        func count(_ bucket: Bucket) -> Int64 {
            switch bucket {
            case .duplicates: Int64(record.duplicateCount)
            case .pending: -1
            default: BankLineStatus(rawValue: bucket.rawValue).map { summary.counts[$0] ?? 0 } ?? 0
            }
        }
        let tabs = Bucket.allCases.html { item in
            let number = count(item)
            return """
                <a class="tab\(item == bucket ? " active" : "")" id="bucket-\(item.rawValue)" href="/hq/bank/imports/\(id)?bucket=\(item.rawValue)"\(item == bucket ? HTML(" aria-current=\"page\"") : .empty)>\(Self.bucketName(page, item))\(number >= 0 ? HTML(" <span class=\"count\">\(number)</span>") : .empty)</a>
                """
        }
        let content: HTML
        switch bucket {
        case .duplicates:
            let rows = record.duplicateRows.map(String.init).joined(separator: "、")
            content =
                record.duplicateCount == 0
                ? "<p class=\"muted\">\(page.t("没有重复的流水。", "No line was imported before."))</p>"
                : "<p id=\"duplicate-rows\">\(page.t("以下文件行已在以前导入,本次跳过,未重复入账:", "These rows of the file were imported before and are skipped; nothing is credited twice:")) \(rows)\(record.duplicateCount > record.duplicateRows.count ? "…" : "")</p>"
        case .pending:
            let list = try await services.bank.pendingWithoutLine(caller, page: pageRequest)
            let rows = list.items.html { topUp in
                """
                <tr data-top-up="\(topUp.number)"><td class="mono" data-label="\(page.t(.documentNumber))">\(topUp.number)</td>
                <td class="mono" data-label="\(page.t(.bankReference))">\(topUp.bankReference)</td>
                <td class="number" data-label="\(page.t(.amount))">\(topUp.amount.formatted)</td>
                <td data-label="\(page.t(.requested))">\(BusinessTime.displayText(topUp.requestedAt))</td></tr>
                """
            }
            content = """
                <p class="muted">\(page.t("以下待确认的充值申请在所有已导入的流水中都没有匹配。", "No imported line matches these pending top-ups."))</p>
                <div class="table-wrap"><table class="responsive" id="pending-top-ups"><thead><tr><th>\(page.t(.documentNumber))</th><th>\(page.t(.bankReference))</th><th class="number">\(page.t(.amount))</th><th>\(page.t(.requested))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                \(Layout.pager(page, list, baseQuery: ["bucket": bucket.rawValue]))
                """
        default:
            let status = BankLineStatus(rawValue: bucket.rawValue)
            let list = try await services.bank.lines(caller, importId: id, status: status, page: pageRequest)
            let rows = list.items.html { line in lineRow(page, line, importId: id, bucket: bucket, manage: manage) }
            let acceptAll: HTML =
                bucket == .exact && manage && count(.exact) > 0
                ? """
                <form method="post" action="/hq/bank/imports/\(id)/accept-exact" class="toolbar" id="accept-all-form">\(page.csrfField)
                  <button type="submit" id="accept-all">\(page.t("全部接受精确匹配(\(count(.exact)) 笔)", "Accept every exact match (\(count(.exact)))"))</button></form>
                """ : .empty
            let rematch: HTML =
                bucket == .unmatched && manage && count(.unmatched) > 0
                ? """
                <form method="post" action="/hq/bank/imports/\(id)/rematch" class="toolbar" id="rematch-form">\(page.csrfField)
                  <button type="submit" class="secondary" id="rematch">\(page.t("按最新的充值申请重新匹配", "Match again against the top-ups pending now"))</button></form>
                """ : .empty
            content = """
                \(acceptAll)\(rematch)
                <div class="table-wrap"><table class="responsive" id="bank-lines"><thead><tr><th>\(page.t("行", "Row"))</th><th>\(page.t("日期", "Date"))</th><th class="number">\(page.t(.amount))</th><th>\(page.t("付款人", "Payer"))</th><th>\(page.t("摘要", "Memo"))</th><th>\(page.t("充值申请", "Top-up"))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
                \(list.items.isEmpty ? HTML("<p class=\"muted\">\(page.t("这一类没有流水。", "No line here."))</p>") : .empty)
                \(Layout.pager(page, list, baseQuery: ["bucket": bucket.rawValue]))
                """
        }
        let rematched: HTML =
            query.rematched.map {
                "<div class=\"notice\" role=\"status\" id=\"rematched-notice\">\(page.t("重新匹配到 \($0) 笔。", "\($0) lines matched now."))</div>"
            } ?? .empty
        let accepted: HTML =
            query.accepted.map {
                "<div class=\"notice\" role=\"status\" id=\"accepted-notice\">\(page.t("已确认入账 \($0) 笔充值。", "\($0) top-ups credited."))\(query.skipped.flatMap { Int($0) }.map { $0 > 0 ? page.t("另有 \($0) 笔的充值已被处理,未入账。", " \($0) more had been decided meanwhile and were not credited.") : "" } ?? "")</div>"
            } ?? .empty
        let body: HTML = """
            \(accepted)\(rematched)
            \(Layout.notice(page, notice))
            \(Layout.errorSummary(page, errors))
            <h1>\(page.t("流水匹配结果", "Matching result")) <span class="mono">\(record.number)</span></h1>
            <div class="card" id="import-summary"><dl class="profile">
              <dt>\(page.t("账户", "Account"))</dt><dd>\(summary.account.name) \(summary.account.maskedAccountNumber)</dd>
              <dt>\(page.t(.file))</dt><dd>\(record.fileName)</dd>
              <dt>\(page.t("流水", "Lines"))</dt><dd>\(page.t("共 \(record.lineCount) 笔,新增 \(record.newCount) 笔,重复跳过 \(record.duplicateCount) 笔,空行及合计行 \(record.skippedCount) 行", "\(record.lineCount) lines: \(record.newCount) new, \(record.duplicateCount) imported before, \(record.skippedCount) blank or totals rows"))</dd>
              <dt>\(page.t("文件校验码(SHA-256)", "File hash (SHA-256)"))</dt><dd class="mono hash">\(record.fileSHA256)</dd></dl></div>
            <nav class="tabs" id="bucket-tabs">\(tabs)</nav>
            \(content)
            <p><a href="/hq/bank">\(page.t("返回银行流水", "Back to bank statements"))</a></p>
            """
        return Layout.page(page, title: page.t("流水匹配结果", "Matching result"), body: body)
    }

    static func bucketName(_ page: PageContext, _ bucket: Bucket) -> String {
        switch bucket {
        case .exact: page.t("精确匹配", "Exact")
        case .suggested: page.t("建议匹配", "Suggested")
        case .mismatch: page.t("金额不符", "Amount differs")
        case .unmatched: page.t("未匹配", "Unmatched")
        case .matched: page.t("已入账", "Credited")
        case .ignored: page.t("已忽略", "Ignored")
        case .debit: page.t("支出", "Payments out")
        case .duplicates: page.t("重复跳过", "Duplicates")
        case .pending: page.t("无流水的充值申请", "Top-ups without a line")
        }
    }

    func lineRow(_ page: PageContext, _ line: BankStatementLineRecord, importId: String, bucket: Bucket, manage: Bool) -> HTML {
        let base = "/hq/bank/lines/\(line.id)"
        let hidden: HTML =
            "\(page.csrfField)<input type=\"hidden\" name=\"importId\" value=\"\(importId)\"><input type=\"hidden\" name=\"bucket\" value=\"\(bucket.rawValue)\">"
        var actions: [HTML] = []
        if manage {
            if line.status == .exact || line.status == .suggested {
                actions.append(
                    "<form method=\"post\" action=\"\(base)/accept\" class=\"inline\">\(hidden)<button type=\"submit\" class=\"accept-line\">\(page.t("接受", "Accept"))</button></form>"
                )
            }
            if line.status == .suggested {
                actions.append(
                    "<form method=\"post\" action=\"\(base)/reject\" class=\"inline\">\(hidden)<button type=\"submit\" class=\"secondary reject-line\">\(page.t("不是这笔", "Not this one"))</button></form>"
                )
            }
            if line.status.isOpen {
                actions.append(
                    """
                    <form method="post" action="\(base)/ignore" class="inline ignore-form">\(hidden)<input type="text" name="reason" placeholder="\(page.t("忽略原因", "Reason"))" maxlength="200" aria-label="\(page.t("忽略原因", "Reason"))"><button type="submit" class="secondary">\(page.t("忽略", "Ignore"))</button></form>
                    """)
            }
        }
        let topUp: HTML =
            line.topUpNumber.map { number in
                let differs = line.topUpAmount.map { $0 != line.amount } ?? false
                return
                    "<span class=\"mono\">\(number)</span> \(line.partnerCode ?? "")\(differs ? HTML(" <span class=\"badge\">\(page.t("申请金额", "requested")) \(line.topUpAmount?.formatted ?? "")</span>") : .empty)"
            } ?? (line.ignoreReason.map { "\(page.t("忽略:", "Ignored: "))\($0)" } ?? "—")
        return """
            <tr data-row="\(line.rowNumber)" data-status="\(line.status.rawValue)"><td data-label="\(page.t("行", "Row"))">\(line.rowNumber)</td>
            <td data-label="\(page.t("日期", "Date"))">\(line.bookedOn)</td>
            <td class="number" data-label="\(page.t(.amount))">\(line.direction == .debit ? "-" : "")\(line.amount.formatted)</td>
            <td data-label="\(page.t("付款人", "Payer"))">\(line.counterpartyName)\(line.counterpartyAccountTail.isEmpty ? HTML.empty : HTML(" <span class=\"muted small\">(\(page.t("尾号", "ending")) \(line.counterpartyAccountTail))</span>"))</td>
            <td data-label="\(page.t("摘要", "Memo"))">\(line.memo)</td>
            <td data-label="\(page.t("充值申请", "Top-up"))">\(topUp)</td>
            <td class="actions">\(actions.html { $0 })</td></tr>
            """
    }

    @Sendable func submitAcceptAll(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let summary = try await services.bank.importSummary(caller, id: id)
        let outcome = try await services.bank.acceptAllExact(caller, importId: summary.record.id)
        return Response.redirect(to: "/hq/bank/imports/\(id)?bucket=matched&accepted=\(outcome.accepted)&skipped=\(outcome.skipped)", type: .found)
    }

    @Sendable func submitRematch(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let matched = try await services.bank.rematch(caller, importId: id)
        return Response.redirect(to: "/hq/bank/imports/\(id)?bucket=unmatched&rematched=\(matched)", type: .found)
    }

    @Sendable func submitLine(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let importId = form["importId"] ?? ""
        let bucket = form["bucket"].flatMap(Bucket.init(rawValue:)) ?? .exact
        do {
            switch try context.parameters.require("action") {
            case "accept": _ = try await services.bank.accept(caller, lineId: id)
            case "reject": _ = try await services.bank.rejectSuggestion(caller, lineId: id)
            case "ignore": _ = try await services.bank.ignore(caller, lineId: id, reason: form["reason"])
            default: throw AppError.notFound(entity: "page")
            }
            return Response.redirect(to: "/hq/bank/imports/\(importId)?bucket=\(bucket.rawValue)&notice=saved", type: .found)
        } catch let error as AppError {
            let errors: [FieldError]
            let status: HTTPResponse.Status
            switch error {
            case .validation(let failure): (errors, status) = (failure.errors, .unprocessableContent)
            case .conflict(let reason): (errors, status) = ([FieldError(field: "line", problem: .notAllowed(reason: reason))], .conflict)
            default: throw error
            }
            return HTMLResponse.page(
                try await importPage(
                    PageContext(request, context), caller: caller, id: importId, query: ImportQuery(bucket: bucket.rawValue), errors: errors,
                    notice: nil),
                status: status)
        }
    }
}

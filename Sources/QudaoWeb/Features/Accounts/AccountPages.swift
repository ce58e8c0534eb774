import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Account management: HQ admins manage every account at `/hq/accounts`; a partner's owner (or a
/// sub-account with team management) manages the partner's sub-accounts at `/portal/accounts`.
struct AccountPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/accounts") { request, context in try await showAccounts(request, context, base: "/hq/accounts") }
        router.get("/hq/accounts/new") { request, context in try await showNewAccount(request, context, base: "/hq/accounts") }
        router.post("/hq/accounts") { request, context in try await submitNewAccount(request, context, base: "/hq/accounts") }
        router.get("/hq/accounts/{id}") { request, context in try await showAccount(request, context, base: "/hq/accounts") }
        router.post("/hq/accounts/{id}") { request, context in try await submitAccount(request, context, base: "/hq/accounts") }
        router.post("/hq/accounts/{id}/revoke-sessions") { request, context in try await submitRevokeSessions(request, context, base: "/hq/accounts")
        }

        router.get("/portal/accounts") { request, context in try await showAccounts(request, context, base: "/portal/accounts") }
        router.get("/portal/accounts/new") { request, context in try await showNewAccount(request, context, base: "/portal/accounts") }
        router.post("/portal/accounts") { request, context in try await submitNewAccount(request, context, base: "/portal/accounts") }
        router.get("/portal/accounts/{id}") { request, context in try await showAccount(request, context, base: "/portal/accounts") }
        router.post("/portal/accounts/{id}") { request, context in try await submitAccount(request, context, base: "/portal/accounts") }
        router.post("/portal/accounts/{id}/revoke-sessions") { request, context in
            try await submitRevokeSessions(request, context, base: "/portal/accounts")
        }
    }

    func showAccounts(_ request: Request, _ context: QudaoRequestContext, base: String) async throws -> Response {
        let caller = try context.caller
        let list = try await services.accounts.list(
            caller,
            filter: AccountFilter(
                search: request.query("q"), kind: request.query("kind").flatMap(AccountKind.init(rawValue:)),
                status: request.query("status").flatMap(AccountStatus.init(rawValue:))),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        return HTMLResponse.page(listPage(PageContext(request, context), request: request, list: list, caller: caller, base: base))
    }

    func showNewAccount(_ request: Request, _ context: QudaoRequestContext, base: String) async throws -> Response {
        let caller = try context.caller
        let values = ["kind": request.query("kind") ?? "hq", "partner": request.query("partner") ?? "", "hqRole": "viewer"]
        return HTMLResponse.page(
            formPage(PageContext(request, context), caller: caller, base: base, values: values, errors: [], account: nil))
    }

    func submitNewAccount(_ request: Request, _ context: QudaoRequestContext, base: String) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let input = AccountInput(
            username: form["username"], displayName: form["displayName"], kind: form["kind"], hqRole: form["hqRole"],
            partner: form["partner"], isOwner: form.isChecked("isOwner"), permissions: form.all("permissions"),
            password: form["password"])
        do {
            let account = try await services.accounts.create(caller, input)
            return Response.redirect(to: "\(base)/\(account.id)?notice=created", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                formPage(
                    PageContext(request, context), caller: caller, base: base, values: values(form), errors: failure.errors, account: nil),
                status: .unprocessableContent)
        }
    }

    func showAccount(_ request: Request, _ context: QudaoRequestContext, base: String) async throws -> Response {
        let caller = try context.caller
        let account = try await services.accounts.account(caller, id: try context.parameters.require("id"))
        return HTMLResponse.page(
            formPage(
                PageContext(request, context), caller: caller, base: base, values: values(account), errors: [], account: account,
                notice: request.query("notice")))
    }

    func submitAccount(_ request: Request, _ context: QudaoRequestContext, base: String) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        let input = AccountInput(
            displayName: form["displayName"], hqRole: form["hqRole"], permissions: form.all("permissions"), status: form["status"],
            password: form["password"], rowVersion: form["rowVersion"].flatMap(Int64.init))
        do {
            _ = try await services.accounts.update(caller, id: id, input)
            return Response.redirect(to: "\(base)/\(id)?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            let account = try await services.accounts.account(caller, id: id)
            return HTMLResponse.page(
                formPage(
                    PageContext(request, context), caller: caller, base: base, values: values(form), errors: failure.errors, account: account),
                status: .unprocessableContent)
        }
    }

    func submitRevokeSessions(_ request: Request, _ context: QudaoRequestContext, base: String) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let id = try context.parameters.require("id")
        _ = try await services.accounts.revokeSessions(caller, accountId: id)
        return Response.redirect(to: "\(base)/\(id)?notice=revoked", type: .found)
    }

    func values(_ form: FormData) -> [String: String] {
        var values: [String: String] = [:]
        for name in ["username", "displayName", "kind", "hqRole", "partner", "status", "rowVersion"] { values[name] = form[name] }
        values["permissions"] = form.all("permissions").joined(separator: ",")
        values["isOwner"] = form.isChecked("isOwner") ? "on" : ""
        return values
    }

    func values(_ account: AccountRecord) -> [String: String] {
        [
            "username": account.username, "displayName": account.displayName, "kind": account.kind.rawValue,
            "hqRole": account.hqRole?.rawValue ?? "", "partner": account.partnerId ?? "", "status": account.status.rawValue,
            "permissions": AccountRecord.storedPermissions(account.permissions), "isOwner": account.isOwner ? "on" : "",
            "rowVersion": String(account.rowVersion),
        ]
    }

    func listPage(_ page: PageContext, request: Request, list: Page<AccountRecord>, caller: Caller, base: String) -> HTML {
        let language = page.language
        let rows = list.items.html { account in
            let role: String =
                account.hqRole.map(language.hqRole)
                ?? (account.isOwner ? page.t(.owner) : account.permissions.map(language.permission).sorted().joined(separator: "、"))
            return """
                <tr><td class="mono" data-label="\(page.t("登录名", "Login"))"><a href="\(base)/\(account.id)">\(account.username)</a></td>
                <td data-label="\(page.t("名称", "Name"))">\(account.displayName)</td>
                <td data-label="\(page.t(.type))">\(account.kind == .hq ? page.t(.hq) : page.t("渠道商", "Partner"))</td>
                <td data-label="\(page.t("角色/权限", "Role / permissions"))">\(role)</td>
                <td data-label="\(page.t(.status))"><span class="badge \(account.status.rawValue)">\(language.accountStatus(account.status))</span></td></tr>
                """
        }
        let isHQ = caller.principal.kind == .hq
        let kindFilter: HTML =
            isHQ
            ? Field.select(
                page, name: "kind", label: page.t(.type), options: [("hq", page.t(.hq)), ("partner", page.t("渠道商", "Partner"))],
                selected: request.query("kind"), errors: [], includeBlank: page.t(.all))
            : .empty
        let canCreate = isHQ ? caller.principal.can(.manageAccounts) : caller.principal.can(.partnerManageSubAccounts)
        let title = isHQ ? page.t("账号", "Accounts") : page.t("子账号", "Sub-accounts")
        let body: HTML = """
            <div class="actions spread"><h1>\(title)</h1>
            \(canCreate ? HTML("<a class=\"button\" id=\"new-account\" href=\"\(base)/new\(isHQ ? "" : "?kind=partner")\">\(page.t("新建账号", "New account"))</a>") : .empty)</div>
            <form method="get" class="toolbar" action="\(base)">
              <div class="field"><label for="q">\(page.t(.search))</label><input type="search" id="q" name="q" value="\(request.query("q"))"></div>
              \(kindFilter)
              \(Field.select(page, name: "status", label: page.t(.status), options: AccountStatus.allCases.map { ($0.rawValue, language.accountStatus($0)) }, selected: request.query("status"), errors: [], includeBlank: page.t(.all)))
              <button type="submit">\(page.t(.filter))</button></form>
            <div class="table-wrap"><table class="responsive" id="account-list"><thead><tr><th>\(page.t("登录名", "Login"))</th><th>\(page.t("名称", "Name"))</th><th>\(page.t(.type))</th><th>\(page.t("角色/权限", "Role / permissions"))</th><th>\(page.t(.status))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(Layout.pager(page, list, baseQuery: ["q": request.query("q") ?? "", "kind": request.query("kind") ?? "", "status": request.query("status") ?? ""]))
            """
        return Layout.page(page, title: title, body: body)
    }

    func formPage(
        _ page: PageContext, caller: Caller, base: String, values: [String: String], errors: [FieldError], account: AccountRecord?,
        notice: String? = nil
    ) -> HTML {
        let language = page.language
        let isNew = account == nil
        let isHQCaller = caller.principal.kind == .hq
        let kind = isHQCaller ? (values["kind"] ?? "hq") : "partner"
        let granted = Set((values["permissions"] ?? "").split(separator: ",").map(String.init))
        let permissionBoxes = PartnerPermission.allCases.html { permission in
            """
            <label><input type="checkbox" name="permissions" value="\(permission.rawValue)"\(granted.contains(permission.rawValue) ? HTML(" checked") : .empty)> \(language.permission(permission))</label>
            """
        }
        let isOwnerAccount = account?.isOwner ?? false
        let permissionsField: HTML =
            isOwnerAccount
            ? "<p class=\"muted\">\(page.t("主账号拥有全部权限。", "The owner account holds every permission."))</p>"
            : """
            <div class="field checks" id="permissions-field"><label>\(language.fieldLabel("permissions"))</label>\(permissionBoxes)
            \(errors.first { $0.field == "permissions" }.map { HTML("<div class=\"error\">\(language.message(for: $0.problem))</div>") } ?? .empty)</div>
            """
        let roleField = Field.select(
            page, name: "hqRole", options: HQRole.allCases.map { ($0.rawValue, language.hqRole($0)) }, selected: values["hqRole"], errors: errors)
        var fields: [HTML] = []
        if isNew {
            fields.append(
                Field.text(
                    page, name: "username", value: values["username"], errors: errors,
                    hint: page.t("小写字母、数字、点、连字符", "Lower-case letters, digits, dots, hyphens"), required: true))
            fields.append(Field.text(page, name: "displayName", value: values["displayName"], errors: errors, required: true))
            fields.append(
                Field.text(
                    page, name: "password", label: page.t("初始密码", "Initial password"), value: nil, errors: errors, type: "password",
                    hint: page.t(.passwordHint), required: true))
            if isHQCaller {
                fields.append(
                    Field.select(
                        page, name: "kind", options: [("hq", page.t("总部账号", "HQ account")), ("partner", page.t("渠道商账号", "Partner account"))],
                        selected: kind, errors: errors))
                fields.append(roleField)
                fields.append(
                    Field.text(
                        page, name: "partner", label: page.t("所属渠道编码(渠道商账号)", "Partner code (partner accounts)"), value: values["partner"],
                        errors: errors.map { $0.field == "partnerId" ? FieldError(field: "partner", problem: $0.problem) : $0 }))
                fields.append(
                    "<div class=\"field checks\"><label><input type=\"checkbox\" name=\"isOwner\"\(values["isOwner"] == "on" ? HTML(" checked") : .empty)> \(page.t("设为该渠道商的主账号", "Make it the partner's owner account"))</label></div>"
                )
            }
        } else if let account {
            fields.append(
                "<div class=\"field\"><label>\(language.fieldLabel("username"))</label><div class=\"mono\" id=\"account-username\">\(account.username)</div></div>"
            )
            fields.append(Field.text(page, name: "displayName", value: values["displayName"], errors: errors, required: true))
            if account.kind == .hq { fields.append(roleField) }
            fields.append(
                Field.select(
                    page, name: "status", options: AccountStatus.allCases.map { ($0.rawValue, language.accountStatus($0)) },
                    selected: values["status"], errors: errors))
            fields.append(
                Field.text(
                    page, name: "password", label: page.t("重置密码(可选)", "Reset password (optional)"), value: nil, errors: errors, type: "password",
                    hint: page.t("填写后该账号所有设备将退出登录", "Signs the account out everywhere")))
        }
        let showPermissions = kind == "partner" || account?.kind == .partner
        let title = isNew ? page.t("新建账号", "New account") : page.t("账号详情", "Account")
        let revoke: HTML =
            account.map { account in
                """
                <form method="post" action="\(base)/\(account.id)/revoke-sessions" data-confirm="\(page.t("确定注销该账号的所有登录会话?", "Sign this account out everywhere?"))">\(page.csrfField)
                <button class="secondary" type="submit" id="revoke-sessions">\(page.t("注销所有会话", "Sign out everywhere"))</button></form>
                """
            } ?? .empty
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(title)</h1>
            \(Layout.errorSummary(page, errors))
            <form method="post" action="\(isNew ? base : "\(base)/\(account?.id ?? "")")" class="card" id="account-form" novalidate>
              \(page.csrfField)
              <input type="hidden" name="rowVersion" value="\(values["rowVersion"] ?? "")">
              <div class="fields">\(fields)</div>
              \(showPermissions ? permissionsField : .empty)
              <div class="actions"><button type="submit" id="save-account">\(page.t(.save))</button><a href="\(base)">\(page.t(.backToTheList))</a></div>
            </form>
            \(revoke)
            """
        return Layout.page(page, title: title, body: body)
    }
}

import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The first-run setup page (issue 11): opened by the one-time link the server prints at start
/// while no HQ admin exists; it creates the company profile and the first HQ admin, signs the
/// admin in, and from then on answers 404 like any unknown page.
///
/// The form carries the setup token, a secret only the reader of the server's log has, so a
/// cross-site form cannot submit it; no session exists yet to hold a CSRF token.
struct SetupPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/setup", use: showSetup)
        router.post("/setup", use: submitSetup)
    }

    @Sendable func showSetup(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let token = request.query("token")
        guard try await services.setup.isOpen(token: token), let token else { throw AppError.notFound(entity: "page") }
        return HTMLResponse.page(Self.page(PageContext(request, context), token: token, values: [:], errors: []))
    }

    @Sendable func submitSetup(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let form = try await FormData.read(request, maximumBytes: services.configuration.maximumBodyBytes)
        let input = SetupInput(
            brandName: form["brandName"], companyName: form["companyName"], customerServicePhone: form["customerServicePhone"],
            username: form["username"], displayName: form["displayName"], password: form["password"],
            passwordConfirmation: form["passwordConfirmation"])
        do {
            let signedIn = try await services.setup.complete(
                token: form["token"], input,
                origin: context.origin)
            var response = Response.redirect(to: "/hq?notice=welcome", type: .found)
            response.setCookie(services.sessionCookie(signedIn.token))
            return response
        } catch AppError.validation(let failure) {
            var values: [String: String] = [:]
            for name in ["brandName", "companyName", "customerServicePhone", "username", "displayName"] { values[name] = form[name] ?? "" }
            return HTMLResponse.page(
                Self.page(PageContext(request, context), token: form["token"] ?? "", values: values, errors: failure.errors),
                status: .unprocessableContent)
        }
    }

    static func page(_ page: PageContext, token: String, values: [String: String], errors: [FieldError]) -> HTML {
        func field(_ name: String, _ label: String, hint: String? = nil, type: String = "text", autocomplete: String) -> HTML {
            Field.text(
                page, name: name, label: label, value: type == "password" ? nil : values[name], errors: errors, type: type, hint: hint,
                required: true, attributes: HTML(" autocomplete=\"\(autocomplete)\""))
        }
        let body: HTML = """
            <div class="setup card narrow" id="setup">
              <h1>\(page.t("欢迎使用渠道分销管理平台", "Welcome to Qudao"))</h1>
              <p class="muted">\(page.t("这是首次启动。填写公司信息并创建第一个总部管理员账号;完成后此链接立即失效。", "This is the first start. Enter your company and create the first HQ admin; the link stops working once you are done."))</p>
              \(Layout.errorSummary(page, errors))
              <form method="post" action="/setup" class="stack" id="setup-form">
                <input type="hidden" name="token" value="\(token)">
                <h2>\(page.t("公司信息", "Your company"))</h2>
                \(field("brandName", page.t(.brandName), hint: page.t("显示在页头、消费者下单页、导出文件和 PDF 上,最多 20 个字", "Shown in the header, on the consumer's order page, in exports and PDFs; at most 20 characters"), autocomplete: "organization"))
                \(field("companyName", page.t(.registeredCompanyName), autocomplete: "organization"))
                \(field("customerServicePhone", page.t("客服电话", "Customer-service phone"), hint: page.t(.eG4008108888Or02087654321), type: "tel", autocomplete: "tel"))
                <h2>\(page.t("总部管理员", "HQ admin"))</h2>
                \(field("username", page.t("登录名", "Login name"), hint: page.t("3–64 位小写字母、数字、点、连字符或下划线", "3–64 lower-case letters, digits, dots, hyphens or underscores"), autocomplete: "username"))
                \(field("displayName", page.t("姓名", "Name"), autocomplete: "name"))
                \(field("password", page.t(.password), hint: page.t(.passwordHint), type: "password", autocomplete: "new-password"))
                \(field("passwordConfirmation", page.t("再次输入密码", "Repeat the password"), type: "password", autocomplete: "new-password"))
                <button type="submit" id="complete-setup">\(page.t("完成设置并登录", "Finish and sign in"))</button>
              </form>
            </div>
            """
        return Layout.page(page, title: page.t("首次设置", "First-run setup"), body: body)
    }
}

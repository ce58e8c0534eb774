import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Sign-in, sign-out, language switching and password change.
struct AuthPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/", use: showRoot)
        router.get("/login", use: showLogin)
        router.post("/login", use: submitLogin)
        router.post("/logout", use: submitLogout)
        router.get("/language", use: showLanguage)
        router.get("/account/password", use: showAccountPassword)
        router.post("/account/password", use: submitAccountPassword)
    }

    @Sendable func showRoot(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        guard let account = context.authenticated?.account else { return Response.redirect(to: "/login") }
        return Response.redirect(to: account.kind == .hq ? "/hq" : "/portal")
    }

    @Sendable func showLogin(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        if context.authenticated != nil { return Response.redirect(to: "/") }
        return loginPage(request, context, username: nil, error: nil, status: .ok)
    }

    @Sendable func submitLogin(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let form = try await FormData.read(request, maximumBytes: services.configuration.maximumBodyBytes)
        // Before sign-in there is no session, so the login form uses a double-submit cookie.
        guard let cookie = services.cookies.value(CookieName.loginCSRF, in: request), let field = form["_csrf"],
            ConstantTime.equal(cookie, field)
        else {
            return loginPage(
                request, context, username: form["username"],
                error: context.language.t(
                    "登录表单已过期,请重试。", "The sign-in form expired; please try again."), status: .forbidden)
        }
        do {
            let signedIn = try await services.auth.signIn(
                username: form["username"], password: form["password"], kind: "web",
                origin: context.origin, deviceToken: services.cookies.value(CookieName.device, in: request))
            var response = Response.redirect(to: safeNext(form["next"]) ?? (signedIn.account.kind == .hq ? "/hq" : "/portal"), type: .found)
            response.setCookie(services.sessionCookie(signedIn.token))
            response.setCookie(
                services.cookies.cookie(
                    CookieName.device, value: signedIn.deviceToken, maximumAgeSeconds: services.platform.sessionPolicy.deviceTokenSeconds,
                    path: "/login", sameSite: .strict))
            return response
        } catch let error as AppError {
            let message: String
            switch error {
            case .rateLimited(let until):
                message = context.language.t(
                    "登录失败次数过多,账号已临时锁定,请于 \(BusinessTime.displayText(until)) 后再试。",
                    "Too many failed sign-ins; try again after \(BusinessTime.displayText(until)).")
            case .validation:
                message = context.language.t("请输入登录名和密码。", "Enter your login name and password.")
            default:
                message = context.language.t("登录名或密码不正确。", "The login name or password is incorrect.")
            }
            return loginPage(request, context, username: form["username"], error: message, status: .unauthorized)
        }
    }

    @Sendable func submitLogout(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        if let session = context.authenticated?.session {
            _ = try await services.form(request, context)
            try await services.auth.signOut(try context.caller, sessionId: session.id)
        }
        var response = Response.redirect(to: "/login", type: .found)
        response.setCookie(services.sessionCookie(nil))
        return response
    }

    @Sendable func showLanguage(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let language = Language(rawValue: request.query("set") ?? "") ?? .chinese
        var response = Response.redirect(to: safeNext(request.query("next")) ?? "/", type: .found)
        response.setCookie(
            services.cookies.cookie(CookieName.language, value: language.rawValue, maximumAgeSeconds: 365 * 24 * 3600, sameSite: .lax))
        return response
    }

    @Sendable func showAccountPassword(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        _ = try context.caller
        return passwordPage(PageContext(request, context), errors: [], done: request.query("notice") == "password")
    }

    @Sendable func submitAccountPassword(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            try await services.auth.changeOwnPassword(
                caller, currentPassword: form["currentPassword"], newPassword: form["newPassword"],
                keepSessionId: context.authenticated?.session.id)
            return Response.redirect(to: "/account/password?notice=password", type: .found)
        } catch AppError.validation(let failure) {
            return passwordPage(PageContext(request, context), errors: failure.errors, done: false, status: .unprocessableContent)
        }
    }

    /// Only same-site relative paths are followed after sign-in, so the link cannot send people elsewhere.
    func safeNext(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\") else { return nil }
        return value
    }

    func loginPage(
        _ request: Request, _ context: QudaoRequestContext, username: String?, error: String?, status: HTTPResponse.Status
    )
        -> Response
    {
        let page = PageContext(request, context)
        let csrf = services.cookies.value(CookieName.loginCSRF, in: request) ?? AuthServiceTokens.make()
        let next = safeNext(request.query("next")) ?? ""
        let errorHTML: HTML = error.map { "<div class=\"alert\" role=\"alert\" id=\"login-error\">\($0)</div>" } ?? .empty
        let body: HTML = """
            <div class="login card">
              <h1>\(page.t("登录", "Sign in"))</h1>
              \(errorHTML)
              <form method="post" action="/login" class="stack">
                <input type="hidden" name="_csrf" value="\(csrf)">
                <input type="hidden" name="next" value="\(next)">
                <div class="field"><label for="username">\(page.t("登录名", "Login name"))</label>
                  <input type="text" id="username" name="username" value="\(username ?? "")" autocomplete="username" required autofocus></div>
                <div class="field"><label for="password">\(page.t(.password))</label>
                  <input type="password" id="password" name="password" autocomplete="current-password" required></div>
                <button type="submit" id="sign-in">\(page.t("登录", "Sign in"))</button>
              </form>
              <p class="muted">\(page.t("渠道商主账号的登录名是渠道编码。", "A partner's owner signs in with the partner code."))</p>
            </div>
            """
        var response = HTMLResponse.page(Layout.page(page, title: page.t("登录", "Sign in"), body: body), status: status)
        response.setCookie(
            services.cookies.cookie(CookieName.loginCSRF, value: csrf, maximumAgeSeconds: 3600, path: "/login", sameSite: .strict))
        return response
    }

    func passwordPage(_ page: PageContext, errors: [FieldError], done: Bool, status: HTTPResponse.Status = .ok) -> Response {
        let body: HTML = """
            <h1>\(page.t(.changePassword))</h1>
            \(done ? Layout.notice(page, "password") : .empty)
            \(Layout.errorSummary(page, errors))
            <form method="post" action="/account/password" class="card stack narrow">
              \(page.csrfField)
              \(Field.text(page, name: "currentPassword", value: nil, errors: errors, type: "password", required: true))
              \(Field.text(page, name: "newPassword", value: nil, errors: errors, type: "password", hint: page.t(.passwordHint), required: true))
              <button type="submit">\(page.t(.save))</button>
            </form>
            """
        return HTMLResponse.page(Layout.page(page, title: page.t(.changePassword), body: body), status: status)
    }
}

/// Random tokens for forms that precede a session.
enum AuthServiceTokens {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<24).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}

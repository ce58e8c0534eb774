import Foundation
import Hummingbird

/// Names of the cookies the site sets, before the `__Host-` prefix.
enum CookieName {
    static let session = "qudao_session"
    static let language = "lang"
    static let loginCSRF = "qudao_login_csrf"
    static let consumerCSRF = "qudao_consumer_csrf"
    /// The browser's device token: a browser that signed in before can still sign in while others'
    /// failed attempts lock the name.
    static let device = "qudao_device"
}

/// Makes and reads the site's cookies the same way everywhere.
///
/// Served over TLS (secure cookies on), every cookie carries the `__Host-` prefix, which a browser
/// accepts only with `Secure`, `Path=/` and no `Domain`: a cookie set by a sibling subdomain or over
/// plain HTTP can then never shadow the session or a CSRF token. Over plain HTTP (development) the
/// prefix would make browsers drop the cookie, so the bare names and narrower paths are used.
struct SiteCookies: Sendable {
    /// Whether the site is reached over TLS.
    let secure: Bool

    /// The name a cookie is sent under.
    func name(_ base: String) -> String {
        secure ? "__Host-" + base : base
    }

    /// A cookie of the site; `path` applies over plain HTTP only, because `__Host-` requires `/`.
    func cookie(_ base: String, value: String, maximumAgeSeconds: Int, path: String = "/", sameSite: Cookie.SameSite) -> Cookie {
        Cookie(
            name: name(base), value: value, maxAge: maximumAgeSeconds, path: secure ? "/" : path, secure: secure, httpOnly: true,
            sameSite: sameSite)
    }

    /// The value of a cookie of the site in a request.
    func value(_ base: String, in request: Request) -> String? {
        request.cookies[name(base)]?.value
    }
}

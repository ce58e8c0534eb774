import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore

/// What every page needs to render its frame: language, the signed-in account, the CSRF token
/// for its forms and where it is.
struct PageContext: Sendable {
    let language: Language
    let account: AccountRecord?
    let csrfToken: String
    let path: String
    let query: String
    /// The reader's unread notifications (the header's badge and the urgent banner).
    let notificationCounts: NotificationCounts
    /// The brand whose platform this is (its name and logo head every page).
    let company: CompanyProfile

    init(_ request: Request, _ context: QudaoRequestContext) {
        language = context.language
        account = context.authenticated?.account
        csrfToken = context.authenticated?.session.csrfToken ?? ""
        path = request.uri.path
        query = request.uri.query ?? ""
        notificationCounts = context.notificationCounts
        company = context.company
    }

    func t(_ chinese: String, _ english: String) -> String { language.t(chinese, english) }

    /// A value of the page's query string, if present and not blank.
    func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The hidden CSRF field every state-changing form carries.
    var csrfField: HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrfToken)\">" }
}

extension PageContext {
    init(language: Language, account: AccountRecord?, csrfToken: String, company: CompanyProfile = .unset) {
        self.language = language
        self.account = account
        self.csrfToken = csrfToken
        self.path = "/"
        self.query = ""
        self.notificationCounts = .none
        self.company = company
    }
}

import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QudaoApp
import QudaoCore

/// Names of the cookies the site sets.
enum CookieName {
    static let session = "qudao_session"
    static let language = "lang"
    static let loginCSRF = "qudao_login_csrf"
}

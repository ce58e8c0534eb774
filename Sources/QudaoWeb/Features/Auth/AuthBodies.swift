import Foundation
import QudaoApp
import QudaoCore

struct TokenRequest: Decodable {
    let username: String?
    let password: String?
}

struct TokenResponse: Encodable {
    let token: String
    let tokenType = "Bearer"
    let expiresAt: Date
    let account: AccountResponse
}

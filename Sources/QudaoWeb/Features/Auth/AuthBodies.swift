import Foundation
import QudaoApp
import QudaoCore

struct TokenRequest: Decodable {
    let username: String?
    let password: String?
}

struct TokenResponse: Codable {
    let token: String
    var tokenType = "Bearer"
    let expiresAt: Date
    let account: AccountResponse
}

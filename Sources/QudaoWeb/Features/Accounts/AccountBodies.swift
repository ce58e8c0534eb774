import Foundation
import QudaoApp
import QudaoCore

struct AccountRequest: Decodable {
    let username: String?
    let displayName: String?
    let kind: String?
    let hqRole: String?
    let partnerId: String?
    let isOwner: Bool?
    let permissions: [String]?
    let status: String?
    let password: String?
    let rowVersion: Int64?

    var input: AccountInput {
        AccountInput(
            username: username, displayName: displayName, kind: kind, hqRole: hqRole, partner: partnerId, isOwner: isOwner,
            permissions: permissions, status: status, password: password, rowVersion: rowVersion)
    }
}

struct AccountResponse: Encodable {
    let id: String
    let username: String
    let displayName: String
    let kind: String
    let hqRole: String?
    let partnerId: String?
    let isOwner: Bool
    let permissions: [String]
    let status: String
    let createdAt: Date
    let updatedAt: Date
    let rowVersion: Int64

    init(_ account: AccountRecord) {
        id = account.id
        username = account.username
        displayName = account.displayName
        kind = account.kind.rawValue
        hqRole = account.hqRole?.rawValue
        partnerId = account.partnerId
        isOwner = account.isOwner
        permissions = account.permissions.map(\.rawValue).sorted()
        status = account.status.rawValue
        createdAt = account.createdAt
        updatedAt = account.updatedAt
        rowVersion = account.rowVersion
    }
}

struct RevokedResponse: Encodable {
    let revokedSessions: Int
}

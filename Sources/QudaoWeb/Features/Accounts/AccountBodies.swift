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
    /// Required with `password` when it is the caller's own account.
    let currentPassword: String?
    let rowVersion: Int64?

    var input: AccountInput {
        AccountInput(
            username: username, displayName: displayName, kind: kind, hqRole: hqRole, partner: partnerId, isOwner: isOwner,
            permissions: permissions, status: status, password: password, currentPassword: currentPassword, rowVersion: rowVersion)
    }
}

struct AccountResponse: Codable {
    let id: String
    let username: String
    let displayName: String
    let kind: AccountKind
    let hqRole: HQRole?
    let partnerId: String?
    let isOwner: Bool
    let permissions: [PartnerPermission]
    let status: AccountStatus
    let createdAt: Date
    let updatedAt: Date
    let rowVersion: Int64

    init(_ account: AccountRecord) {
        id = account.id
        username = account.username
        displayName = account.displayName
        kind = account.kind
        hqRole = account.hqRole
        partnerId = account.partnerId
        isOwner = account.isOwner
        permissions = account.permissions.sorted { $0.rawValue < $1.rawValue }
        status = account.status
        createdAt = account.createdAt
        updatedAt = account.updatedAt
        rowVersion = account.rowVersion
    }
}

struct RevokedResponse: Codable {
    let revokedSessions: Int
}

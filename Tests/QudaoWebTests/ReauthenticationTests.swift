import Foundation
import HTTPTypes
import QudaoApp
import QudaoWeb
import Testing

@Suite("Re-authentication and the password policy on the API")
struct ReauthenticationTests {
    @Test("one's own password changes only with the current password; an admin resets another's; a password with the login name is refused")
    func ownPasswordNeedsCurrentPassword() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let ownId = try await app.request(.get, "/api/v1/me", token: admin).json()["id"] as? String ?? ""
            let path = "/api/v1/accounts/\(ownId)"
            // A stolen token alone cannot take the account over.
            let bare = try await app.request(.patch, path, token: admin, json: #"{"password":"violet-harbour-2026"}"#)
            let bareFields = try bare.problemFields()
            #expect(bare.status == .unprocessableContent && bareFields == ["currentPassword"])
            let wrong = try await app.request(
                .patch, path, token: admin, json: #"{"password":"violet-harbour-2026","currentPassword":"not-the-password"}"#)
            let wrongFields = try wrong.problemFields()
            #expect(wrong.status == .unprocessableContent && wrongFields == ["currentPassword"])
            let changed = try await app.request(
                .patch, path, token: admin, json: #"{"password":"violet-harbour-2026","currentPassword":"\#(DemoData.password)"}"#)
            #expect(changed.status == .ok)
            // The change ends the account's sessions; the new password signs in.
            let renewed = try await app.token("hq-admin", password: "violet-harbour-2026")
            // An administrator resets another account's password without it, but not to one that holds its login name.
            let staff = try await app.platform.database.read { try await $0.account(username: "hq-ops")?.id } ?? ""
            let named = try await app.request(.patch, "/api/v1/accounts/\(staff)", token: renewed, json: #"{"password":"Hq-Ops-Winter-2026"}"#)
            let namedFields = try named.problemFields()
            #expect(named.status == .unprocessableContent && namedFields == ["password"])
            let common = try await app.request(.patch, "/api/v1/accounts/\(staff)", token: renewed, json: #"{"password":"password1234"}"#)
            let commonFields = try common.problemFields()
            #expect(common.status == .unprocessableContent && commonFields == ["password"])
            let reset = try await app.request(.patch, "/api/v1/accounts/\(staff)", token: renewed, json: #"{"password":"amber-lantern-77"}"#)
            #expect(reset.status == .ok)
            _ = try await app.token("hq-ops", password: "amber-lantern-77")
        }
    }
}

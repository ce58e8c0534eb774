import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Notifications on the web and the API")
struct NotificationWebTests {
    @Test("the demo distributor's urgent commission shows in a banner and the inbox; reading clears both")
    func inboxPage() async throws {
        try await TestApp.run { app in
            // given D-GD01, whose bank payout and top-up were recorded in the demo history
            var session = PageSession(app)
            _ = try await session.signIn("D-GD01")

            // when it opens its home page
            let home = try await session.get("/portal")

            // then the header counts the unread notifications and a banner names the urgent ones
            #expect(home.text.contains("id=\"unread-count\""))
            #expect(home.text.contains("id=\"urgent-banner\""))
            let inbox = try await session.get("/notifications?priority=urgent&unread=1")
            #expect(inbox.status == .ok)
            #expect(inbox.text.contains("佣金已到账"))
            #expect(inbox.text.contains("data-kind=\"commission_credited\""))
            #expect(!inbox.text.contains("data-kind=\"top_up_confirmed\""))

            // when it opens the notification, it lands on the statement and the notification is read
            let id = try #require(inbox.text.range(of: "data-id=\"").map { String(inbox.text[$0.upperBound...].prefix(24)) })
            let opened = try await session.post(
                "/notifications/\(id)/read", form: [("_csrf", PageSession.csrf(in: inbox.text)), ("open", "1")])
            #expect(opened.status == .found)
            #expect(opened.headers[.location]?.hasPrefix("/portal/statements/stm_") == true)

            // and after "mark all read" neither badge nor banner remains
            let all = try await session.get("/notifications")
            _ = try await session.post("/notifications/read-all", form: [("_csrf", PageSession.csrf(in: all.text)), ("return", "/notifications")])
            let after = try await session.get("/portal")
            #expect(!after.text.contains("id=\"unread-count\""))
            #expect(!after.text.contains("id=\"urgent-banner\""))
        }
    }

    @Test("the API lists the same events with filters, counts them, and marks them read")
    func api() async throws {
        try await TestApp.run { app in
            let token = try await app.token("D-GD01")
            let list = try await app.request(.get, "/api/v1/notifications?pageSize=50", token: token)
            #expect(list.status == .ok)
            let kinds = Set((try list.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
            #expect(kinds.isSuperset(of: ["commission_credited", "top_up_confirmed"]))
            let counts = try await app.request(.get, "/api/v1/notifications/unread-count", token: token).json()
            #expect((counts["unreadUrgent"] as? Int ?? 0) >= 1)
            let urgent = try await app.request(.get, "/api/v1/notifications?priority=urgent&unread=1", token: token).json()
            let first = try #require((urgent["items"] as? [[String: Any]])?.first)
            #expect(first["priority"] as? String == "urgent")
            let read = try await app.request(.post, "/api/v1/notifications/\(first["id"] as? String ?? "")/read", token: token)
            #expect(read.status == .ok)
            #expect(try read.json()["readAt"] != nil)
            let cleared = try await app.request(.post, "/api/v1/notifications/read-all", token: token).json()
            #expect(cleared["unread"] as? Int == 0)
            // a malformed id is simply not found
            #expect(try await app.request(.post, "/api/v1/notifications/ntf_nope/read", token: token).status == .notFound)
        }
    }
}

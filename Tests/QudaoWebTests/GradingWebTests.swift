import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Grading and follow-ups on the web and the API")
struct GradingWebTests {
    @Test("a grading run for a future day or a day before the platform's data is refused by name, and grades nothing")
    func gradingDayWindow() async throws {
        try await TestApp.run { app in
            // given HQ operations and the demo's grades
            let hq = try await app.token("hq-ops")
            let before = try await app.request(.get, "/api/v1/grading", token: hq).json()["runs"] as? [[String: Any]] ?? []
            // when a run is asked for a day far in the future, or long before the first partner
            let future = try await app.request(.post, "/api/v1/grading/run", token: hq, json: #"{"day":"2099-01-01"}"#)
            let ancient = try await app.request(.post, "/api/v1/grading/run", token: hq, json: #"{"day":"2001-01-01"}"#)
            // then both are 422s naming the day, and no run was recorded
            #expect(future.status == .unprocessableContent)
            #expect(try future.problemFields() == ["day"])
            #expect(ancient.status == .unprocessableContent)
            #expect(try ancient.problemFields() == ["day"])
            let after = try await app.request(.get, "/api/v1/grading", token: hq).json()["runs"] as? [[String: Any]] ?? []
            #expect(after.count == before.count)
            #expect(!after.contains { $0["day"] as? String == "2099-01-01" })
            // and today's run still works
            #expect(try await app.request(.post, "/api/v1/grading/run", token: hq, json: "{}").status == .ok)
        }
    }

    @Test("settlement months with a sign or an empty part are refused by name, never run")
    func strictSettlementMonth() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-admin")
            for month in ["-2026-01", "2026--02", "2026-+4"] {
                let preview = try await app.request(.get, "/api/v1/settlements/\(month)/preview", token: finance)
                #expect(preview.status == .unprocessableContent, "\(month) answered \(preview.status)")
                #expect(try preview.problemFields() == ["month"])
                let run = try await app.request(.post, "/api/v1/settlements/\(month)/run", token: finance)
                #expect(run.status == .unprocessableContent, "\(month) was run: \(run.status)")
            }
        }
    }

    @Test("the demo has partners in all three grades with their reasons; HQ lists them by grade and metric")
    func demoGradesAndList() async throws {
        try await TestApp.run { app in
            let hq = try await app.token("hq-ops")
            let overview = try await app.request(.get, "/api/v1/grading", token: hq).json()
            let distribution = overview["distribution"] as? [String: Int] ?? [:]
            #expect((distribution["quality"] ?? 0) >= 2 && (distribution["potential"] ?? 0) >= 1 && (distribution["warning"] ?? 0) >= 2)
            // the warning list, worst sales change first, names S-SZ002's 25 % fall
            let warnings = try await app.request(.get, "/api/v1/partners?grade=warning&sort=sales_change&pageSize=50", token: hq).json()
            let codes = (warnings["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes.contains("S-SZ002") && codes.contains("S-HZ002"))
            let store = try await app.partnerId(code: "S-SZ002")
            let grading = try await app.request(.get, "/api/v1/partner-grades?partnerId=\(store)", token: hq).json()
            #expect(grading["grade"] as? String == "warning")
            let latest = grading["latest"] as? [String: Any] ?? [:]
            #expect(latest["reasons"] as? String == "近1个月销量下降25%")
            #expect(latest["salesChangeBp"] as? Int == -2_500)
            // the HTML list filters and sorts the same way
            var session = PageSession(app)
            _ = try await session.signIn("hq-ops")
            let page = try await session.get("/hq/partners?grade=quality&sort=-sell_through")
            #expect(page.status == .ok)
            #expect(page.text.contains("data-grade=\"quality\"") && !page.text.contains("data-grade=\"warning\""))
            let home = try await session.get("/hq")
            #expect(home.text.contains("id=\"work-queue\"") && home.text.contains("/hq/orders?waiting=1"))
            #expect(
                home.text.contains("/hq/partners?grade=warning&amp;sort=sales_change")
                    || home.text.contains("/hq/partners?grade=warning&sort=sales_change"))
            let gradingPage = try await session.get("/hq/grading")
            #expect(gradingPage.status == .ok && gradingPage.text.contains("id=\"grade-distribution\""))
            let profile = try await session.get("/hq/partners/\(store)")
            #expect(profile.text.contains("近1个月销量下降25%") && profile.text.contains("id=\"partner-follow-ups\""))
        }
    }

    @Test("a partner reads its own grade and task, answers it, and cannot see or sort by anyone else's")
    func partnerView() async throws {
        try await TestApp.run { app in
            let token = try await app.token("S-SZ002")
            let own = try await app.request(.get, "/api/v1/partner-grades", token: token)
            #expect(own.status == .ok)
            #expect(try own.json()["grade"] as? String == "warning")
            let sibling = try await app.partnerId(code: "S-SZ001")
            #expect(try await app.request(.get, "/api/v1/partner-grades?partnerId=\(sibling)", token: token).status == .notFound)
            // the upline cannot read its store's figures either, nor filter its team by grade
            let agent = try await app.token("A-SZ01")
            let store = try await app.partnerId(code: "S-SZ002")
            #expect(try await app.request(.get, "/api/v1/partner-grades?partnerId=\(store)", token: agent).status == .notFound)
            let filtered = try await app.request(.get, "/api/v1/partners?grade=warning", token: agent).json()
            #expect((filtered["totalCount"] as? Int ?? 0) == 4)
            // its task is listed; it can add a note but not close it
            let tasks = try await app.request(.get, "/api/v1/follow-ups", token: token).json()
            let task = try #require((tasks["items"] as? [[String: Any]])?.first)
            let id = task["id"] as? String ?? ""
            let note = try await app.request(.post, "/api/v1/follow-ups/\(id)/comments", token: token, json: #"{"body":"下周三可以到店沟通"}"#)
            #expect(note.status == .created)
            #expect(
                try await app.request(.post, "/api/v1/follow-ups/\(id)/close", token: token, json: #"{"resolution":"自行关闭"}"#).status == .forbidden)
            var session = PageSession(app)
            _ = try await session.signIn("S-SZ002")
            let page = try await session.get("/portal/grade")
            #expect(page.status == .ok && page.text.contains("近1个月销量下降25%") && page.text.contains("id=\"my-follow-ups\""))
        }
    }

    @Test("HQ assigns and closes a follow-up through the pages; an empty resolution is refused beside its field")
    func closeTask() async throws {
        try await TestApp.run { app in
            let store = try await app.partnerId(code: "S-HZ002")
            let taskId = try await app.platform.database.read {
                try await $0.openFollowUpTask(partnerId: store)?.id
            }
            let id = try #require(taskId)
            var session = PageSession(app)
            _ = try await session.signIn("hq-ops")
            let page = try await session.get("/hq/follow-ups/\(id)")
            #expect(page.status == .ok && page.text.contains("近90天动销率"))
            let csrf = PageSession.csrf(in: page.text)
            let empty = try await session.post("/hq/follow-ups/\(id)/close", form: [("_csrf", csrf), ("resolution", "")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("id=\"resolution-error\""))
            let assigned = try await session.post(
                "/hq/follow-ups/\(id)/assign", form: [("_csrf", csrf), ("assignee", "hq-admin"), ("rowVersion", "")])
            #expect(assigned.status == .found)
            let closed = try await session.post("/hq/follow-ups/\(id)/close", form: [("_csrf", csrf), ("resolution", "已调整进货结构,减少库存")])
            #expect(closed.status == .found)
            let after = try await session.get("/hq/follow-ups/\(id)")
            #expect(after.text.contains("已调整进货结构,减少库存"))
            let again = try await session.post("/hq/follow-ups/\(id)/close", form: [("_csrf", csrf), ("resolution", "再次关闭")])
            #expect(again.status == .conflict)
            // the assignee was told, and the audit log holds both actions
            let admin = try await app.token("hq-admin")
            let notices = try await app.request(.get, "/api/v1/notifications?kind=follow_up_task", token: admin).json()
            #expect((notices["totalCount"] as? Int ?? 0) == 1)
            let audit = try await app.request(.get, "/api/v1/audit-log?entityType=follow_up_task&entityId=\(id)", token: admin).json()
            let actions = Set((audit["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String })
            #expect(actions.isSuperset(of: ["follow_up.assign", "follow_up.close"]))
        }
    }
}

import Foundation
import HTTPTypes
import Testing

/// The check every API response in the web tests goes through finds what an integrator would trip on.
@Suite("Response contract")
struct ResponseContractTests {
    @Test("an undocumented key, a missing required one, a wrong type and an unknown enum value are each named")
    func findsMismatches() {
        // given a balance body as the document describes it
        let good = #"{"partnerId":"prt_1","balanceFen":100,"topUpsInWindowFen":0,"discountRateBp":0}"#
        // when keys, types and values stray from it
        let problems = ResponseContract.problems(
            method: .get, uri: "/api/v1/prepaid/balance?partnerId=prt_1", status: 200, contentType: "application/json; charset=utf-8",
            body: Data(#"{"partnerId":7,"balanceFen":1.5,"surprise":true}"#.utf8))
        // then each is named, and the documented shape passes
        let documented = ResponseContract.problems(
            method: .get, uri: "/api/v1/prepaid/balance", status: 200, contentType: "application/json", body: Data(good.utf8))
        #expect(problems.contains { $0.contains("undocumented surprise") }, "\(problems)")
        #expect(problems.contains { $0.contains(".partnerId is not a string") }, "\(problems)")
        #expect(problems.contains { $0.contains(".balanceFen is not an integer") }, "\(problems)")
        #expect(documented.isEmpty, "\(documented)")
        let order = ResponseContract.problems(
            method: .get, uri: "/api/v1/orders/ord_1", status: 200, contentType: "application/json",
            body: Data(#"{"status":"lost"}"#.utf8))
        #expect(order.contains { $0.contains("is lost, not one of") }, "\(order)")
        #expect(order.contains { $0.contains("lacks required id") }, "\(order)")
    }

    @Test("a route that answers without being documented is named")
    func undocumentedRoute() {
        let problems = ResponseContract.problems(
            method: .get, uri: "/api/v1/secret", status: 200, contentType: "application/json", body: Data("{}".utf8))
        #expect(problems == ["GET /api/v1/secret is not documented"])
    }
}

import Foundation
import QudaoApp
import QudaoCore
import QudaoTestSupport
import Testing

@testable import QudaoWeb

/// Key pages rendered from example models, without a database, and compared with the HTML kept
/// in `__Golden__/`. A change to a page shows up as a diff of its golden file; after checking it,
/// rewrite the files with `QUDAO_RECORD=1 swift test --filter GoldenPageTests`.
@Suite("Golden pages")
struct GoldenPageTests {
    static let instant = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30 in Beijing

    static let store = PartnerRecord(
        id: "prt_example_store", code: "S-GZ001", name: "广州天河体验店", type: .store, level: 3, parentId: "prt_example_agent",
        path: "/prt_example_distributor/prt_example_agent/prt_example_store", status: .active, province: "广东省", city: "广州市",
        address: "天河路 385 号", contactName: "陈晓", contactPhone: "13812345678", businessLicenceNumber: nil, referralCode: "R7K2Q9",
        createdAt: instant, updatedAt: instant, rowVersion: 1)

    static let order = OrderRecord(
        id: "ord_example", number: "PO-20261130-0007", kind: .purchase, partnerId: store.id, partnerPathAtPayment: store.path,
        buyerLevel: 3, status: .shipped, gross: Money(fen: 59_880), discountRate: Rate(basisPoints: 200), discount: Money(fen: 1_198),
        net: Money(fen: 58_682), refunded: Money(fen: 0), paymentMethod: .prepaid, paymentReference: nil, shipName: "陈晓",
        shipPhone: "138****5678", shipAddress: "广东省广州市天河路 385 号", carrier: "顺丰", trackingNumber: "SF1234567890",
        proofOfDelivery: nil, createdBy: "s-gz001", createdAt: instant, paidAt: instant, shippedAt: instant.addingTimeInterval(86_400),
        deliveredAt: nil, receivedAt: nil, completedAt: nil, cancelledAt: nil, updatedAt: instant, rowVersion: 3,
        lines: [
            OrderLineRecord(
                lineNumber: 1, productId: "prd_example_cleanser", sku: "SK-1003", productName: "氨基酸温和洁面乳", unit: "支", packSize: 6,
                unitPrice: Money(fen: 4_990), quantity: 12, returnedQuantity: 0, commissionOverride: nil)
        ])

    static let statement = StatementRecord(
        id: "stm_example", number: "ST-202610-0003", partnerId: store.id, month: "2026-10", commission: Money(fen: 12_345),
        bonus: Money(fen: 5_000), net: Money(fen: 17_345), recordCount: 4, payoutMethod: .bank, status: .pendingPayout,
        failureReason: nil, createdAt: instant, paidAt: nil)

    /// Compares `html` with its golden file, or writes the file when recording.
    static func expectGolden(_ name: String, _ html: HTML) throws {
        let url = SourceFiles.root.appendingPathComponent("Tests/QudaoWebTests/__Golden__/\(name).html")
        let rendered = String(describing: html) + "\n"
        if ProcessInfo.processInfo.environment["QUDAO_RECORD"] == "1" {
            try rendered.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try? String(contentsOf: url, encoding: .utf8)
        #expect(golden != nil, "no golden file \(name).html; record it with QUDAO_RECORD=1")
        guard let golden else { return }
        #expect(rendered == golden, "\(name).html differs from the rendered page; if the change is intended, record it with QUDAO_RECORD=1")
    }

    @Test("an order page: its summary, lines and badge in Chinese")
    func orderPage() throws {
        let page = PageContext(language: .chinese, account: nil, csrfToken: "csrf-example")
        let html: HTML = """
            \(OrderViews.summary(page, Self.order, partner: Self.store))
            \(OrderViews.lines(page, Self.order))
            """
        try Self.expectGolden("order-zh", html)
    }

    @Test("a commission statement's head and the statement list, in Chinese and English")
    func statementPage() throws {
        for language in Language.allCases {
            let page = PageContext(language: language, account: nil, csrfToken: "csrf-example")
            let html: HTML = """
                \(CommissionViews.statementSummary(page, Self.statement, partner: Self.store, download: "/portal/statements/stm_example/download"))
                \(CommissionViews.statementTable(page, [Self.statement], partners: [Self.store.id: Self.store], base: "/hq/statements"))
                """
            try Self.expectGolden("statement-\(language == .chinese ? "zh" : "en")", html)
        }
    }
}

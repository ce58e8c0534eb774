import Foundation
import QudaoApp
import QudaoCore
import QudaoTestSupport
import Testing

/// Every reason and every format expectation reads as a sentence in each language: Chinese
/// readers never get an English sentence, and messages speak yuan and percent.
@Suite("Reasons in both languages")
struct ReasonTextTests {
    /// One example of every reason. `caseNumber` below is an exhaustive switch, so a new case
    /// does not compile until it is numbered, and the coverage test fails until it has an example.
    static let examples: [Reason] = [
        .changedMeanwhile(.partner), .changedMeanwhile(.account), .changedMeanwhile(.product), .changedMeanwhile(.order),
        .changedMeanwhile(.return), .changedMeanwhile(.certificate), .changedMeanwhile(.task), .changedMeanwhile(.webhook), .accountChangedMeanwhile,
        .productChangedDuringImport(sku: "HF-1001"), .commissionRecordsChanged(partnerId: "P-0001"), .parentTerminated,
        .newParentTerminated, .partnerStatusChange(from: .terminated, to: .suspended), .partnersBelowLevel(level: 3),
        .noFreePartnerCode, .onlyOwnerGrantsTeamManagement, .partnerHasOwner, .cannotChangeOwnAccount,
        .accountNameTaken(name: "s-gz001"), .passwordsDiffer, .onlyActivePartnersOrder,
        .certificateExpired(number: "JY14401060012345", validTo: "2026-11-20"), .certificateEndsBeforeStart,
        .tooManyReceivingAccounts(maximum: 5), .packMultiple(packSize: 6), .purchaseAboveList, .overrideRatesIncomplete,
        .stockBelowReserved(reserved: 4, onHand: 10), .notEnoughStock(sku: "SK-1003", name: "氨基酸温和洁面乳", available: 5, requested: 12),
        .orderTransition(status: .shipped, event: .cancel), .orderNotPayable(status: .cancelled), .backOrderWaiting,
        .purchaseOrdersPrepaid, .balanceShort(available: Money(fen: 12_000), required: Money(fen: 14_999)),
        .returnBeforeDelivery(status: .paid), .returnWindowClosed, .returnTransition(from: .refunded, to: .approved),
        .topUpNotPending(status: .confirmed), .tierThresholdsNotIncreasing, .ratesAboveCap(capBasisPoints: 3_000), .ruleInPast,
        .ruleOverlaps(version: 2, effectiveAt: Date(timeIntervalSince1970: 1_798_000_000)), .monthNotBegun, .monthNotEnded,
        .monthSettled(month: "2026-10"), .settlementRunInProgress, .payoutNotOpen, .statementStatus(current: .paid, expected: .pendingPayout),
        .statementNotAwaitingPayout(number: "ST-202610-0001"), .gradingRunInProgress, .qualitySellThroughBelowWarning,
        .qualityReturnRateAboveWarning, .assigneeNotActive, .taskClosed, .saleInFuture, .saleTooOld,
        .onHandShortage(sku: "HF-1001", onHand: 3, sold: 5), .onHandShortage(sku: "HF-1001", onHand: 3, sold: nil), .nothingToReplenish,
        .formAlreadySubmitted, .passwordTooManyBytes(maximumBytes: 72), .passwordTooCommon, .passwordContainsLoginName,
        .paymentPasswordTooSimple, .paymentPasswordNotSet,
        .tooManyWrongPasswords(until: Date(timeIntervalSince1970: 1_798_000_000)),
        .monthNotSettledYet(month: "2026-11"), .partnerStatementNotAwaitingConfirmation(status: .confirmed),
        .disputeClaimUnchanged, .disputeLineAnswered(line: 2), .correctionIsZero, .bankColumnsMissing(columns: ["贷方发生额", "对方账号"]),
        .bankLineBothSides, .bankLineNotOpen, .bankLineWithoutMatch, .bankLineTopUpTaken(number: "TU-20261105-1234567"),
        .approvalAlreadyPending(number: "AP-20261204-1234567"), .approvalNotPending(status: .approved), .approverIsRequester,
        .onlyRequesterWithdraws, .erasureNeedsTerminatedPartner(code: "S-GZ001"), .erasureNeedsFinishedOrder(number: "PO-20261203-0001"),
        .promotionEndsBeforeStart, .promotionAlreadyOver, .promotionCancelled, .notInFuture, .notBeforeFirstDay,
        .rangeTooLong(maximumDays: 92), .exportTooLong(lines: 60_000, maximum: 50_000), .exportTooManyRows(rows: 60_000, maximum: 50_000),
        .fileLargerThan(maximumBytes: 5_242_880), .fileNotText, .unterminatedQuote(line: 7), .fileTooManyRows(maximum: 10_000),
        .rowTooManyColumns(maximum: 64), .notAWorkbook(detail: "xl/workbook.xml"), .workbookWithoutSheet, .workbookWithMacros,
        .workbookUnsafeEntry(path: "../evil"), .workbookExpandsTooMuch(path: "xl/sheet1.xml"), .formulaNotValue,
        .importAlreadyCommitted, .duplicateCodeInFile(row: 3), .duplicateSKUInFile(row: 4), .importParentLater,
        .importParentDiffers, .importStatusDiffers, .testClockBackwards(now: Date(timeIntervalSince1970: 1_798_000_000)),
        .tooManyAPIKeys(maximum: 50), .scopeNotForPartners(scope: "logistics:write"), .apiKeyRevoked, .tooManyWebhooks(maximum: 20),
        .webhookInternalAddress, .webhookDeliveryInProgress,
    ]

    static let caseCount = 107

    /// The number of a reason's case, so that the examples can be checked to cover every case.
    static func caseNumber(_ reason: Reason) -> Int {
        switch reason {
        case .changedMeanwhile: 0
        case .accountChangedMeanwhile: 1
        case .productChangedDuringImport: 2
        case .commissionRecordsChanged: 3
        case .parentTerminated: 4
        case .newParentTerminated: 5
        case .partnerStatusChange: 6
        case .partnersBelowLevel: 7
        case .noFreePartnerCode: 8
        case .onlyOwnerGrantsTeamManagement: 9
        case .partnerHasOwner: 10
        case .cannotChangeOwnAccount: 11
        case .accountNameTaken: 12
        case .passwordsDiffer: 13
        case .onlyActivePartnersOrder: 14
        case .certificateExpired: 15
        case .certificateEndsBeforeStart: 16
        case .tooManyReceivingAccounts: 17
        case .packMultiple: 18
        case .purchaseAboveList: 19
        case .overrideRatesIncomplete: 20
        case .stockBelowReserved: 21
        case .notEnoughStock: 22
        case .orderTransition: 23
        case .orderNotPayable: 24
        case .backOrderWaiting: 25
        case .purchaseOrdersPrepaid: 26
        case .balanceShort: 27
        case .returnBeforeDelivery: 28
        case .returnWindowClosed: 29
        case .returnTransition: 30
        case .topUpNotPending: 31
        case .tierThresholdsNotIncreasing: 32
        case .ratesAboveCap: 33
        case .ruleInPast: 34
        case .ruleOverlaps: 35
        case .monthNotBegun: 36
        case .monthNotEnded: 37
        case .monthSettled: 38
        case .settlementRunInProgress: 39
        case .payoutNotOpen: 40
        case .statementStatus: 41
        case .statementNotAwaitingPayout: 42
        case .gradingRunInProgress: 43
        case .qualitySellThroughBelowWarning: 44
        case .qualityReturnRateAboveWarning: 45
        case .assigneeNotActive: 46
        case .taskClosed: 47
        case .saleInFuture: 48
        case .saleTooOld: 49
        case .onHandShortage: 50
        case .nothingToReplenish: 51
        case .promotionEndsBeforeStart: 52
        case .promotionAlreadyOver: 53
        case .promotionCancelled: 54
        case .notInFuture: 55
        case .notBeforeFirstDay: 56
        case .rangeTooLong: 57
        case .exportTooLong: 58
        case .exportTooManyRows: 59
        case .fileLargerThan: 60
        case .fileNotText: 61
        case .unterminatedQuote: 62
        case .fileTooManyRows: 63
        case .rowTooManyColumns: 64
        case .notAWorkbook: 65
        case .workbookWithoutSheet: 66
        case .workbookWithMacros: 67
        case .workbookUnsafeEntry: 68
        case .workbookExpandsTooMuch: 69
        case .formulaNotValue: 70
        case .importAlreadyCommitted: 71
        case .duplicateCodeInFile: 72
        case .duplicateSKUInFile: 73
        case .importParentLater: 74
        case .importParentDiffers: 75
        case .importStatusDiffers: 76
        case .testClockBackwards: 77
        case .formAlreadySubmitted: 78
        case .passwordTooManyBytes: 79
        case .passwordTooCommon: 80
        case .passwordContainsLoginName: 81
        case .paymentPasswordTooSimple: 82
        case .paymentPasswordNotSet: 83
        case .tooManyWrongPasswords: 84
        case .erasureNeedsTerminatedPartner: 85
        case .erasureNeedsFinishedOrder: 86
        case .approvalAlreadyPending: 87
        case .approvalNotPending: 88
        case .approverIsRequester: 89
        case .onlyRequesterWithdraws: 90
        case .monthNotSettledYet: 91
        case .partnerStatementNotAwaitingConfirmation: 92
        case .disputeClaimUnchanged: 93
        case .disputeLineAnswered: 94
        case .correctionIsZero: 95
        case .bankColumnsMissing: 96
        case .bankLineBothSides: 97
        case .bankLineNotOpen: 98
        case .bankLineTopUpTaken: 99
        case .bankLineWithoutMatch: 100
        case .tooManyAPIKeys: 101
        case .scopeNotForPartners: 102
        case .apiKeyRevoked: 103
        case .tooManyWebhooks: 104
        case .webhookInternalAddress: 105
        case .webhookDeliveryInProgress: 106
        }
    }

    @Test("the examples cover every reason")
    func examplesCoverEveryCase() {
        #expect(Set(Self.examples.map(Self.caseNumber)) == Set(0..<Self.caseCount))
    }

    @Test("every reason reads in Chinese without an English sentence, and in English without fen or basis points")
    func everyReasonInChinese() {
        for reason in Self.examples {
            let chinese = Language.chinese.text(reason)
            let english = Language.english.text(reason)
            #expect(LatinText.containsChinese(chinese), "\(reason): \(chinese)")
            #expect(LatinText.sentences(in: chinese).isEmpty, "\(reason): \(chinese)")
            #expect(!english.isEmpty && chinese != english)
            for unit in [" bp", "fen", "基点", "分)"] {
                #expect(!chinese.contains(unit) && !english.contains(unit), "\(reason) speaks \(unit)")
            }
        }
        // a money reason is said in yuan, a rate in percent
        #expect(Language.chinese.text(.balanceShort(available: Money(fen: 12_000), required: Money(fen: 14_999))) == "预存款余额 ¥120.00 不足以支付 ¥149.99")
        #expect(Language.english.text(.ratesAboveCap(capBasisPoints: 3_000)) == "the three rates add up to more than the cap of 30.00%")
    }

    @Test("every format expectation reads in Chinese, and a wrong format names it in the message")
    func everyExpectationInChinese() {
        for expectation in FormatExpectation.allCases {
            let chinese = Language.chinese.text(expectation)
            #expect(LatinText.containsChinese(chinese), "\(expectation): \(chinese)")
            #expect(LatinText.sentences(in: chinese).isEmpty, "\(expectation): \(chinese)")
        }
        #expect(Language.chinese.message(for: .invalidFormat(expected: .date)) == "格式不正确(应为:日期,如 2026-11-20)")
        #expect(Language.chinese.message(for: .notAllowed(reason: .gradingRunInProgress)) == "另一个评级正在进行,请稍后再试")
    }

    @Test("the detector finds English sentences and lets codes, SKUs and names through")
    func detector() {
        #expect(LatinText.sentences(in: "another grading run is in progress") == ["another grading run is in progress"])
        #expect(LatinText.sentences(in: "商品 SK-1003 库存不足") == [])
        #expect(LatinText.sentences(in: "必备资质证书 JY14401060012345 已于 2026-11-20 过期") == [])
        #expect(LatinText.sentences(in: "JPEG 或 PNG 图片, xl/workbook.xml") == [])
        #expect(!LatinText.sentences(in: "订单: the order was changed").isEmpty)
    }
}

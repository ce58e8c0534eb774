import Foundation

/// Why a rule refused a change. A use case throws a case with the facts a message needs; each
/// language's sentence is written once, in `Language.text(_:)`, so no sentence is ever
/// translated at run time and the compiler refuses a case without its text.
public enum Reason: Sendable, Hashable, Codable {
    /// A record a change relied on was changed by someone else in the meantime.
    case changedMeanwhile(ChangedRecord)
    /// The account changed between reading and writing it (a password change raced another).
    case accountChangedMeanwhile
    /// An imported product was changed by someone else between preview and commit.
    case productChangedDuringImport(sku: String)
    /// Commission records of the partner changed while its statement was being written.
    case commissionRecordsChanged(partnerId: String)

    // MARK: Partners and accounts

    /// The chosen parent has been terminated.
    case parentTerminated
    /// The parent a partner is moved under has been terminated.
    case newParentTerminated
    /// A status change the partner life cycle does not allow.
    case partnerStatusChange(from: PartnerStatus, to: PartnerStatus)
    /// Partners sit deeper than the new maximum number of levels.
    case partnersBelowLevel(level: Int)
    /// No generated partner code was free.
    case noFreePartnerCode
    /// Only the owner account may grant team management.
    case onlyOwnerGrantsTeamManagement
    /// The partner has an owner account already.
    case partnerHasOwner
    /// A person tried to disable their own account or change their own role.
    case cannotChangeOwnAccount
    /// A login name is taken.
    case accountNameTaken(name: String)
    /// The password and its confirmation differ.
    case passwordsDiffer
    /// A partner must be active to order.
    case onlyActivePartnersOrder
    /// A required certificate has expired, so the partner may not order.
    case certificateExpired(number: String, validTo: String)
    /// A certificate ends before it starts.
    case certificateEndsBeforeStart
    /// The brand lists at most this many receiving accounts.
    case tooManyReceivingAccounts(maximum: Int)

    // MARK: Catalogue and stock

    /// A quantity is not a multiple of the pack size.
    case packMultiple(packSize: Int64)
    /// A purchase price above the list price.
    case purchaseAboveList
    /// Give all three commission override rates or none.
    case overrideRatesIncomplete
    /// HQ stock would fall below what paid orders reserve.
    case stockBelowReserved(reserved: Int64, onHand: Int64)
    /// HQ stock does not cover an order line.
    case notEnoughStock(sku: String, name: String, available: Int64, requested: Int64)

    // MARK: Orders and returns

    /// The order's status does not allow the event.
    case orderTransition(status: OrderStatus, event: OrderEvent)
    /// The order's status does not allow paying it.
    case orderNotPayable(status: OrderStatus)
    /// A back-order ships once stock is allocated to it.
    case backOrderWaiting
    /// Purchase orders are paid when placed.
    case purchaseOrdersPrepaid
    /// The prepaid balance does not cover a payment.
    case balanceShort(available: Money, required: Money)
    /// A return is asked for before delivery.
    case returnBeforeDelivery(status: OrderStatus)
    /// The return window has closed.
    case returnWindowClosed
    /// The return's status does not allow the change.
    case returnTransition(from: ReturnStatus, to: ReturnStatus)

    // MARK: Prepaid and commission

    /// A top-up has been decided already.
    case topUpNotPending(status: TopUpRecord.Status)
    /// Tier thresholds must rise from tier to tier.
    case tierThresholdsNotIncreasing
    /// The three chain rates exceed the cap.
    case ratesAboveCap(capBasisPoints: Int64)
    /// A rule may not take effect in the past.
    case ruleInPast
    /// A rule's start overlaps a scheduled version.
    case ruleOverlaps(version: Int64, effectiveAt: Date)
    /// The month has not begun.
    case monthNotBegun
    /// A month is settled once it has ended.
    case monthNotEnded
    /// The month is settled already.
    case monthSettled(month: String)
    /// Another settlement is running.
    case settlementRunInProgress
    /// The payout has been handled already.
    case payoutNotOpen
    /// The statement's status is not the one the step needs.
    case statementStatus(current: StatementRecord.Status, expected: StatementRecord.Status)
    /// A statement in a bulk payout is not awaiting a bank payout.
    case statementNotAwaitingPayout(number: String)

    // MARK: Channel

    /// Another grading run is in progress.
    case gradingRunInProgress
    /// The quality sell-through threshold is below the warning one.
    case qualitySellThroughBelowWarning
    /// The quality return-rate threshold is above the warning one.
    case qualityReturnRateAboveWarning
    /// A follow-up task can be assigned only to an active HQ admin or operations account.
    case assigneeNotActive
    /// The follow-up task is closed.
    case taskClosed
    /// A sale dated in the future.
    case saleInFuture
    /// A sale more than a year old.
    case saleTooOld
    /// A partner reported selling more than it holds.
    case onHandShortage(sku: String, onHand: Int64, sold: Int64?)
    /// Nothing needs replenishing today.
    case nothingToReplenish
    /// An order form whose one-time key already placed a different order.
    case formAlreadySubmitted

    // MARK: Passwords

    /// A password longer than bcrypt reads.
    case passwordTooManyBytes(maximumBytes: Int)
    /// A password from the lists guessers try first, or one character or pattern repeated.
    case passwordTooCommon
    /// A password that contains the login name or the person's name.
    case passwordContainsLoginName
    /// A payment password of one digit repeated, a run or another pattern guessers try first.
    case paymentPasswordTooSimple
    /// A partner that has not set a payment password, asked for one.
    case paymentPasswordNotSet
    /// A password tried wrongly too often; it is refused until the instant given.
    case tooManyWrongPasswords(until: Date)

    // MARK: Partner statements

    /// A month whose settlement run has not completed has no statements yet.
    case monthNotSettledYet(month: String)
    /// A statement that is not waiting for the partner's answer (confirmed, disputed or replaced).
    case partnerStatementNotAwaitingConfirmation(status: PartnerStatementRecord.Status)
    /// A disputed line whose amount the partner believes right is the amount the statement shows.
    case disputeClaimUnchanged
    /// A dispute line HQ finance has answered already (another finance user, a moment before).
    case disputeLineAnswered(line: Int)
    /// An accepted dispute line needs a correction that moves the balance.
    case correctionIsZero
    /// A bank statement file lacks columns its account's mapping names (renamed, or another bank's file).
    case bankColumnsMissing(columns: [String])
    /// A bank statement row with both a credit and a debit amount.
    case bankLineBothSides
    /// A bank statement line that is not waiting for a decision (accepted, ignored or a debit).
    case bankLineNotOpen
    /// A bank line with no top-up to accept (its amount differs from the reference's, or nothing matched).
    case bankLineWithoutMatch
    /// The top-up a bank line was matched to is no longer pending (confirmed or rejected meanwhile).
    case bankLineTopUpTaken(number: String)

    // MARK: Second approver

    /// A request of the same kind already waits for its second approver.
    case approvalAlreadyPending(number: String)
    /// The request was decided already.
    case approvalNotPending(status: ApprovalRequest.Status)
    /// The account that asked cannot also approve or reject.
    case approverIsRequester
    /// Only the account that asked may withdraw a request.
    case onlyRequesterWithdraws

    // MARK: Personal data

    /// An erasure that matches the contact of a partner still in business.
    case erasureNeedsTerminatedPartner(code: String)
    /// An erasure that matches an order not yet completed or cancelled.
    case erasureNeedsFinishedOrder(number: String)
    /// A promotion that ends before it starts.
    case promotionEndsBeforeStart
    /// A promotion that would already be over.
    case promotionAlreadyOver
    /// A promotion that is cancelled already.
    case promotionCancelled

    // MARK: Dates, reports and files

    /// A date after today.
    case notInFuture
    /// An end date before the start date.
    case notBeforeFirstDay
    /// A date range too long for the chosen grain.
    case rangeTooLong(maximumDays: Int)
    /// An export with more lines than it may hold; narrow the dates.
    case exportTooLong(lines: Int64, maximum: Int)
    /// An export with more rows than it may hold; narrow the filter.
    case exportTooManyRows(rows: Int64, maximum: Int)
    /// A file larger than the limit.
    case fileLargerThan(maximumBytes: Int64)
    /// A CSV file neither UTF-8 nor GBK.
    case fileNotText
    /// A quoted field that never ends.
    case unterminatedQuote(line: Int)
    /// A file with more rows than the limit.
    case fileTooManyRows(maximum: Int)
    /// A row with more columns than the limit.
    case rowTooManyColumns(maximum: Int)
    /// A file that is not an .xlsx workbook.
    case notAWorkbook(detail: String)
    /// A workbook without a sheet.
    case workbookWithoutSheet
    /// A workbook with macros.
    case workbookWithMacros
    /// A workbook entry that points outside the archive.
    case workbookUnsafeEntry(path: String)
    /// A workbook that expands far beyond its size.
    case workbookExpandsTooMuch(path: String)
    /// A spreadsheet cell holding a formula.
    case formulaNotValue
    /// An import has been committed already.
    case importAlreadyCommitted
    /// A code that appears on an earlier row of the same file.
    case duplicateCodeInFile(row: Int)
    /// A SKU that appears on an earlier row of the same file.
    case duplicateSKUInFile(row: Int)
    /// An imported partner's parent is created by a later row.
    case importParentLater
    /// An imported existing partner's parent differs from the tree.
    case importParentDiffers
    /// An imported existing partner's status differs from the tree.
    case importStatusDiffers

    // MARK: Integrations

    /// An owner holds the most active API keys it may.
    case tooManyAPIKeys(maximum: Int)
    /// A scope a partner's key may not hold (HQ's logistics callback, HQ reports).
    case scopeNotForPartners(scope: String)
    /// A revoked API key cannot be rotated or revoked again.
    case apiKeyRevoked
    /// An owner has the most webhook subscriptions it may.
    case tooManyWebhooks(maximum: Int)
    /// A webhook URL on this machine or a private network (server-side request forgery).
    case webhookInternalAddress
    /// A delivery still waiting or being sent cannot be sent again yet.
    case webhookDeliveryInProgress

    // MARK: Operations

    /// The test clock never goes backwards.
    case testClockBackwards(now: Date)

    /// The records whose concurrent change a ``Reason/changedMeanwhile(_:)`` names.
    public enum ChangedRecord: String, Sendable, Hashable, Codable, CaseIterable {
        case partner, account, product, order, `return`, certificate, task, webhook
    }
}

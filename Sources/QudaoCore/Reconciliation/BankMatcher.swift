import Foundation

/// A pending top-up as matching sees it.
public struct PendingTopUpCandidate: Sendable, Hashable {
    public let id: String
    public let number: String
    public let partnerId: String
    public let amount: Money
    public let bankReference: String
    /// The business day it was requested, `yyyy-MM-dd`.
    public let requestedOn: String

    /// Creates a candidate.
    public init(id: String, number: String, partnerId: String, amount: Money, bankReference: String, requestedOn: String) {
        self.id = id
        self.number = number
        self.partnerId = partnerId
        self.amount = amount
        self.bankReference = bankReference
        self.requestedOn = requestedOn
    }
}

/// A bank line as matching sees it: its amount, date, memo and who paid.
public struct BankLineCandidate: Sendable, Hashable {
    public let bookedOn: String
    public let amount: Money
    public let direction: LedgerDirection
    public let memo: String
    /// ``PartnerPayer/nameKey(_:)`` of the counterparty's name.
    public let payerNameKey: String
    /// The keyed lookup hash of the counterparty's account, if the line has one.
    public let payerAccountLookup: String?

    /// Creates a candidate.
    public init(bookedOn: String, amount: Money, direction: LedgerDirection, memo: String, payerNameKey: String, payerAccountLookup: String?) {
        self.bookedOn = bookedOn
        self.amount = amount
        self.direction = direction
        self.memo = memo
        self.payerNameKey = payerNameKey
        self.payerAccountLookup = payerAccountLookup
    }
}

/// Matching of bank statement lines to pending top-ups (RULES §8), in memory: the pending top-ups
/// are indexed by reference and by amount once, and each line looks up the words of its memo, so a
/// 50,000-line file against 10,000 pending top-ups is a few hundred thousand dictionary lookups.
public struct BankMatcher: Sendable {
    /// Days before or after the booking day within which a payer's top-up is suggested.
    public static let suggestionWindowDays = 3

    private var byReference: [String: PendingTopUpCandidate] = [:]
    private var byAmount: [Int64: [PendingTopUpCandidate]] = [:]
    private let partnersByPayerName: [String: Set<String>]
    private let partnersByPayerAccount: [String: Set<String>]
    /// Top-ups a line of this run has taken: a top-up is matched to one line at most.
    private var taken: Set<String> = []

    /// Prepares matching against `pending` top-ups and the partners' payers on file.
    public init(pending: [PendingTopUpCandidate], partnersByPayerName: [String: Set<String>], partnersByPayerAccount: [String: Set<String>]) {
        for topUp in pending {
            for reference in [topUp.bankReference, topUp.number] {
                let key = Self.referenceKey(reference)
                if key.count >= Self.minimumReferenceCharacters { byReference[key] = topUp }
            }
            byAmount[topUp.amount.fen, default: []].append(topUp)
        }
        self.partnersByPayerName = partnersByPayerName
        self.partnersByPayerAccount = partnersByPayerAccount
    }

    /// References shorter than this are not looked for in memos: "12" would match anything.
    public static let minimumReferenceCharacters = 4

    /// How references are compared: upper case, without spaces.
    static func referenceKey(_ text: String) -> String {
        text.filter { !$0.isWhitespace }.uppercased()
    }

    /// The words of a memo a reference can be: runs of letters, digits, hyphens and underscores,
    /// so `充值TU-20261105-1234567,谢谢` yields `TU-20261105-1234567`; and each hyphen-separated part.
    static func words(_ memo: String) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            words.append(current)
            if current.contains("-") { words += current.split(separator: "-").map(String.init) }
            current = ""
        }
        for scalar in memo.unicodeScalars {
            let value = scalar.value
            // ASCII letters, digits, hyphen and underscore, tested by value: CharacterSet is slow on Linux.
            let isWordCharacter =
                (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x2D || value == 0x5F
            if isWordCharacter {
                current.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words.map { $0.uppercased() }
    }

    /// Decides one line, in the order RULES §8 gives: exact, suggested, amount mismatch, unmatched.
    /// A debit is never matched.
    public mutating func match(_ line: BankLineCandidate) -> (status: BankLineStatus, topUp: PendingTopUpCandidate?) {
        guard line.direction == .credit else { return (.debit, nil) }
        var mismatch: PendingTopUpCandidate?
        for word in Self.words(line.memo) where word.count >= Self.minimumReferenceCharacters {
            guard let topUp = byReference[word], !taken.contains(topUp.id) else { continue }
            if topUp.amount == line.amount {
                taken.insert(topUp.id)
                return (.exact, topUp)
            }
            mismatch = mismatch ?? topUp
        }
        let payers =
            (partnersByPayerName[line.payerNameKey] ?? []).union(line.payerAccountLookup.flatMap { partnersByPayerAccount[$0] } ?? [])
        if !payers.isEmpty, let booked = Self.dayNumber(line.bookedOn) {
            let candidates = (byAmount[line.amount.fen] ?? []).filter { topUp in
                guard !taken.contains(topUp.id), payers.contains(topUp.partnerId), let requested = Self.dayNumber(topUp.requestedOn) else {
                    return false
                }
                return abs(requested - booked) <= Self.suggestionWindowDays
            }
            if candidates.count == 1, let topUp = candidates.first {
                taken.insert(topUp.id)
                return (.suggested, topUp)
            }
        }
        if let mismatch { return (.mismatch, mismatch) }
        return (.unmatched, nil)
    }

    /// Days since 1970-01-01 of a `yyyy-MM-dd` day (the proleptic Gregorian calendar, by arithmetic).
    static func dayNumber(_ day: String) -> Int? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        // Howard Hinnant's days-from-civil.
        let (year, month, dayOfMonth) = (parts[0] - (parts[1] <= 2 ? 1 : 0), parts[1], parts[2])
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + dayOfMonth - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

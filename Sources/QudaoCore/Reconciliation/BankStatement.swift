import Foundation

/// Where a bank statement's amount is: two columns (credit and debit), one signed column, or one
/// column with a direction column beside it (借/贷).
public enum BankAmountColumns: Sendable, Hashable, Codable {
    case creditDebit(credit: String, debit: String)
    case signed(amount: String)
    case withDirection(amount: String, direction: String, creditMarkers: [String])

    /// The columns it reads.
    public var columns: [String] {
        switch self {
        case .creditDebit(let credit, let debit): [credit, debit]
        case .signed(let amount): [amount]
        case .withDirection(let amount, let direction, _): [amount, direction]
        }
    }
}

/// Which column of a bank's export holds what (RULES §8): kept per bank account, so a later file of
/// the same account needs no mapping. Column names are matched ignoring spaces, case and full-width
/// brackets.
public struct BankColumnMapping: Sendable, Hashable, Codable {
    public var bookingDate: String
    public var amount: BankAmountColumns
    public var counterpartyName: String
    public var counterpartyAccount: String?
    /// 摘要, 用途, 附言…: joined with a space, since a payer writes the reference in any of them.
    public var memo: [String]

    /// Creates a mapping.
    public init(bookingDate: String, amount: BankAmountColumns, counterpartyName: String, counterpartyAccount: String?, memo: [String]) {
        self.bookingDate = bookingDate
        self.amount = amount
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.memo = memo
    }

    /// Every column the mapping reads, each once.
    public var columns: [String] {
        var all = [bookingDate] + amount.columns + [counterpartyName] + (counterpartyAccount.map { [$0] } ?? []) + memo
        var seen: Set<String> = []
        all = all.filter { seen.insert(BankStatementParser.normalizedHeader($0)).inserted }
        return all
    }
}

/// The export formats shipped with Qudao, modelled on the corporate online-banking exports of three
/// major Chinese banks (the tests make a sample file of each), and a mapping HQ finance sets itself.
public enum BankFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// 工商银行 企业网银 账户明细: 借方发生额 / 贷方发生额 columns, 对方单位 and 对方账号, 摘要 and 用途.
    case icbc
    /// 建设银行 企业网银 交易明细: 借方发生额（支取） / 贷方发生额（收入）, 对方户名, 摘要 and 备注.
    case ccb
    /// 招商银行 企业银行 交易明细: one 交易金额 column with 借贷标志, 收(付)方名称, 摘要 and 用途.
    case cmb
    /// Columns HQ finance maps by hand.
    case custom

    /// The mapping of a shipped format; nil for a custom one.
    public var preset: BankColumnMapping? {
        switch self {
        case .icbc:
            BankColumnMapping(
                bookingDate: "交易时间", amount: .creditDebit(credit: "贷方发生额", debit: "借方发生额"), counterpartyName: "对方单位",
                counterpartyAccount: "对方账号", memo: ["摘要", "用途"])
        case .ccb:
            BankColumnMapping(
                bookingDate: "交易时间", amount: .creditDebit(credit: "贷方发生额（收入）", debit: "借方发生额（支取）"), counterpartyName: "对方户名",
                counterpartyAccount: "对方账号", memo: ["摘要", "备注"])
        case .cmb:
            BankColumnMapping(
                bookingDate: "交易日", amount: .withDirection(amount: "交易金额", direction: "借贷标志", creditMarkers: ["贷"]),
                counterpartyName: "收(付)方名称", counterpartyAccount: "收(付)方账号", memo: ["摘要", "用途"])
        case .custom: nil
        }
    }
}

/// One movement read from a bank statement, before it is stored.
public struct ParsedBankLine: Sendable, Hashable {
    /// The row in the file (1 is the first row, title rows included), for messages.
    public let rowNumber: Int
    /// `yyyy-MM-dd`.
    public let bookedOn: String
    /// Always positive; `direction` says which way.
    public let amount: Money
    public let direction: LedgerDirection
    public let counterpartyName: String
    public let counterpartyAccount: String
    public let memo: String

    /// Creates a line.
    public init(
        rowNumber: Int, bookedOn: String, amount: Money, direction: LedgerDirection, counterpartyName: String, counterpartyAccount: String,
        memo: String
    ) {
        self.rowNumber = rowNumber
        self.bookedOn = bookedOn
        self.amount = amount
        self.direction = direction
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.memo = memo
    }

    /// What makes two lines the same movement (RULES §8), without the ordinal.
    public var identity: String {
        [bookedOn, String(amount.fen), direction.rawValue, counterpartyAccount, memo].joined(separator: "\u{1F}")
    }
}

/// What a statement file says: its lines, the rows skipped (blank, totals) and every problem, each
/// naming the row and the column (`rows[12].贷方发生额`).
public struct BankStatementParse: Sendable, Hashable {
    public var lines: [ParsedBankLine] = []
    public var skippedRows = 0
    public var errors: [FieldError] = []
}

/// Reads a bank statement's rows with a column mapping.
public enum BankStatementParser {
    /// The most problems reported for one file: enough to fix a column, short enough to read.
    public static let maximumErrors = 50
    /// Title rows a bank puts above the header (account, period, printing time…) are looked through up to here.
    public static let headerSearchRows = 30

    /// A header as compared: no spaces, lower case, full-width brackets and colons as ASCII.
    public static func normalizedHeader(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case " ", "\u{3000}", "\t", "*": continue
            case "（": result.append("(")
            case "）": result.append(")")
            case "：": result.append(":")
            default: result.append(contentsOf: character.lowercased())
            }
        }
        return result
    }

    /// Finds the header row and reads every row below it. A column the mapping names that the file
    /// lacks is one problem naming it, and nothing is read.
    public static func parse(_ rows: [[String]], mapping: BankColumnMapping) -> BankStatementParse {
        var parse = BankStatementParse()
        let wanted = mapping.columns.map(normalizedHeader)
        // The header is the first row holding every mapped column; otherwise the row with the most.
        var best: (index: Int, found: Int)?
        for (index, row) in rows.prefix(headerSearchRows).enumerated() {
            let headers = Set(row.map { baseHeader(normalizedHeader($0)) })
            let found = wanted.filter { headers.contains(baseHeader($0)) }.count
            if found > (best?.found ?? 0) { best = (index, found) }
            if found == wanted.count { break }
        }
        guard let header = best, header.found > 0 else {
            parse.errors.append(FieldError(field: "file", problem: .notAllowed(reason: .bankColumnsMissing(columns: mapping.columns))))
            return parse
        }
        let headerRow = rows[header.index].map(normalizedHeader)
        var positions: [String: (index: Int, tenThousands: Bool)] = [:]
        for column in mapping.columns {
            let key = normalizedHeader(column)
            if let index = headerRow.firstIndex(where: { baseHeader($0) == baseHeader(key) }) {
                positions[key] = (index, headerRow[index].contains("万元"))
            }
        }
        let missing = mapping.columns.filter { positions[normalizedHeader($0)] == nil }
        if !missing.isEmpty {
            parse.errors.append(FieldError(field: "file", problem: .notAllowed(reason: .bankColumnsMissing(columns: missing))))
            return parse
        }
        // Each mapped column's place, by the name the mapping spells, found once rather than per cell.
        var places: [String: (index: Int, tenThousands: Bool)] = [:]
        for column in mapping.columns + mapping.amount.columns + [mapping.bookingDate, mapping.counterpartyName] + mapping.memo {
            places[column] = positions[normalizedHeader(column)]
        }
        if let account = mapping.counterpartyAccount { places[account] = positions[normalizedHeader(account)] }
        func cell(_ row: [String], _ column: String) -> String {
            guard let position = places[column], position.index < row.count else { return "" }
            return row[position.index].trimmingWhitespace()
        }
        func unit(_ column: String) -> Bool { places[column]?.tenThousands ?? false }
        for index in rows.indices where index > header.index {
            let row = rows[index]
            let rowNumber = index + 1
            if row.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
                parse.skippedRows += 1
                continue
            }
            if isTotalsRow(row, dateCell: cell(row, mapping.bookingDate)) {
                parse.skippedRows += 1
                continue
            }
            if parse.errors.count >= maximumErrors { break }
            var rowErrors: [FieldError] = []
            func problem(_ column: String, _ problem: FieldError.Problem) {
                rowErrors.append(FieldError(field: "rows[\(rowNumber)].\(column)", problem: problem))
            }
            for column in mapping.columns where cell(row, column).hasPrefix("=") {
                problem(column, .notAllowed(reason: .formulaNotValue))
            }
            if !rowErrors.isEmpty {
                parse.errors += rowErrors
                continue
            }
            let date = bookingDay(cell(row, mapping.bookingDate))
            if date == nil { problem(mapping.bookingDate, .invalidFormat(expected: .date)) }
            var amount: Money?
            var direction: LedgerDirection?
            switch mapping.amount {
            case .creditDebit(let creditColumn, let debitColumn):
                let creditText = cell(row, creditColumn)
                let debitText = cell(row, debitColumn)
                let credit = parsedAmount(creditText, tenThousands: unit(creditColumn))
                let debit = parsedAmount(debitText, tenThousands: unit(debitColumn))
                if !creditText.isEmpty && credit == nil { problem(creditColumn, .invalidFormat(expected: .yuanAmount)) }
                if !debitText.isEmpty && debit == nil { problem(debitColumn, .invalidFormat(expected: .yuanAmount)) }
                let creditFen = credit?.fen ?? 0
                let debitFen = debit?.fen ?? 0
                if rowErrors.isEmpty {
                    if creditFen > 0 && debitFen > 0 {
                        problem(debitColumn, .notAllowed(reason: .bankLineBothSides))
                    } else if creditFen > 0 {
                        (amount, direction) = (Money(fen: creditFen), .credit)
                    } else if debitFen > 0 {
                        (amount, direction) = (Money(fen: debitFen), .debit)
                    } else if creditFen < 0 || debitFen < 0 {
                        problem(creditFen < 0 ? creditColumn : debitColumn, .amountOutOfRange(minimumFen: 1, maximumFen: maximumLineFen))
                    } else {
                        problem(creditColumn, .required)
                    }
                }
            case .signed(let column):
                let text = cell(row, column)
                if let value = parsedAmount(text, tenThousands: unit(column)), value.fen != 0 {
                    (amount, direction) = (Money(fen: abs(value.fen)), value.fen > 0 ? .credit : .debit)
                } else {
                    problem(column, text.isEmpty ? .required : .invalidFormat(expected: .yuanAmount))
                }
            case .withDirection(let column, let directionColumn, let creditMarkers):
                let text = cell(row, column)
                if let value = parsedAmount(text, tenThousands: unit(column)), value.fen > 0 {
                    amount = value
                } else {
                    problem(column, text.isEmpty ? .required : .invalidFormat(expected: .yuanAmount))
                }
                let marker = cell(row, directionColumn)
                if marker.isEmpty {
                    problem(directionColumn, .required)
                } else {
                    direction = creditMarkers.contains { marker.contains($0) } ? .credit : .debit
                }
            }
            if let value = amount, value.fen > maximumLineFen {
                problem(mapping.amount.columns[0], .amountOutOfRange(minimumFen: 1, maximumFen: maximumLineFen))
            }
            guard rowErrors.isEmpty, let date, let amount, let direction else {
                parse.errors += rowErrors
                continue
            }
            let memo = mapping.memo.map { cell(row, $0) }.filter { !$0.isEmpty }.joined(separator: " ")
            parse.lines.append(
                ParsedBankLine(
                    rowNumber: rowNumber, bookedOn: date, amount: amount, direction: direction,
                    counterpartyName: String(cell(row, mapping.counterpartyName).prefix(120)),
                    counterpartyAccount: String(mapping.counterpartyAccount.map { cell(row, $0) }?.filter { !$0.isWhitespace }.prefix(40) ?? ""),
                    memo: String(memo.prefix(300))))
        }
        if parse.errors.count > maximumErrors { parse.errors = Array(parse.errors.prefix(maximumErrors)) }
        return parse
    }

    /// The largest single movement read: ¥1,000,000,000.00.
    public static let maximumLineFen: Int64 = 100_000_000_000

    /// A header without a unit in brackets, so `贷方发生额(万元)` is the column `贷方发生额`.
    static func baseHeader(_ normalized: String) -> String {
        for unit in ["(万元)", "(元)", "(人民币)", "(rmb)", "(cny)"] where normalized.hasSuffix(unit) {
            return String(normalized.dropLast(unit.count))
        }
        return normalized
    }

    /// A bank's totals row (合计, 本页小计, 总计…) carries no movement of its own.
    static func isTotalsRow(_ row: [String], dateCell: String) -> Bool {
        let markers = ["合计", "总计", "小计", "累计"]
        let first = row.first { !$0.trimmingWhitespace().isEmpty } ?? ""
        if markers.contains(where: { first.contains($0) }) { return true }
        return dateCell.isEmpty && row.contains { cell in markers.contains { cell.contains($0) } }
    }

    /// A booking date as banks write it: `2026-11-05`, `2026/11/05`, `20261105`, `2026年11月5日`,
    /// with or without a time after it, or an Excel serial day; as `yyyy-MM-dd`.
    public static func bookingDay(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        if let serial = Int(trimmed), (20_000...80_000).contains(serial) {
            // Excel's day 1 is 1900-01-01 with a phantom 29 February 1900: day 60 on is one day later.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            guard let base = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30)),
                let day = calendar.date(byAdding: .day, value: serial, to: base)
            else { return nil }
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            return dayText(parts.year, parts.month, parts.day)
        }
        var datePart = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
        datePart = datePart.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: "").replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let pieces: [Int?]
        if datePart.count == 8, datePart.allSatisfy(\.isASCIIDigit) {
            let digits = Array(datePart)
            pieces = [Int(String(digits[0..<4])), Int(String(digits[4..<6])), Int(String(digits[6..<8]))]
        } else {
            let split = datePart.split(separator: "-")
            guard split.count == 3 else { return nil }
            pieces = split.map { Int($0) }
        }
        guard pieces.count == 3, let year = pieces[0], let month = pieces[1], let day = pieces[2], (2000...2100).contains(year) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return dayText(year, month, day)
    }

    static func dayText(_ year: Int?, _ month: Int?, _ day: Int?) -> String? {
        guard let year, let month, let day else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// An amount as banks write it: `12,345.67`, `¥12345.6`, `-100.00`, `(100.00)`, or in 万元
    /// (`1.2345`) when its column says so, exactly, without floating point. Nil when it is not a
    /// number or has more decimals than a fen.
    public static func parsedAmount(_ text: String, tenThousands: Bool) -> Money? {
        var trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return nil }
        var negative = false
        if trimmed.hasPrefix("(") && trimmed.hasSuffix(")") {
            negative = true
            trimmed = String(trimmed.dropFirst().dropLast())
        }
        trimmed = trimmed.filter { !["¥", "￥", ",", "，", " ", "元"].contains($0) }
        if trimmed.hasPrefix("RMB") || trimmed.hasPrefix("CNY") { trimmed = String(trimmed.dropFirst(3)) }
        if trimmed.hasPrefix("-") {
            negative.toggle()
            trimmed = String(trimmed.dropFirst())
        } else if trimmed.hasPrefix("+") {
            trimmed = String(trimmed.dropFirst())
        }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty || parts.count == 2,
            whole.allSatisfy(\.isASCIIDigit), whole.count <= 12
        else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        // Fen are 2 decimals of a yuan, 6 of a 万元; anything beyond must be zeros.
        let places = tenThousands ? 6 : 2
        let significant = fraction.count > places ? String(fraction.prefix(places)) : fraction
        if fraction.count > places && fraction.dropFirst(places).contains(where: { $0 != "0" }) { return nil }
        let padded = significant + String(repeating: "0", count: places - significant.count)
        guard let units = Int64(whole.isEmpty ? "0" : String(whole)), let cents = Int64(padded.isEmpty ? "0" : padded) else { return nil }
        let multiplier: Int64 = tenThousands ? 1_000_000 : 100
        let fen = units * multiplier + cents
        return Money(fen: negative ? -fen : fen)
    }
}

extension Character {
    /// An ASCII digit 0–9 (not any Unicode number).
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// The columns of a bank's export as a sample file shows them, and a first guess at which is which,
/// for mapping a bank Qudao ships no layout for.
public struct BankHeaderGuess: Sendable, Hashable {
    /// The header row's names, in file order.
    public let headers: [String]
    public var bookingDate: String?
    public var creditColumn: String?
    public var debitColumn: String?
    public var amountColumn: String?
    public var directionColumn: String?
    public var counterpartyName: String?
    public var counterpartyAccount: String?
    public var memo: [String]

    /// The header of `rows`: among the first rows, the one with the most non-empty cells (title rows
    /// above it hold one or two), and the usual Chinese banks' names for each field.
    public init?(rows: [[String]]) {
        let candidates = rows.prefix(BankStatementParser.headerSearchRows)
        guard
            let header = candidates.max(by: {
                $0.filter { !$0.trimmingWhitespace().isEmpty }.count < $1.filter { !$0.trimmingWhitespace().isEmpty }.count
            }),
            header.filter({ !$0.trimmingWhitespace().isEmpty }).count >= 3
        else { return nil }
        let names = header.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        func first(_ words: [String], excluding: [String] = []) -> String? {
            names.first { name in
                let normalized = BankStatementParser.normalizedHeader(name)
                return words.contains { normalized.contains($0) } && !excluding.contains { normalized.contains($0) }
            }
        }
        headers = names
        bookingDate = first(["交易日期", "记账日期", "交易日", "入账日期", "交易时间", "日期"], excluding: ["起息"])
        var credit = first(["贷方", "收入", "存入"])
        var debit = first(["借方", "支出", "支取"])
        if credit == nil || debit == nil {
            credit = nil
            debit = nil
            amountColumn = first(["交易金额", "发生额", "金额"], excluding: ["余额"])
            directionColumn = first(["借贷", "收支", "方向"])
        }
        creditColumn = credit
        debitColumn = debit
        counterpartyName = first(["对方户名", "对方单位", "对方名称", "收(付)方名称", "付款人", "对方账户名"])
        counterpartyAccount = first(["对方账号", "对方帐号", "收(付)方账号", "收(付)方帐号", "付款账号", "对方账户"], excluding: ["名", "行"])
        memo = names.filter { name in
            let normalized = BankStatementParser.normalizedHeader(name)
            return ["摘要", "用途", "附言", "备注", "交易说明"].contains { normalized.contains($0) }
        }
    }
}

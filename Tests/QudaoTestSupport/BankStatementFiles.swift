import Foundation
import QudaoCore
import QudaoFiles

/// One movement for a sample bank statement.
public struct SampleBankLine: Sendable, Hashable {
    /// `2026-11-05 10:23:11` (or a day alone).
    public var bookedAt: String
    /// Positive: money in (贷); negative: money out (借).
    public var amountFen: Int64
    public var counterpartyName: String
    public var counterpartyAccount: String
    /// 摘要.
    public var summary: String
    /// 用途 / 附言 / 备注: where payers write the reference.
    public var purpose: String

    /// Creates a line.
    public init(bookedAt: String, amountFen: Int64, counterpartyName: String, counterpartyAccount: String, summary: String = "转账", purpose: String) {
        self.bookedAt = bookedAt
        self.amountFen = amountFen
        self.counterpartyName = counterpartyName
        self.counterpartyAccount = counterpartyAccount
        self.summary = summary
        self.purpose = purpose
    }
}

/// Sample statement files laid out like three Chinese banks' corporate online-banking exports (the
/// formats Qudao ships mappings for): title rows above the header, a blank row and a totals row at
/// the end, amounts with thousands separators.
public enum BankStatementFiles {
    /// GB18030, what Chinese Excel and WPS call "CSV" (a superset of GBK).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Yuan with thousands separators and two decimals, as banks print them: `12,345.60`.
    public static func yuan(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + whole + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// 工商银行: a GBK CSV, 借方发生额 / 贷方发生额 columns.
    public static func icbcCSV(account: String, lines: [SampleBankLine]) -> Data {
        var rows: [[String]] = [
            ["中国工商银行 账户明细"], ["账号", account, "币种", "人民币"], ["查询日期", "2026-11-01 至 2026-11-30"], [],
            ["凭证号", "交易时间", "对方单位", "对方账号", "借方发生额", "贷方发生额", "余额", "摘要", "用途"],
        ]
        var balance: Int64 = 100_000_00
        var credits: Int64 = 0
        var debits: Int64 = 0
        for (index, line) in lines.enumerated() {
            balance += line.amountFen
            if line.amountFen > 0 { credits += line.amountFen } else { debits -= line.amountFen }
            rows.append([
                String(format: "%08d", index + 1), line.bookedAt, line.counterpartyName, line.counterpartyAccount,
                line.amountFen < 0 ? yuan(-line.amountFen) : "", line.amountFen > 0 ? yuan(line.amountFen) : "", yuan(balance), line.summary,
                line.purpose,
            ])
        }
        rows.append([])
        rows.append(["合计", "", "", "", yuan(debits), yuan(credits), "", "", ""])
        let text = rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return text.data(using: gb18030) ?? Data()
    }

    /// 建设银行: an .xlsx with a title above the header, 借方发生额（支取） / 贷方发生额（收入）.
    public static func ccbWorkbook(account: String, lines: [SampleBankLine]) throws -> Data {
        var credits: Int64 = 0
        var rows: [[SpreadsheetCell]] = lines.map { line in
            if line.amountFen > 0 { credits += line.amountFen }
            return [
                .text(line.bookedAt), .text(line.amountFen < 0 ? yuan(-line.amountFen) : ""), .text(line.amountFen > 0 ? yuan(line.amountFen) : ""),
                .text(line.counterpartyName), .text(line.counterpartyAccount), .text("建设银行深圳分行"), .text(line.summary), .text(line.purpose),
            ]
        }
        rows.append([.empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty])
        rows.append([.text("本页合计"), .empty, .text(yuan(credits)), .empty, .empty, .empty, .empty, .empty])
        let table = SpreadsheetTable(
            name: "交易明细",
            header: ["交易时间", "借方发生额（支取）", "贷方发生额（收入）", "对方户名", "对方账号", "对方开户机构", "摘要", "备注"], rows: rows,
            notes: ["中国建设银行 单位客户账户交易明细", "账号:\(account)"])
        return try XLSXWriter.data([table], modifiedAt: Date(timeIntervalSince1970: 1_796_000_000))
    }

    /// 招商银行: a UTF-8 CSV with a byte order mark, one 交易金额 column and 借贷标志.
    public static func cmbCSV(account: String, lines: [SampleBankLine]) -> Data {
        var rows: [[String]] = [
            ["招商银行交易明细"], ["账号:\(account)"],
            ["交易日", "交易时间", "借贷标志", "交易金额", "余额", "收(付)方名称", "收(付)方账号", "摘要", "用途"],
        ]
        for line in lines {
            let day = String(line.bookedAt.prefix(10)).replacingOccurrences(of: "-", with: "")
            let time = line.bookedAt.count > 10 ? String(line.bookedAt.suffix(8)) : ""
            rows.append([
                day, time, line.amountFen > 0 ? "贷" : "借", yuan(line.amountFen.magnitude == 0 ? 0 : Int64(line.amountFen.magnitude)), "",
                line.counterpartyName, line.counterpartyAccount, line.summary, line.purpose,
            ])
        }
        let text = rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
        return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
    }
}

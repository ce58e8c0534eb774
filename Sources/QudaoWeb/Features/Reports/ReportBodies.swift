import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// A report through the API: its columns (with their types) and rows of plain values, money in fen.
struct ReportPageResponse: Codable {
    struct Column: Codable {
        let name: String
        /// text, integer, fen or date.
        let type: String
    }

    enum Value: Codable {
        case text(String)
        case integer(Int64)
        case null

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .integer(let number): try container.encode(number)
            case .null: try container.encodeNil()
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let number = try? container.decode(Int64.self) {
                self = .integer(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    let report: String
    let filter: DashboardFilterBody
    let generatedAt: Date
    let totalCount: Int64
    let page: Int
    let pageSize: Int
    let columns: [Column]
    let rows: [[Value]]

    init(_ result: ReportPage, table: SpreadsheetTable) {
        report = result.kind.rawValue
        filter = DashboardFilterBody(result.filter)
        generatedAt = result.generatedAt
        totalCount = result.totalCount
        page = result.pageNumber
        pageSize = result.pageSize
        // A column's type is the type of its first non-empty cell.
        columns = table.header.enumerated().map { index, name in
            let sample = table.rows.lazy.map { index < $0.count ? $0[index] : .empty }.first { $0 != .empty }
            let type =
                switch sample {
                case .integer: "integer"
                case .money: "fen"
                case .date: "date"
                default: "text"
                }
            return Column(name: name, type: type)
        }
        rows = table.rows.map { row in
            row.map { cell in
                switch cell {
                case .text(let text): .text(text)
                case .integer(let number): .integer(number)
                case .money(let money): .integer(money.fen)
                case .date(let day): .text(day)
                case .empty: .null
                }
            }
        }
    }
}

extension ReportPageResponse.Value: SchemaDescribing {
    static var schema: Schema { .oneOf([.string(), .integer()], isNullable: true) }
    static var schemaSample: Self { .null }
}

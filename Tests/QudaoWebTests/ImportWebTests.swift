import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Product import on the web and the API")
struct ImportWebTests {
    /// The template filled in with `rows` (header from the template itself).
    static func filled(_ template: Data, rows: [[String]]) throws -> Data {
        let read = try XLSXReader.rows(template)
        let header = try #require(read.first)
        let table = SpreadsheetTable(name: "商品导入", header: header, rows: rows.map { $0.map { SpreadsheetCell.text($0) } })
        return try XLSXWriter.data([table], modifiedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test("HQ downloads the template, uploads it with mistakes (each shown by row and column), then a good file, previews and commits it")
    func pages() async throws {
        try await TestApp.run { app in
            var session = PageSession(app)
            _ = try await session.signIn("hq-ops")
            let page = try await session.get("/hq/products/import")
            #expect(page.status == .ok && page.text.contains("id=\"download-template\""))
            let template = try await session.get("/hq/products/import/template.xlsx")
            #expect(template.status == .ok)
            let templateRows = try XLSXReader.rows(Data(buffer: template.body))
            #expect(templateRows.first?.first == "商品编码*" && templateRows.count == 2)
            let csrf = PageSession.csrf(in: page.text)
            func upload(_ data: Data, name: String) async throws -> TestResponse {
                let boundary = "qudao-import-boundary"
                var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
                body.append(
                    Data(
                        "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                            .utf8))
                body.append(data)
                body.append(Data("\r\n--\(boundary)--\r\n".utf8))
                var headers = session.cookieHeader
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                return try await app.client.execute(uri: "/hq/products/import", method: .post, headers: headers, body: ByteBuffer(data: body))
            }
            let before = try await app.count("products")
            let bad = try Self.filled(
                Data(buffer: template.body),
                rows: [
                    ["NEW-1", "新品", "不存在", "盒", "12", "89.00", "53.40", "62.30", "71.20", "", "", "", "是", ""],
                    ["SK-1001", "", "护肤", "瓶", "6", "=1+1", "1", "1", "1", "", "", "", "", ""],
                ])
            let refused = try await upload(bad, name: "商品.xlsx")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("id=\"import-problems\"") && refused.text.contains("品类") && refused.text.contains("不能是公式"))
            #expect(try await app.count("products") == before)
            // a macro-enabled workbook is refused by name
            let macro = try await upload(Data("PK".utf8), name: "商品.xlsm")
            #expect(macro.status == .unprocessableContent && macro.text.contains("宏"))

            let good = try Self.filled(
                Data(buffer: template.body),
                rows: [
                    ["NEW-1", "新品面霜", "护肤", "瓶", "6", "129.00", "77.40", "90.30", "103.20", "", "", "", "是", "新品"],
                    ["SK-1001", "玻尿酸补水精华液 30ml", "护肤", "瓶", "6", "209.00", "119.40", "139.30", "159.20", "", "", "", "", ""],
                ])
            let preview = try await upload(good, name: "商品.xlsx")
            #expect(preview.status == .ok && preview.text.contains("id=\"import-preview\""))
            let action = try #require(preview.text.range(of: "/hq/products/import/imp_").map { String(preview.text[$0.lowerBound...].prefix(51)) })
            let committed = try await session.post(action, form: [("_csrf", PageSession.csrf(in: preview.text))])
            #expect(committed.status == .found)
            #expect(committed.headers[.location]?.contains("created=1&updated=1") == true)
            #expect(try await app.count("products") == before + 1)
            let list = try await session.get("/hq/products/import")
            #expect(list.text.contains("id=\"import-history\"") && list.text.contains("商品.xlsx"))
        }
    }

    @Test("the API checks a file (problems by row and field) and commits a valid one once; partners cannot import")
    func api() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-ops")
            let template = try await app.request(.get, "/api/v1/imports/products/template", token: token)
            #expect(template.status == .ok)
            let bad = try Self.filled(Data(buffer: template.body), rows: [["X 1", "名", "护肤", "盒", "0", "1.001", "1", "1", "1", "", "", "", "", ""]])
            let refused = try await app.request(
                .post, "/api/v1/imports/products", token: token, json: #"{"fileName":"x.xlsx","contentBase64":"\#(bad.base64EncodedString())"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(Set(try refused.problemFields()) == ["rows[2].sku", "rows[2].packSize", "rows[2].listPriceFen"])
            let good = try Self.filled(
                Data(buffer: template.body), rows: [["API-1", "接口导入", "护肤", "盒", "12", "10.00", "6.00", "7.00", "8.00", "", "", "", "", ""]])
            let checked = try await app.request(
                .post, "/api/v1/imports/products", token: token, json: #"{"fileName":"x.xlsx","contentBase64":"\#(good.base64EncodedString())"}"#)
            #expect(checked.status == .created)
            let batch = try checked.json()["batchId"] as? String ?? ""
            #expect(try await app.request(.post, "/api/v1/imports/\(batch)/commit", token: token).status == .ok)
            #expect(try await app.request(.post, "/api/v1/imports/\(batch)/commit", token: token).status == .conflict)
            let store = try await app.token("S-GZ001")
            #expect(try await app.request(.post, "/api/v1/imports/\(batch)/commit", token: store).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/imports/products/template", token: store).status == .forbidden)
        }
    }

    @Test("a CSV's problems name the file's own rows, blank lines counted (a blank line above the header, another between rows)")
    func rowNumbersCountBlankLines() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-ops")
            let csv =
                "\n渠道编码,名称,类型,上级渠道编码,省份,城市,地址,联系人,联系电话\nXM-A1,厦门代理,代理,D-GD01,福建省,厦门市,湖里区,王芳,13812345678\n\nXM-S1,厦门门店,门店,XM-A1,福建省,厦门市,思明区,李雷,1391\n"
            let refused = try await app.request(
                .post, "/api/v1/imports/partners", token: token,
                json: #"{"fileName":"渠道.csv","contentBase64":"\#(Data(csv.utf8).base64EncodedString())"}"#)
            // The bad phone is on line 5 of the file: the blank first line is 1, the header 2, the agent 3, a blank 4.
            #expect(refused.status == .unprocessableContent)
            #expect(try refused.problemFields() == ["rows[5].contactPhone"])
        }
    }

    @Test("partners import from a GBK CSV through the API (a parent created by an earlier row), and the page lists the import")
    func partners() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-ops")
            let template = try await app.request(.get, "/api/v1/imports/partners/template", token: token)
            #expect(template.status == .ok)
            let templateHeader = try XLSXReader.rows(Data(buffer: template.body)).first?.first
            #expect(templateHeader == "Partner code*")  // the API speaks English unless asked for Chinese
            let csv =
                "渠道编码,名称,类型,上级渠道编码,省份,城市,地址,联系人,联系电话\nXM-A1,厦门代理,代理,D-GD01,福建省,厦门市,湖里区,王芳,13812345678\nXM-S1,厦门门店,门店,XM-A1,福建省,厦门市,思明区,李雷,13912345678\n"
            let gbk = try #require(csv.data(using: String.Encoding(rawValue: 0x8000_0632)))
            let checked = try await app.request(
                .post, "/api/v1/imports/partners", token: token, json: #"{"fileName":"渠道.csv","contentBase64":"\#(gbk.base64EncodedString())"}"#)
            #expect(checked.status == .created)
            #expect(try checked.json()["creating"] as? Int == 2)
            let batch = try checked.json()["batchId"] as? String ?? ""
            let committed = try await app.request(.post, "/api/v1/imports/\(batch)/commit", token: token)
            #expect(try committed.json()["created"] as? Int == 2)
            let store = try await app.platform.database.read { try await $0.partner(code: "XM-S1", cipher: app.platform.cipher) }
            #expect(store?.level == 3 && store?.name == "厦门门店")
            var session = PageSession(app)
            _ = try await session.signIn("hq-ops")
            let page = try await session.get("/hq/partners/import")
            #expect(page.status == .ok && page.text.contains("渠道.csv"))
            // finance may not import partners
            let finance = try await app.token("hq-finance")
            #expect(
                try await app.request(.post, "/api/v1/imports/partners", token: finance, json: #"{"fileName":"x.csv","contentBase64":"YQ=="}"#).status
                    == .forbidden)
        }
    }
}

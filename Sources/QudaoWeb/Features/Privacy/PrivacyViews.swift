import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// A person's copy as a workbook people open (one sheet per kind of record) and as JSON.
enum PrivacyViews {
    static let workbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The workbook as a download, for HQ's request page and the owner's own copy alike.
    static func file(_ copy: PersonalDataCopy, language: Language) throws -> Response {
        FileResponse.make(try workbook(copy, language: language), fileName: "personal-data.xlsx", contentType: workbookContentType)
    }

    /// The workbook: contacts, logins, orders shipped to the person and saved addresses, each a
    /// sheet whose notes say what the file is and when it was made.
    static func workbook(_ copy: PersonalDataCopy, language: Language) throws -> Data {
        let t = { (chinese: String, english: String) in language.t(chinese, english) }
        let notes = [
            t("个人信息副本(《个人信息保护法》第四十五条)", "Copy of personal data (PIPL Art. 45)"),
            t("生成时间:", "Made at: ") + BusinessTime.displayText(copy.madeAt),
        ]
        let contacts = SpreadsheetTable(
            name: t("渠道联系人", "Partner contacts"),
            header: [
                t("渠道编码", "Partner code"), t("渠道名称", "Partner"), language.t(.contact), t("联系电话", "Phone"), language.t(.province),
                language.t(.city), t("地址", "Address"), t("佣金收款方式", "Payout method"), t("收款户名", "Account name"), t("开户行", "Bank"),
                t("收款账号", "Account number"),
            ],
            rows: copy.partners.map { contact in
                [
                    .text(contact.partner.code), .text(contact.partner.name), .text(contact.partner.contactName),
                    .text(contact.partner.contactPhone), .text(contact.partner.province), .text(contact.partner.city),
                    .text(contact.partner.address), .text(language.payoutMethod(contact.payout.method)),
                    .text(contact.payout.accountName ?? ""), .text(contact.payout.bankName ?? ""), .text(contact.payout.accountNumber ?? ""),
                ]
            }, notes: notes)
        let accounts = SpreadsheetTable(
            name: t("登录账号", "Logins"),
            header: [t("渠道编码", "Partner code"), t("登录名", "Login name"), t("显示名称", "Display name"), t("创建日期", "Created")],
            rows: copy.partners.flatMap { contact in
                contact.accounts.map { account in
                    [
                        .text(contact.partner.code), .text(account.username), .text(account.displayName),
                        .date(BusinessTime.dayText(account.createdAt)),
                    ]
                }
            }, notes: notes)
        let orders = SpreadsheetTable(
            name: t("订单收货信息", "Orders shipped to you"),
            header: [
                t("订单号", "Order"), t("下单日期", "Date"), language.t(.status), t("应付金额", "Net"), t("收货人", "Recipient"),
                t("收货电话", "Phone"), t("收货地址", "Address"),
            ],
            rows: copy.orders.map { order in
                [
                    .text(order.number), .date(BusinessTime.dayText(order.createdAt)), .text(language.orderStatus(order.status)),
                    .money(order.net), .text(order.shipName), .text(order.shipPhone), .text(order.shipAddress),
                ]
            }, notes: notes)
        let addresses = SpreadsheetTable(
            name: t("收货地址", "Saved addresses"),
            header: [t("标签", "Label"), t("收货人", "Recipient"), language.t(.phone), t("地址", "Address")],
            rows: copy.addresses.map { [.text($0.label), .text($0.recipientName), .text($0.phone), .text($0.formattedLine)] }, notes: notes)
        return try XLSXWriter.data([contacts, accounts, orders, addresses], modifiedAt: copy.madeAt)
    }
}

struct PersonalDataCopyResponse: Codable {
    struct ContactResponse: Codable {
        let partnerCode: String
        let partnerName: String
        let contactName: String
        let contactPhone: String
        let address: String
        let payoutMethod: String
        let bankAccountName: String?
        let bankName: String?
        let bankAccountNumber: String?
        let logins: [String]
    }

    struct OrderResponse: Codable {
        let number: String
        let createdAt: Date
        let status: String
        let netFen: Int64
        let shipName: String
        let shipPhone: String
        let shipAddress: String
    }

    struct AddressResponse: Codable {
        let label: String
        let recipientName: String
        let phone: String
        let address: String
    }

    let madeAt: Date
    let contacts: [ContactResponse]
    let orders: [OrderResponse]
    let addresses: [AddressResponse]

    init(_ copy: PersonalDataCopy) {
        madeAt = copy.madeAt
        contacts = copy.partners.map { contact in
            ContactResponse(
                partnerCode: contact.partner.code, partnerName: contact.partner.name, contactName: contact.partner.contactName,
                contactPhone: contact.partner.contactPhone, address: contact.partner.formattedAddress, payoutMethod: contact.payout.method.rawValue,
                bankAccountName: contact.payout.accountName, bankName: contact.payout.bankName, bankAccountNumber: contact.payout.accountNumber,
                logins: contact.accounts.map(\.username))
        }
        orders = copy.orders.map {
            OrderResponse(
                number: $0.number, createdAt: $0.createdAt, status: $0.status.rawValue, netFen: $0.net.fen, shipName: $0.shipName,
                shipPhone: $0.shipPhone, shipAddress: $0.shipAddress)
        }
        addresses = copy.addresses.map {
            AddressResponse(label: $0.label, recipientName: $0.recipientName, phone: $0.phone, address: $0.formattedLine)
        }
    }
}

struct PersonalDataRequest: Decodable {
    /// The person's phone number, as they give it.
    let phone: String?
}

struct PersonalDataErasureResponse: Codable {
    let orders: Int
    let addresses: Int
    let partners: Int
    let accounts: Int

    init(_ erasure: PersonalDataErasure) {
        orders = erasure.orders
        addresses = erasure.addresses
        partners = erasure.partners
        accounts = erasure.accounts
    }
}

import Foundation
import QudaoCore
import SQLKit

extension SQLSession {
    /// The documents behind internal ids, by id, so statements and vouchers can show numbers:
    /// orders, top-ups, returns (with their order), commission statements and manual adjustments.
    /// At most ``PageRequest/maximumPageSize`` ids of each kind are looked up.
    public func documentReferences(ids: [String]) async throws -> [String: DocumentReference] {
        var references: [String: DocumentReference] = [:]
        let all = ids
        func withPrefix(_ prefix: String) -> [String] {
            Array(Set(all.filter { $0.hasPrefix(prefix + "_") }).prefix(PageRequest.maximumPageSize))
        }
        let orders = withPrefix("ord")
        if !orders.isEmpty {
            for row in try await rows("SELECT id, number, kind FROM orders WHERE id IN (\(binds: orders))") {
                let id = try row.string("id")
                references[id] = DocumentReference(
                    id: id, kind: try row.string("kind") == "referral" ? .referralOrder : .purchaseOrder, number: try row.string("number"))
            }
        }
        let topUps = withPrefix("top")
        if !topUps.isEmpty {
            for row in try await rows("SELECT id, number FROM top_ups WHERE id IN (\(binds: topUps))") {
                let id = try row.string("id")
                references[id] = DocumentReference(id: id, kind: .topUp, number: try row.string("number"))
            }
        }
        let returns = withPrefix("ret")
        if !returns.isEmpty {
            for row in try await rows(
                "SELECT r.id, r.number, r.order_id, o.number AS order_number FROM order_returns r JOIN orders o ON o.id = r.order_id WHERE r.id IN (\(binds: returns))"
            ) {
                let id = try row.string("id")
                references[id] = DocumentReference(
                    id: id, kind: .orderReturn, number: try row.string("number"), orderId: try row.string("order_id"),
                    orderNumber: try row.string("order_number"))
            }
        }
        let statements = withPrefix("stm")
        if !statements.isEmpty {
            for row in try await rows("SELECT id, number FROM settlement_statements WHERE id IN (\(binds: statements))") {
                let id = try row.string("id")
                references[id] = DocumentReference(id: id, kind: .commissionStatement, number: try row.string("number"))
            }
        }
        let disputes = withPrefix("dsp")
        if !disputes.isEmpty {
            for row in try await rows("SELECT id, number FROM statement_disputes WHERE id IN (\(binds: disputes))") {
                let id = try row.string("id")
                references[id] = DocumentReference(id: id, kind: .statementDispute, number: try row.string("number"))
            }
        }
        for id in withPrefix("adj") { references[id] = DocumentReference(id: id, kind: .adjustment, number: nil) }
        return references
    }
}

extension SQLSession {
    /// How people know the things audit entries name, by internal id: a partner by code and
    /// name, a product by SKU and name, an account by its display name, a category by name, and
    /// documents by number. Ids of other kinds are left out (the page shows them as they are).
    public func readableNames(ids: [String]) async throws -> [String: String] {
        let unique = Array(Set(ids))
        func withPrefix(_ prefix: String) -> [String] {
            Array(unique.filter { $0.hasPrefix(prefix + "_") }.prefix(PageRequest.maximumPageSize))
        }
        var names: [String: String] = [:]
        let partners = withPrefix("prt")
        if !partners.isEmpty {
            for row in try await rows("SELECT id, code, name FROM partners WHERE id IN (\(binds: partners))") {
                names[try row.string("id")] = "\(try row.string("code")) \(try row.string("name"))"
            }
        }
        let products = withPrefix("prd")
        if !products.isEmpty {
            for row in try await rows("SELECT id, sku, name FROM products WHERE id IN (\(binds: products))") {
                names[try row.string("id")] = "\(try row.string("sku")) \(try row.string("name"))"
            }
        }
        let accounts = withPrefix("acc")
        if !accounts.isEmpty {
            for row in try await rows("SELECT id, username, display_name FROM accounts WHERE id IN (\(binds: accounts))") {
                names[try row.string("id")] = try row.string("display_name")
            }
        }
        let categories = withPrefix("cat")
        if !categories.isEmpty {
            for row in try await rows("SELECT id, name FROM product_categories WHERE id IN (\(binds: categories))") {
                names[try row.string("id")] = try row.string("name")
            }
        }
        for (id, document) in try await documentReferences(ids: unique) {
            if let number = document.number { names[id] = number }
        }
        return names
    }
}

import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The versioned JSON API under `/api/v1` (documented in `/api/v1/openapi.json`).
struct APIRoutes {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in
            var headers: HTTPFields = [:]
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.cacheControl] = "public, max-age=300"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }

        // MARK: Authentication
        api.post("auth/token") { request, context in
            let body = try await decode(TokenRequest.self, request, context)
            let signedIn = try await services.auth.signIn(
                username: body.username, password: body.password, kind: "api",
                origin: RequestOrigin(sourceIP: context.sourceIP, userAgent: request.headers[.userAgent] ?? ""))
            return try JSONResponse.make(
                TokenResponse(token: signedIn.token, expiresAt: signedIn.session.expiresAt, account: AccountResponse(signedIn.account)),
                status: .created)
        }
        api.delete("auth/token") { request, context in
            let caller = try services.caller(request, context)
            if let session = context.authenticated?.session {
                try await services.auth.signOut(caller, sessionId: session.id)
            }
            return Response(status: .noContent)
        }
        api.get("me") { request, context in
            _ = try services.caller(request, context)
            guard let account = context.authenticated?.account else { throw AppError.unauthenticated }
            return try JSONResponse.make(AccountResponse(account))
        }

        // MARK: Partners
        api.get("partners") { request, context in
            let caller = try services.caller(request, context)
            var filter = PartnerFilter(
                search: request.query("search"), level: request.queryInteger("level"),
                status: request.query("status").flatMap(PartnerStatus.init(rawValue:)),
                type: request.query("type").flatMap(PartnerType.init(rawValue:)), province: request.query("province"),
                city: request.query("city"))
            if let parentId = request.query("parentId") { filter.parentId = parentId == "hq" ? "" : parentId }
            filter.grade = request.query("grade").flatMap(Grade.init(rawValue:))
            filter.sort = request.query("sort").flatMap(PartnerSort.init(rawValue:)) ?? .tree
            let page = try await services.partners.list(caller, filter: filter, page: pageRequest(request))
            let isHQ = caller.principal.kind == .hq
            return try JSONResponse.make(PageResponse(page) { PartnerResponse($0, viewerIsHQ: isHQ) })
        }
        api.get("partners/tree") { request, context in
            let caller = try services.caller(request, context)
            let isHQ = caller.principal.kind == .hq
            return try JSONResponse.make(ItemsResponse(items: try await services.partners.tree(caller).map { PartnerResponse($0, viewerIsHQ: isHQ) }))
        }
        api.post("partners") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decode(PartnerRequest.self, request, context)
            let partner = try await services.partners.create(caller, body.input)
            return try JSONResponse.make(PartnerResponse(partner, viewerIsHQ: true), status: .created)
        }
        api.get("partners/{id}") { request, context in
            let caller = try services.caller(request, context)
            let view = try await services.partners.view(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(PartnerResponse(view.partner, viewerIsHQ: caller.principal.kind == .hq))
        }
        api.patch("partners/{id}") { request, context in
            let caller = try services.caller(request, context)
            let id = try context.parameters.require("id")
            try caller.require(.managePartners)
            let body = try await decode(PartnerRequest.self, request, context)
            let current = try await services.partners.view(caller, id: id).partner
            let partner = try await services.partners.update(caller, id: id, body.merged(onto: current))
            return try JSONResponse.make(PartnerResponse(partner, viewerIsHQ: true))
        }
        api.post("partners/{id}/move") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decode(MoveRequest.self, request, context)
            let partner = try await services.partners.move(caller, id: try context.parameters.require("id"), newParent: body.parentId)
            return try JSONResponse.make(PartnerResponse(partner, viewerIsHQ: true))
        }
        api.post("partners/{id}/status") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decode(StatusRequest.self, request, context)
            let partner = try await services.partners.changeStatus(
                caller, id: try context.parameters.require("id"), status: body.status, reason: body.reason)
            return try JSONResponse.make(PartnerResponse(partner, viewerIsHQ: true))
        }
        api.post("partners/{id}/reveal-contact-phone") { request, context in
            let caller = try services.caller(request, context)
            let phone = try await services.partners.revealContactPhone(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(RevealedPhoneResponse(contactPhone: phone))
        }

        // MARK: Catalogue
        api.get("categories") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(ItemsResponse(items: try await services.products.categories(caller).map(CategoryResponse.init)))
        }
        api.post("categories") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decode(CategoryRequest.self, request, context)
            let category = try await services.products.createCategory(caller, name: body.name, sortOrder: body.sortOrder ?? .missing)
            return try JSONResponse.make(CategoryResponse(category), status: .created)
        }
        api.patch("categories/{id}") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decode(CategoryRequest.self, request, context)
            let category = try await services.products.updateCategory(
                caller, id: try context.parameters.require("id"), name: body.name, sortOrder: body.sortOrder ?? .missing)
            return try JSONResponse.make(CategoryResponse(category))
        }
        api.get("products") { request, context in
            let caller = try services.caller(request, context)
            let onShelf = request.query("onShelf").map { $0 == "true" }
            let page = try await services.products.list(
                caller, filter: ProductFilter(search: request.query("search"), categoryId: request.query("categoryId"), onShelf: onShelf),
                page: pageRequest(request))
            let level = try await partnerLevel(caller)
            return try JSONResponse.make(PageResponse(page) { ProductResponse($0, partnerLevel: level) })
        }
        api.post("products") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decode(ProductRequest.self, request, context)
            let product = try await services.products.create(caller, body.input)
            return try JSONResponse.make(ProductResponse(product, partnerLevel: nil), status: .created)
        }
        api.get("products/{id}") { request, context in
            let caller = try services.caller(request, context)
            let product = try await services.products.product(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(ProductResponse(product, partnerLevel: try await partnerLevel(caller)))
        }
        api.patch("products/{id}") { request, context in
            let caller = try services.caller(request, context)
            try caller.require(.manageProducts)
            let id = try context.parameters.require("id")
            let body = try await decode(ProductRequest.self, request, context)
            let current = try await services.products.product(caller, id: id)
            let product = try await services.products.update(caller, id: id, body.merged(onto: current))
            return try JSONResponse.make(ProductResponse(product, partnerLevel: nil))
        }

        // MARK: Accounts
        api.get("accounts") { request, context in
            let caller = try services.caller(request, context)
            let filter = AccountFilter(
                search: request.query("search"), kind: request.query("kind").flatMap(AccountKind.init(rawValue:)),
                partnerId: request.query("partnerId"), status: request.query("status").flatMap(AccountStatus.init(rawValue:)))
            let page = try await services.accounts.list(caller, filter: filter, page: pageRequest(request))
            return try JSONResponse.make(PageResponse(page, AccountResponse.init))
        }
        api.post("accounts") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decode(AccountRequest.self, request, context)
            let account = try await services.accounts.create(caller, body.input)
            return try JSONResponse.make(AccountResponse(account), status: .created)
        }
        api.get("accounts/{id}") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(AccountResponse(try await services.accounts.account(caller, id: try context.parameters.require("id"))))
        }
        api.patch("accounts/{id}") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decode(AccountRequest.self, request, context)
            let account = try await services.accounts.update(caller, id: try context.parameters.require("id"), body.input)
            return try JSONResponse.make(AccountResponse(account))
        }
        api.post("accounts/{id}/revoke-sessions") { request, context in
            let caller = try services.caller(request, context)
            let count = try await services.accounts.revokeSessions(caller, accountId: try context.parameters.require("id"))
            return try JSONResponse.make(RevokedResponse(revokedSessions: count))
        }

        // MARK: Audit and settings
        api.get("audit-log") { request, context in
            let caller = try services.caller(request, context)
            let filter = AuditFilter(
                username: request.query("username"), action: request.query("action"), entityType: request.query("entityType"),
                entityId: request.query("entityId"))
            let page = try await services.auditLog.entries(caller, filter: filter, page: pageRequest(request))
            return try JSONResponse.make(PageResponse(page, AuditEntryResponse.init))
        }
        api.get("settings") { request, context in
            let caller = try services.caller(request, context)
            guard caller.principal.kind == .hq else { throw AppError.forbidden }
            return try JSONResponse.make(try await settingsBody())
        }
        api.patch("settings") { request, context in
            let caller = try services.caller(request, context)
            guard caller.principal.kind == .hq else { throw AppError.forbidden }
            let body = try await decode(SettingsRequest.self, request, context)
            if let maxLevels = body.maxLevels { try await services.partners.setMaximumLevels(caller, maxLevels) }
            if let prepaid = body.prepaid { try await services.settings.setPrepaidRules(caller, prepaid.rules) }
            if let windows = body.orderWindows {
                try await services.settings.setOrderWindows(
                    caller, OrderWindows(autoReceiveDays: windows.autoReceiveDays, returnWindowDays: windows.returnWindowDays))
            }
            return try JSONResponse.make(try await settingsBody())
        }
        PrepaidAPI(services: services, helper: self).register(on: api)
        OrdersAPI(services: services, helper: self).register(on: api)
        ReturnsAPI(services: services, helper: self).register(on: api)
        AddressesAPI(services: services, helper: self).register(on: api)
        StockAPI(services: services, helper: self).register(on: api)
        CommissionAPI(services: services, helper: self).register(on: api)
        NotificationAPI(services: services, helper: self).register(on: api)
        PartnerStockAPI(services: services, helper: self).register(on: api)
        GradingAPI(services: services, helper: self).register(on: api)
        DashboardPages(services: services).registerAPI(on: api)
        ReportPages(services: services).registerAPI(on: api)
        ReplenishmentAPI(services: services, helper: self).register(on: api)
        ProfileAPI(services: services, helper: self).register(on: api)
        PromotionAPI(services: services, helper: self).register(on: api)
        ImportAPI(services: services, helper: self).register(on: api)
    }

    func settingsBody() async throws -> SettingsResponse {
        let windows = try await services.settings.orderWindows()
        return SettingsResponse(
            maxLevels: try await services.partners.maximumLevels(), prepaid: PrepaidRulesBody(try await services.settings.prepaidRules()),
            orderWindows: OrderWindowsBody(autoReceiveDays: windows.autoReceiveDays, returnWindowDays: windows.returnWindowDays))
    }

    func partnerLevel(_ caller: Caller) async throws -> Int? {
        guard let partnerId = caller.principal.partnerId else { return nil }
        return try await services.partners.view(caller, id: partnerId).partner.level
    }
}

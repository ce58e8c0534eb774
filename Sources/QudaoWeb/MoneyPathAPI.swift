import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoStore

/// The API of the money path: prepaid, top-ups, orders, returns, addresses, stock, logistics.
struct MoneyPathAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        registerPrepaid(on: api)
        registerOrders(on: api)
        registerReturns(on: api)
        registerAddresses(on: api)
        registerStock(on: api)
    }

    func registerPrepaid(on api: RouterGroup<QudaoRequestContext>) {
        api.get("prepaid/balance") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(BalanceResponse(try await services.prepaid.position(caller, partnerId: request.query("partnerId"))))
        }
        api.get("prepaid/statement") { request, context in
            let caller = try services.caller(request, context)
            let filter = StatementFilter(
                from: request.query("from").flatMap(AdminPages.startOfDay),
                to: request.query("to").flatMap(AdminPages.startOfDay).map { $0.addingTimeInterval(86_400) },
                kinds: request.query("kind").flatMap(PostingKind.init(rawValue:)).map { [$0] } ?? [])
            let page = try await services.prepaid.statement(
                caller, partnerId: request.query("partnerId"), filter: filter, page: helper.pageRequest(request))
            return try JSONResponse.make(PageBody(page, StatementLineResponse.init))
        }
        api.post("prepaid/adjustments") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(AdjustmentBody.self, request, context)
            let balance = try await services.prepaid.adjust(
                caller, partner: body.partnerId, amount: .fen(body.amountFen ?? .missing), direction: body.direction, reason: body.reason)
            return try JSONResponse.make(["balanceFen": balance.fen], status: .created)
        }
        api.get("top-ups") { request, context in
            let caller = try services.caller(request, context)
            let filter = TopUpFilter(
                partnerId: request.query("partnerId"), status: request.query("status").flatMap(TopUpRecord.Status.init(rawValue:)))
            return try JSONResponse.make(
                PageBody(try await services.prepaid.topUps(caller, filter: filter, page: helper.pageRequest(request)), TopUpResponse.init))
        }
        api.post("top-ups") { request, context in
            let caller = try services.caller(request, context)
            let body = try await decodeLarge(TopUpRequestBody.self, request, context)
            var proof: UploadedFile?
            if let file = body.proof {
                guard let base64 = file.contentBase64, let content = Data(base64Encoded: base64) else {
                    throw AppError.invalid("proof.contentBase64", .invalidFormat(expected: "base64"))
                }
                proof = UploadedFile(
                    fileName: file.fileName ?? "proof", contentType: file.contentType ?? "application/octet-stream", content: content)
            }
            let topUp = try await services.prepaid.requestTopUp(
                caller,
                TopUpInput(
                    amount: .fen(body.amountFen ?? .missing), bankReference: body.bankReference, note: body.note, partner: body.partnerId,
                    proof: proof))
            return try JSONResponse.make(TopUpResponse(topUp), status: .created)
        }
        api.get("top-ups/{id}") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(TopUpResponse(try await services.prepaid.topUp(caller, id: try context.parameters.require("id"))))
        }
        api.get("top-ups/{id}/proof") { request, context in
            let caller = try services.caller(request, context)
            let file = try await services.prepaid.proofFile(caller, topUpId: try context.parameters.require("id"))
            return FileResponse.make(file)
        }
        api.post("top-ups/{id}/confirm") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(TopUpResponse(try await services.prepaid.confirmTopUp(caller, id: try context.parameters.require("id"))))
        }
        api.post("top-ups/{id}/reject") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ReasonBody.self, request, context)
            return try JSONResponse.make(
                TopUpResponse(try await services.prepaid.rejectTopUp(caller, id: try context.parameters.require("id"), reason: body.reason)))
        }
    }

    func registerOrders(on api: RouterGroup<QudaoRequestContext>) {
        api.post("orders/quote") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(QuoteRequest.self, request, context)
            return try JSONResponse.make(QuoteResponse(try await services.orders.quote(caller, lines: (body.lines ?? []).map(\.input))))
        }
        api.post("orders") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(PlaceOrderRequest.self, request, context)
            let order = try await services.orders.placePurchaseOrder(
                caller, lines: (body.lines ?? []).map(\.input), shipping: body.shipping?.input ?? ShippingInput())
            return try JSONResponse.make(OrderResponse(order), status: .created)
        }
        api.get("orders") { request, context in
            let caller = try services.caller(request, context)
            var filter = OrderFilter(
                kind: request.query("kind").flatMap(OrderKind.init(rawValue:)), status: request.query("status").flatMap(OrderStatus.init(rawValue:)),
                number: request.query("number"))
            filter.waitingOnly = request.query("waiting") == "1"
            return try JSONResponse.make(
                PageBody(try await services.orders.list(caller, filter: filter, page: helper.pageRequest(request))) { OrderResponse($0) })
        }
        api.get("orders/{id}") { request, context in
            let caller = try services.caller(request, context)
            let view = try await services.orders.view(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(OrderResponse(view.order, returns: view.returns))
        }
        api.get("orders/{id}/vouchers") { request, context in
            let caller = try services.caller(request, context)
            let view = try await services.orders.view(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(ItemsBody(items: view.vouchers.map(VoucherResponse.init)))
        }
        api.post("orders/{id}/confirm-payment") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(PaymentBody.self, request, context)
            return try JSONResponse.make(
                OrderResponse(
                    try await services.orders.confirmPayment(
                        caller, orderId: try context.parameters.require("id"), paymentReference: body.paymentReference)))
        }
        api.post("orders/{id}/ship") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ShipBody.self, request, context)
            return try JSONResponse.make(
                OrderResponse(
                    try await services.orders.ship(
                        caller, orderId: try context.parameters.require("id"), carrier: body.carrier, trackingNumber: body.trackingNumber)))
        }
        api.post("orders/{id}/deliver") { request, context in
            let caller = try services.caller(request, context)
            let body = try await optionalBody(DeliverBody.self, request, context)
            return try JSONResponse.make(
                OrderResponse(
                    try await services.orders.markDelivered(
                        caller, orderId: try context.parameters.require("id"), trackingNumber: nil, proof: body?.proofOfDelivery)))
        }
        api.post("orders/{id}/receive") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                OrderResponse(try await services.orders.confirmReceipt(caller, orderId: try context.parameters.require("id"))))
        }
        api.post("orders/{id}/cancel") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ReasonBody.self, request, context)
            return try JSONResponse.make(
                OrderResponse(try await services.orders.cancel(caller, orderId: try context.parameters.require("id"), reason: body.reason)))
        }
        api.post("orders/{id}/returns") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ReturnRequestBody.self, request, context)
            var quantities: [Int: IntegerInput] = [:]
            for line in body.lines ?? [] {
                guard let number = line.lineNumber else { throw AppError.invalid("lines.lineNumber", .required) }
                quantities[number] = line.quantity ?? .missing
            }
            let created = try await services.orders.requestReturn(
                caller, orderId: try context.parameters.require("id"), quantities: quantities, reason: body.reason)
            return try JSONResponse.make(ReturnResponse(created), status: .created)
        }
        api.post("referral-orders") { request, context in
            let caller = try services.caller(request, context)
            try caller.require(.manageOrders)
            let body = try await helper.decode(ReferralOrderRequest.self, request, context)
            let (order, token) = try await services.orders.placeReferralOrder(
                referralCode: body.referralCode ?? "", lines: (body.lines ?? []).map(\.input), consumer: body.consumer?.input ?? ShippingInput(),
                actor: VoucherActor(caller), createdBy: caller.principal.accountId)
            return try JSONResponse.make(
                ReferralOrderResponse(order: OrderResponse(order), consumerToken: token, consumerUrl: "/r/orders/\(token)"), status: .created)
        }
        api.post("logistics/delivered") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(DeliverBody.self, request, context)
            return try JSONResponse.make(
                OrderResponse(
                    try await services.orders.markDelivered(caller, orderId: nil, trackingNumber: body.trackingNumber, proof: body.proofOfDelivery)))
        }
    }

    func registerReturns(on api: RouterGroup<QudaoRequestContext>) {
        api.get("returns") { request, context in
            let caller = try services.caller(request, context)
            let status = request.query("status").flatMap(ReturnStatus.init(rawValue:))
            return try JSONResponse.make(
                PageBody(try await services.orders.returns(caller, status: status, page: helper.pageRequest(request)), ReturnResponse.init))
        }
        api.post("returns/{id}/approve") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                ReturnResponse(try await services.orders.approveReturn(caller, returnId: try context.parameters.require("id"))))
        }
        api.post("returns/{id}/reject") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ReasonBody.self, request, context)
            return try JSONResponse.make(
                ReturnResponse(try await services.orders.rejectReturn(caller, returnId: try context.parameters.require("id"), reason: body.reason)))
        }
        api.post("returns/{id}/receive") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                ReturnResponse(try await services.orders.receiveReturnedGoods(caller, returnId: try context.parameters.require("id"))))
        }
        api.post("returns/{id}/refund") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                ReturnResponse(try await services.orders.refundReturn(caller, returnId: try context.parameters.require("id"))))
        }
    }

    func registerAddresses(on api: RouterGroup<QudaoRequestContext>) {
        api.get("addresses") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(ItemsBody(items: try await services.addresses.list(caller).map(AddressResponse.init)))
        }
        api.post("addresses") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(AddressBody.self, request, context)
            let address = try await services.addresses.save(
                caller, id: nil, label: body.label, fields: body.shipping, isDefault: body.isDefault ?? false)
            return try JSONResponse.make(AddressResponse(address), status: .created)
        }
        api.get("addresses/{id}") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(AddressResponse(try await services.addresses.address(caller, id: try context.parameters.require("id"))))
        }
        api.put("addresses/{id}") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(AddressBody.self, request, context)
            let address = try await services.addresses.save(
                caller, id: try context.parameters.require("id"), label: body.label, fields: body.shipping, isDefault: body.isDefault ?? false)
            return try JSONResponse.make(AddressResponse(address))
        }
        api.delete("addresses/{id}") { request, context in
            let caller = try services.caller(request, context)
            try await services.addresses.delete(caller, id: try context.parameters.require("id"))
            return Response(status: .noContent)
        }
    }

    func registerStock(on api: RouterGroup<QudaoRequestContext>) {
        api.get("stock") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(
                PageBody(
                    try await services.stock.levels(caller, search: request.query("search"), page: helper.pageRequest(request)), StockResponse.init))
        }
        for (path, adjustment) in [("stock/receipts", false), ("stock/adjustments", true)] {
            api.post(RouterPath(path)) { request, context in
                let caller = try services.caller(request, context)
                let body = try await helper.decode(StockChangeBody.self, request, context)
                let level = try await services.stock.record(
                    caller, product: body.productId, quantity: body.quantity ?? .missing, adjustment: adjustment, note: body.note)
                return try JSONResponse.make(StockResponse(level), status: .created)
            }
        }
    }

    /// A body that may be absent (some steps carry optional details).
    func optionalBody<Body: Decodable>(_ type: Body.Type, _ request: Request, _ context: QudaoRequestContext) async throws -> Body? {
        let buffer = try await request.body.collect(upTo: services.configuration.maximumBodyBytes)
        guard buffer.readableBytes > 0 else { return nil }
        var copy = request
        copy.body = .init(buffer: buffer)
        return try await helper.decode(type, copy, context)
    }

    /// A JSON body that may carry a base64 file, within the upload limit.
    func decodeLarge<Body: Decodable>(_ type: Body.Type, _ request: Request, _ context: QudaoRequestContext) async throws -> Body {
        let buffer = try await request.body.collect(upTo: WebServices.maximumUploadBytes * 4 / 3 + 4_096)
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            if case .dataCorrupted(let decodingContext) = error, decodingContext.codingPath.isEmpty {
                throw MalformedRequest(detail: context.language.t("请求内容不是合法的 JSON", "The request body is not valid JSON"))
            }
            throw error
        }
    }
}

/// A stored file as a download. Only the kinds accepted at upload are ever served, as attachments.
/// Files sent as downloads. Never cached: proofs, statements and payout files hold money and bank details.
enum FileResponse {
    static func make(_ file: StoredFile) -> Response {
        make(Data(file.content), fileName: file.fileName, contentType: file.contentType, fallbackName: "proof")
    }

    static func make(_ data: Data, fileName: String, contentType: String, fallbackName: String = "download") -> Response {
        let safeName = fileName.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
        var headers: HTTPFields = [:]
        headers[.contentType] = contentType
        headers[.contentDisposition] = "attachment; filename=\"\(safeName.isEmpty ? fallbackName : safeName)\""
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

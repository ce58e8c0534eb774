import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Purchase and referral orders: quotes, placing, payment, fulfilment and cancelling.
struct OrdersAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/orders/quote",
                "Price a purchase order for the caller's partner (step 2): gross, prepaid discount, net, balance after", tag: .orders,
                body: QuoteRequest.self, quoteOrder),
            Endpoint(
                .post, "/api/v1/orders",
                "Place and pay a purchase order from the prepaid balance; insufficient balance or stock is a 422 and nothing is reserved or debited",
                tag: .orders, body: PlaceOrderRequest.self, status: .created, createOrder),
            Endpoint(
                .get, "/api/v1/orders", "Orders (HQ: all; a partner: its own and its downline's)", tag: .orders,
                parameters: Endpoint.Parameter.paging + [
                    .query("status", oneOf: OrderStatus.self), .query("kind", oneOf: OrderKind.self), .query("number"),
                    .query("waiting", .enumeration(["1"]), "1: back-orders only (paid purchase orders waiting for HQ stock)"),
                ], listOrders),
            Endpoint(.get, "/api/v1/orders/{id}", "One order with its lines and returns", tag: .orders, parameters: [.id(prefix: "ord")], showOrder),
            Endpoint(
                .get, "/api/v1/orders/{id}/vouchers", "The order's electronic vouchers (电子凭证), oldest first", tag: .orders,
                parameters: [.id(prefix: "ord")], listOrderVouchers),
            Endpoint(
                .post, "/api/v1/orders/{id}/confirm-payment", "Confirm a referral order's payment with the provider's reference (HQ finance)",
                tag: .orders, parameters: [.id(prefix: "ord")], body: PaymentRequest.self, confirmOrderPayment),
            Endpoint(
                .post, "/api/v1/orders/{id}/ship", "Ship a paid order (HQ operations)", tag: .orders, parameters: [.id(prefix: "ord")],
                body: ShipRequest.self, shipOrder),
            Endpoint(
                .post, "/api/v1/orders/{id}/deliver", "Mark a shipped order delivered (HQ operations); the body is optional", tag: .orders,
                parameters: [.id(prefix: "ord")], optionalBody: DeliverRequest.self, deliverOrder),
            Endpoint(
                .post, "/api/v1/orders/{id}/receive", "Confirm receipt (the buyer, or HQ)", tag: .orders, parameters: [.id(prefix: "ord")],
                receiveOrder),
            Endpoint(
                .post, "/api/v1/orders/{id}/cancel", "Cancel before shipping; a paid order is refunded in full", tag: .orders,
                parameters: [.id(prefix: "ord")], body: ReasonRequest.self, cancelOrder),
            Endpoint(
                .post, "/api/v1/orders/{id}/returns",
                "Ask to return some quantities (the buyer while delivered or received; HQ also after completion)", tag: .orders,
                parameters: [.id(prefix: "ord")], body: ReturnRequest.self, status: .created, requestReturn),
            Endpoint(
                .post, "/api/v1/referral-orders",
                "Place a referral order through a partner's referral code (an integration with HQ operations rights); it waits for payment",
                tag: .orders, body: ReferralOrderRequest.self, status: .created, createReferralOrder),
            Endpoint(
                .post, "/api/v1/logistics/delivered", "Logistics callback: the shipment with this tracking number was delivered", tag: .orders,
                body: DeliverRequest.self, reportDelivery),
        ]
    }

    @Sendable func quoteOrder(_ request: Request, _ context: QudaoRequestContext, _ body: QuoteRequest) async throws -> QuoteResponse {
        let caller = try context.caller
        return QuoteResponse(try await services.orders.quote(caller, lines: (body.lines ?? []).map(\.input)))
    }

    @Sendable func createOrder(_ request: Request, _ context: QudaoRequestContext, _ body: PlaceOrderRequest) async throws -> OrderResponse {
        let caller = try context.caller
        let order = try await services.orders.placePurchaseOrder(
            caller, lines: (body.lines ?? []).map(\.input), shipping: body.shipping?.input ?? ShippingInput(),
            paymentPassword: body.paymentPassword)
        return OrderResponse(order)
    }

    @Sendable func listOrders(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<OrderResponse> {
        let caller = try context.caller
        var filter = OrderFilter(
            kind: request.query("kind").flatMap(OrderKind.init(rawValue:)), status: request.query("status").flatMap(OrderStatus.init(rawValue:)),
            number: request.query("number"))
        filter.waitingOnly = request.query("waiting") == "1"
        return PageResponse(try await services.orders.list(caller, filter: filter, page: request.pageRequest)) { OrderResponse($0) }
    }

    @Sendable func showOrder(_ request: Request, _ context: QudaoRequestContext) async throws -> OrderResponse {
        let caller = try context.caller
        let view = try await services.orders.view(caller, id: try context.parameters.require("id"))
        return OrderResponse(view.order, returns: view.returns)
    }

    @Sendable func listOrderVouchers(_ request: Request, _ context: QudaoRequestContext) async throws -> ItemsResponse<VoucherResponse> {
        let caller = try context.caller
        let view = try await services.orders.view(caller, id: try context.parameters.require("id"))
        return ItemsResponse(items: view.vouchers.map(VoucherResponse.init))
    }

    @Sendable func confirmOrderPayment(_ request: Request, _ context: QudaoRequestContext, _ body: PaymentRequest) async throws -> OrderResponse {
        let caller = try context.caller
        return OrderResponse(
            try await services.orders.confirmPayment(
                caller, orderId: try context.parameters.require("id"), paymentReference: body.paymentReference))
    }

    @Sendable func shipOrder(_ request: Request, _ context: QudaoRequestContext, _ body: ShipRequest) async throws -> OrderResponse {
        let caller = try context.caller
        return OrderResponse(
            try await services.orders.ship(
                caller, orderId: try context.parameters.require("id"), carrier: body.carrier, trackingNumber: body.trackingNumber))
    }

    @Sendable func deliverOrder(_ request: Request, _ context: QudaoRequestContext, _ body: DeliverRequest?) async throws -> OrderResponse {
        let caller = try context.caller
        return OrderResponse(
            try await services.orders.markDelivered(
                caller, orderId: try context.parameters.require("id"), trackingNumber: nil, proof: body?.proofOfDelivery))
    }

    @Sendable func receiveOrder(_ request: Request, _ context: QudaoRequestContext) async throws -> OrderResponse {
        let caller = try context.caller
        return OrderResponse(try await services.orders.confirmReceipt(caller, orderId: try context.parameters.require("id")))
    }

    @Sendable func cancelOrder(_ request: Request, _ context: QudaoRequestContext, _ body: ReasonRequest) async throws -> OrderResponse {
        let caller = try context.caller
        return OrderResponse(try await services.orders.cancel(caller, orderId: try context.parameters.require("id"), reason: body.reason))
    }

    @Sendable func requestReturn(_ request: Request, _ context: QudaoRequestContext, _ body: ReturnRequest) async throws -> ReturnResponse {
        let caller = try context.caller
        let lines = (body.lines ?? []).enumerated().map { index, line in
            ReturnLineInput(lineNumber: line.lineNumber, quantity: line.quantity ?? .missing, field: "lines[\(index)]")
        }
        let created = try await services.orders.requestReturn(
            caller, orderId: try context.parameters.require("id"), lines: lines, reason: body.reason)
        return ReturnResponse(created)
    }

    @Sendable func createReferralOrder(
        _ request: Request, _ context: QudaoRequestContext, _ body: ReferralOrderRequest
    ) async throws -> ReferralOrderResponse {
        let caller = try context.caller
        try caller.require(.manageOrders)
        let (order, token) = try await services.orders.placeReferralOrder(
            referralCode: body.referralCode ?? "", lines: (body.lines ?? []).map(\.input), consumer: body.consumer?.input ?? ShippingInput(),
            actor: VoucherActor(caller), createdBy: caller.principal.accountId)
        return ReferralOrderResponse(order: OrderResponse(order), consumerToken: token, consumerUrl: "/r/orders/\(token)")
    }

    @Sendable func reportDelivery(_ request: Request, _ context: QudaoRequestContext, _ body: DeliverRequest) async throws -> OrderResponse {
        let caller = try context.caller
        return OrderResponse(
            try await services.orders.markDelivered(caller, orderId: nil, trackingNumber: body.trackingNumber, proof: body.proofOfDelivery))
    }
}

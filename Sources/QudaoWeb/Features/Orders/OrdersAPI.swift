import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Purchase and referral orders: quotes, placing, payment, fulfilment and cancelling.
struct OrdersAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
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
                PageResponse(try await services.orders.list(caller, filter: filter, page: helper.pageRequest(request))) { OrderResponse($0) })
        }
        api.get("orders/{id}") { request, context in
            let caller = try services.caller(request, context)
            let view = try await services.orders.view(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(OrderResponse(view.order, returns: view.returns))
        }
        api.get("orders/{id}/vouchers") { request, context in
            let caller = try services.caller(request, context)
            let view = try await services.orders.view(caller, id: try context.parameters.require("id"))
            return try JSONResponse.make(ItemsResponse(items: view.vouchers.map(VoucherResponse.init)))
        }
        api.post("orders/{id}/confirm-payment") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(PaymentRequest.self, request, context)
            return try JSONResponse.make(
                OrderResponse(
                    try await services.orders.confirmPayment(
                        caller, orderId: try context.parameters.require("id"), paymentReference: body.paymentReference)))
        }
        api.post("orders/{id}/ship") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ShipRequest.self, request, context)
            return try JSONResponse.make(
                OrderResponse(
                    try await services.orders.ship(
                        caller, orderId: try context.parameters.require("id"), carrier: body.carrier, trackingNumber: body.trackingNumber)))
        }
        api.post("orders/{id}/deliver") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decodeOptional(DeliverRequest.self, request, context)
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
            let body = try await helper.decode(ReasonRequest.self, request, context)
            return try JSONResponse.make(
                OrderResponse(try await services.orders.cancel(caller, orderId: try context.parameters.require("id"), reason: body.reason)))
        }
        api.post("orders/{id}/returns") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(ReturnRequest.self, request, context)
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
            let body = try await helper.decode(DeliverRequest.self, request, context)
            return try JSONResponse.make(
                OrderResponse(
                    try await services.orders.markDelivered(caller, orderId: nil, trackingNumber: body.trackingNumber, proof: body.proofOfDelivery)))
        }
    }
}

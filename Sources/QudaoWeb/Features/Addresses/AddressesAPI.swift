import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// A partner's delivery addresses.
struct AddressesAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        api.get("addresses") { request, context in
            let caller = try services.caller(request, context)
            return try JSONResponse.make(ItemsResponse(items: try await services.addresses.list(caller).map(AddressResponse.init)))
        }
        api.post("addresses") { request, context in
            let caller = try services.caller(request, context)
            let body = try await helper.decode(AddressRequest.self, request, context)
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
            let body = try await helper.decode(AddressRequest.self, request, context)
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
}

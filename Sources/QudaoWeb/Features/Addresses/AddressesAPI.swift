import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// A partner's delivery addresses.
struct AddressesAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/api/v1/addresses", "The caller's partner's saved addresses", tag: .addresses, listAddresses),
            Endpoint(.post, "/api/v1/addresses", "Save an address", tag: .addresses, body: AddressRequest.self, status: .created, createAddress),
            Endpoint(.get, "/api/v1/addresses/{id}", "One saved address", tag: .addresses, parameters: [.id(prefix: "adr")], showAddress),
            Endpoint(
                .put, "/api/v1/addresses/{id}", "Replace a saved address", tag: .addresses, parameters: [.id(prefix: "adr")],
                body: AddressRequest.self, replaceAddress),
            Endpoint(.delete, "/api/v1/addresses/{id}", "Delete a saved address", tag: .addresses, parameters: [.id(prefix: "adr")], deleteAddress),
            Endpoint(
                .post, "/api/v1/addresses/{id}/reveal", "The address with its full phone, to paste (audited)", tag: .addresses,
                parameters: [.id(prefix: "adr")], revealAddress),
        ]
    }

    @Sendable func listAddresses(_ request: Request, _ context: QudaoRequestContext) async throws -> ItemsResponse<AddressResponse> {
        let caller = try context.caller
        return ItemsResponse(items: try await services.addresses.list(caller).map(AddressResponse.init))
    }

    @Sendable func createAddress(_ request: Request, _ context: QudaoRequestContext, _ body: AddressRequest) async throws -> AddressResponse {
        let caller = try context.caller
        let address = try await services.addresses.save(
            caller, id: nil, label: body.label, fields: body.shipping, isDefault: body.isDefault ?? false)
        return AddressResponse(address)
    }

    @Sendable func showAddress(_ request: Request, _ context: QudaoRequestContext) async throws -> AddressResponse {
        let caller = try context.caller
        return AddressResponse(try await services.addresses.address(caller, id: try context.parameters.require("id")))
    }

    @Sendable func replaceAddress(_ request: Request, _ context: QudaoRequestContext, _ body: AddressRequest) async throws -> AddressResponse {
        let caller = try context.caller
        let address = try await services.addresses.save(
            caller, id: try context.parameters.require("id"), label: body.label, fields: body.shipping, isDefault: body.isDefault ?? false)
        return AddressResponse(address)
    }

    @Sendable func revealAddress(_ request: Request, _ context: QudaoRequestContext) async throws -> RevealedAddressResponse {
        let caller = try context.caller
        return RevealedAddressResponse(formatted: try await services.addresses.reveal(caller, id: try context.parameters.require("id")))
    }

    @Sendable func deleteAddress(_ request: Request, _ context: QudaoRequestContext) async throws -> NoContent {
        let caller = try context.caller
        try await services.addresses.delete(caller, id: try context.parameters.require("id"))
        return NoContent()
    }
}

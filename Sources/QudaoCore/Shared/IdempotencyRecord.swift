import Foundation

/// A stored idempotency key: the hash of the request that first used it, the object its committed
/// request made or changed and, once answered, its response, which a repeat of the same request
/// gets again.
public struct IdempotencyRecord: Sendable, Hashable {
    public let requestHash: String
    public let responseStatus: Int?
    public let responseContentType: String?
    /// The stored response body, decrypted.
    public let responseBody: String?
    /// The kind of the first object the committed request audited (`order`, `top_up`, …), if any.
    public let resultEntityType: String?
    /// Its id.
    public let resultEntityId: String?

    /// Creates the record.
    public init(
        requestHash: String, responseStatus: Int?, responseContentType: String?, responseBody: String?, resultEntityType: String? = nil,
        resultEntityId: String? = nil
    ) {
        self.requestHash = requestHash
        self.responseStatus = responseStatus
        self.responseContentType = responseContentType
        self.responseBody = responseBody
        self.resultEntityType = resultEntityType
        self.resultEntityId = resultEntityId
    }

    /// Whether the request committed: a response was stored or its transaction noted a result.
    public var hasCommittedResult: Bool { responseStatus != nil || resultEntityId != nil }
}

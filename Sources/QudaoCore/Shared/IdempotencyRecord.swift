import Foundation

/// A stored idempotency key: the hash of the request that first used it and, once answered, its
/// response, which a repeat of the same request gets again.
public struct IdempotencyRecord: Sendable, Hashable {
    public let requestHash: String
    public let responseStatus: Int?
    public let responseContentType: String?
    public let responseBody: String?

    /// Creates the record.
    public init(requestHash: String, responseStatus: Int?, responseContentType: String?, responseBody: String?) {
        self.requestHash = requestHash
        self.responseStatus = responseStatus
        self.responseContentType = responseContentType
        self.responseBody = responseBody
    }
}

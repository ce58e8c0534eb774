import Foundation

/// A file uploaded as evidence, e.g. the proof of a bank transfer.
public struct StoredFile: Sendable, Hashable {
    /// Creates a file record.
    public init(id: String, partnerId: String?, fileName: String, contentType: String, content: Data, sha256: String) {
        self.id = id
        self.partnerId = partnerId
        self.fileName = fileName
        self.contentType = contentType
        self.content = content
        self.sha256 = sha256
    }

    public let id: String
    public let partnerId: String?
    public let fileName: String
    public let contentType: String
    public let content: Data
    public let sha256: String
}

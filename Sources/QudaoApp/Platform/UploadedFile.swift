import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// A file a person uploaded, before it is stored.
public struct UploadedFile: Sendable, Hashable {
    public let fileName: String
    public let contentType: String
    public let content: Data

    /// Creates an upload.
    public init(fileName: String, contentType: String, content: Data) {
        self.fileName = fileName
        self.contentType = contentType
        self.content = content
    }

    /// The largest proof file accepted: 5 MB.
    public static let maximumBytes = 5 * 1_048_576

    /// Checks an optional upload: present means not empty, at most ``maximumBytes``, and a JPEG, PNG
    /// or PDF by its first bytes. Returns the upload with its detected type.
    static func checked(_ upload: UploadedFile?, field: String, _ validator: inout Validator) -> (file: UploadedFile, type: String)? {
        guard let upload else { return nil }
        if upload.content.isEmpty {
            validator.add(field, .required)
        } else if upload.content.count > maximumBytes {
            validator.add(field, .fileTooLarge(maximumBytes: Int64(maximumBytes)))
        } else if let type = detectedContentType(upload.content) {
            return (upload, type)
        } else {
            validator.add(field, .invalidFormat(expected: .proofFile))
        }
        return nil
    }

    /// Stores the upload in the partner's files, with its SHA-256; returns the file id.
    func store(contentType: String, partnerId: String?, uploadedBy: String, at instant: Date, _ session: SQLSession) async throws -> String {
        let id = Identifier.make(prefix: "fil")
        let digest = Hexadecimal.text(SHA256.hash(data: content))
        try await session.insertFile(
            StoredFile(
                id: id, partnerId: partnerId, fileName: String(fileName.prefix(120)), contentType: contentType, content: content, sha256: digest),
            uploadedBy: uploadedBy, at: instant)
        return id
    }

    /// The content types a stored proof or certificate scan can have: what ``detectedContentType(_:)`` recognises.
    public static let acceptedContentTypes = ["image/jpeg", "image/png", "application/pdf"]

    /// The file kinds accepted as proof, recognised by their first bytes rather than by name.
    static func detectedContentType(_ content: Data) -> String? {
        let bytes = [UInt8](content.prefix(8))
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: Array("%PDF".utf8)) { return "application/pdf" }
        return nil
    }
}

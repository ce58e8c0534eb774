import Foundation
import Hummingbird
import MultipartKit
import QudaoApp

/// A submitted form, `application/x-www-form-urlencoded` or `multipart/form-data` (with files).
/// Repeated names (check boxes) keep every value.
struct FormData: Sendable {
    private var values: [String: [String]] = [:]
    /// Uploaded files by field name.
    private(set) var files: [String: UploadedFile] = [:]

    init() {}

    /// Parses a form body.
    init(encoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// Reads and parses a request's form body, bounded by `maximumBytes`.
    static func read(_ request: Request, maximumBytes: Int) async throws -> FormData {
        let buffer = try await request.body.collect(upTo: maximumBytes)
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            return try multipart(buffer, contentType: contentType)
        }
        return FormData(encoded: String(buffer: buffer))
    }

    /// Parses a multipart body into text fields and files.
    static func multipart(_ buffer: ByteBuffer, contentType: String) throws -> FormData {
        guard
            let boundary = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count)
        else { throw MalformedRequest(detail: "multipart form without a boundary") }
        let parser = MultipartParser(boundary: String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        var form = FormData()
        var headers: [String: String] = [:]
        var body = ByteBuffer()
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            let name = Self.parameter("name", in: disposition)
            let fileName = Self.parameter("filename", in: disposition)
            if let name {
                if let fileName {
                    if !fileName.isEmpty || body.readableBytes > 0 {
                        form.files[name] = UploadedFile(
                            fileName: fileName, contentType: headers["content-type"] ?? "application/octet-stream",
                            content: Data(body.readableBytesView))
                    }
                } else {
                    form.values[name, default: []].append(String(buffer: body))
                }
            }
            headers = [:]
            body = ByteBuffer()
        }
        try parser.execute(buffer)
        return form
    }

    /// A `key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix(key + "=") else { continue }
            return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// The first value of a field.
    subscript(_ name: String) -> String? {
        values[name]?.first
    }

    /// The names of every submitted text field.
    var fieldNames: [String] { Array(values.keys) }

    /// The first value of every field, to show a form again as it was sent.
    var firstValues: [String: String] { values.compactMapValues(\.first) }

    /// Every value of a field.
    func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// Whether a check box was ticked.
    func isChecked(_ name: String) -> Bool {
        guard let value = self[name] else { return false }
        return value == "on" || value == "1" || value == "true"
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

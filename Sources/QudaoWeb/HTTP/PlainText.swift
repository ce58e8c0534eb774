import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore

/// Plain-text responses (text a button copies to the clipboard). Never cached: they hold personal data.
enum PlainText {
    static func response(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

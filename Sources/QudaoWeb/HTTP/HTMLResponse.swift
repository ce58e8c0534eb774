import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore

/// Responses carrying HTML.
enum HTMLResponse {
    static func page(_ html: HTML, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html.rendered)))
    }
}

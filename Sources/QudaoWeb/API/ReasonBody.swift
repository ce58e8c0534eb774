import Foundation
import QudaoApp
import QudaoCore

struct ReasonRequest: Decodable {
    let reason: String?
}

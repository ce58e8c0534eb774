import Foundation
import QudaoApp
import QudaoCore

struct ReasonBody: Decodable {
    let reason: String?
}

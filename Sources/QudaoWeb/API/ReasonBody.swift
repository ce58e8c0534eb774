import Foundation
import QudaoApp
import QudaoCore
import QudaoStore

struct ReasonBody: Decodable {
    let reason: String?
}

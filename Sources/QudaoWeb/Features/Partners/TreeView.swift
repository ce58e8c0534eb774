import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Renders a partner tree as nested lists from records sorted by path.
enum TreeView {
    static func render(_ page: PageContext, partners: [PartnerRecord], root: PartnerRecord?, link: (PartnerRecord) -> String) -> HTML {
        var childrenByParent: [String: [PartnerRecord]] = [:]
        let ids = Set(partners.map(\.id))
        var tops: [PartnerRecord] = []
        for partner in partners {
            if let parentId = partner.parentId, ids.contains(parentId), partner.id != root?.id {
                childrenByParent[parentId, default: []].append(partner)
            } else {
                tops.append(partner)
            }
        }
        // Siblings are listed by code, which people read more easily than storage order.
        tops.sort { $0.code < $1.code }
        func node(_ partner: PartnerRecord) -> HTML {
            let children = (childrenByParent[partner.id] ?? []).sorted { $0.code < $1.code }
            let nested: HTML = children.isEmpty ? .empty : "<ul>\(children.html(node))</ul>"
            return """
                <li data-code="\(partner.code)"><span class="tree-node"><a href="\(link(partner))">\(partner.code)</a> \(partner.name)
                <span class="muted">\(page.language.level(partner.level)) · \(page.language.partnerType(partner.type))</span>
                <span class="badge \(partner.status.rawValue)">\(page.language.partnerStatus(partner.status))</span></span>\(nested)</li>
                """
        }
        return "<ul class=\"tree\">\(tops.html(node))</ul>"
    }
}

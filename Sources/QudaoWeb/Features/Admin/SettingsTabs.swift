import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore

/// The tabs of HQ's settings area.
enum SettingsTabs {
    static func render(_ page: PageContext, current: String) -> HTML {
        let tabs = [("/hq/settings", page.t(.businessRules)), ("/hq/settings/company", page.t(.companyAndBrand))]
        return "<nav class=\"tabs\">\(tabs.html { "<a href=\"\($0.0)\"\($0.0 == current ? HTML(" class=\"current\"") : .empty)>\($0.1)</a>" })</nav>"
    }
}

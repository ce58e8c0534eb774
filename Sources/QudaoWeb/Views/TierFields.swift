import Foundation
import QudaoApp
import QudaoCore

/// Tiers as people type them: one row per tier, the threshold in yuan and the rate as a
/// percentage (never "100000.00, 100" in basis points). Blank rows are ignored, so a form
/// always offers a few empty rows for a new tier.
enum TierFields {
    /// Rows a form offers beyond the tiers in force.
    static let spareRows = 2
    /// Most rows a form sends (the rules accept at most 10 tiers).
    static let maximumRows = 10

    /// The typed rows of the tier list called `name`, blank ones left out, in order.
    static func rows(_ form: FormData, name: String) -> [(threshold: String, rate: String)] {
        (0..<maximumRows).compactMap { index in
            let threshold = (form["\(name)[\(index)].thresholdFen"] ?? "").trimmingWhitespace()
            let rate = (form["\(name)[\(index)].rateBp"] ?? "").trimmingWhitespace()
            return threshold.isEmpty && rate.isEmpty ? nil : (threshold, rate)
        }
    }

    /// The rows as tier inputs for a use case (threshold yuan text, rate percent text).
    static func inputs(_ form: FormData, name: String) -> [CommissionRuleInput.TierInput] {
        rows(form, name: name).map { .init(threshold: .yuanText($0.threshold), rateBasisPoints: .percentText($0.rate)) }
    }

    /// The rows checked into tiers, every problem added under `name[i].thresholdFen` / `name[i].rateBp`.
    static func tiers(_ form: FormData, name: String, validator: inout Validator) -> [Tier] {
        rows(form, name: name).enumerated().compactMap { index, row in
            let threshold = validator.amount("\(name)[\(index)].thresholdFen", .yuanText(row.threshold), in: 1...Int64.max / 2)
            let rate = validator.rate("\(name)[\(index)].rateBp", .percentText(row.rate))
            guard let threshold, let rate else { return nil }
            return Tier(threshold: threshold, rate: rate)
        }
    }

    /// The editor: a row per tier in force (or as typed, after a refused form), then spare rows.
    static func render(
        _ page: PageContext, name: String, label: String, thresholdLabel: String, tiers: [Tier], values: [String: String], errors: [FieldError]
    ) -> HTML {
        let typed = values.keys.contains { $0.hasPrefix("\(name)[") }
        let count = min(maximumRows, (typed ? maximumRows : tiers.count + spareRows))
        let rows = (0..<count).html { index in
            let thresholdName = "\(name)[\(index)].thresholdFen"
            let rateName = "\(name)[\(index)].rateBp"
            let threshold = typed ? values[thresholdName] : (index < tiers.count ? tiers[index].threshold.yuanText : nil)
            let rate = typed ? values[rateName] : (index < tiers.count ? tiers[index].rate.percentNumberText : nil)
            let rowErrors = errors.filter { $0.field == thresholdName || $0.field == rateName }.html {
                "<div class=\"error\">\(page.language.message(for: $0.problem))</div>"
            }
            return """
                <div class="tier-row\(rowErrors.rendered.isEmpty ? "" : " invalid")" data-tier="\(index)">
                  <label>\(thresholdLabel) <input type="text" inputmode="decimal" name="\(thresholdName)" id="\(thresholdName)" value="\(threshold ?? "")" aria-label="\(thresholdLabel) \(index + 1)"> \(page.t(.yuan))</label>
                  <label>\(page.t("比例", "rate")) <input type="text" inputmode="decimal" class="tiny" name="\(rateName)" id="\(rateName)" value="\(rate ?? "")" aria-label="\(page.t("比例", "rate")) \(index + 1)"> %</label>
                  \(rowErrors)
                </div>
                """
        }
        return """
            <fieldset class="field tiers" id="\(name)"><legend>\(label)</legend>\(rows)
            <div class="hint">\(page.t("每行一档;留空的行不保存。", "One tier a row; blank rows are not saved."))</div></fieldset>
            """
    }
}

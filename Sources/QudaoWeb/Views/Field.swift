import Foundation
import HTTPTypes
import Hummingbird
import QudaoApp
import QudaoCore

/// Form fields that show their value and error, shared by every form.
enum Field {
    static func text(
        _ page: PageContext, name: String, label: String? = nil, value: String?, errors: [FieldError], type: String = "text",
        hint: String? = nil, required: Bool = false, attributes: HTML = .empty
    ) -> HTML {
        let error = errors.first { $0.field == name }
        let errorHTML: HTML = error.map { "<div class=\"error\" id=\"\(name)-error\">\(page.language.message(for: $0.problem))</div>" } ?? .empty
        let hintHTML: HTML = hint.map { "<div class=\"hint\">\($0)</div>" } ?? .empty
        return """
            <div class="field\(error == nil ? "" : " invalid")">
              <label for="\(name)">\(label ?? page.language.fieldLabel(name))\(required ? " *" : "")</label>
              <input type="\(type)" id="\(name)" name="\(name)" value="\(value ?? "")"\(required ? HTML(" required") : .empty)\(error == nil ? HTML.empty : HTML(" aria-invalid=\"true\""))\(attributes)>
              \(hintHTML)\(errorHTML)
            </div>
            """
    }

    static func select(
        _ page: PageContext, name: String, label: String? = nil, options: [(value: String, label: String)], selected: String?,
        errors: [FieldError], includeBlank: String? = nil
    ) -> HTML {
        let error = errors.first { $0.field == name }
        let errorHTML: HTML = error.map { "<div class=\"error\" id=\"\(name)-error\">\(page.language.message(for: $0.problem))</div>" } ?? .empty
        let blank: HTML = includeBlank.map { "<option value=\"\">\($0)</option>" } ?? .empty
        let optionsHTML = options.html { option in
            "<option value=\"\(option.value)\"\(option.value == selected ? HTML(" selected") : .empty)>\(option.label)</option>"
        }
        return """
            <div class="field\(error == nil ? "" : " invalid")">
              <label for="\(name)">\(label ?? page.language.fieldLabel(name))</label>
              <select id="\(name)" name="\(name)">\(blank)\(optionsHTML)</select>
              \(errorHTML)
            </div>
            """
    }
}

import Foundation
import QudaoApp
import QudaoTestSupport
import Testing


/// A term used on more than one page or export has one entry in the glossary, and so one English
/// word. Enum labels (`Language.orderStatus`) and reasons keep their own wording: they name a
/// state or an event, where English inflects and Chinese does not.
@Suite("Glossary")
struct GlossaryTests {
    @Test("every glossary term has its own Chinese, and no page writes a glossary term out again")
    func termsAreWrittenOnce() throws {
        let chinese = Term.allCases.map(\.text.chinese)
        #expect(Set(chinese).count == chinese.count)
        let glossary = Set(chinese)
        let pair = try NSRegularExpression(pattern: #"\bt\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)"#)
        var repeated: [String] = []
        let sources = (try SourceFiles.swiftFiles(under: "Sources/QudaoWeb") + SourceFiles.swiftFiles(under: "Sources/QudaoApp/Reports"))
            .filter { !$0.path.hasSuffix("/Glossary.swift") }
        #expect(sources.count > 50)
        for (path, text) in sources {
            for match in pair.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let term = String(text[range])
                if glossary.contains(term) { repeated.append("\(URL(fileURLWithPath: path).lastPathComponent): \(term)") }
            }
        }
        #expect(repeated.isEmpty, "write these as page.t(.term): \(repeated)")
    }

    @Test("the terms that were translated two ways read one way")
    func oneEnglishWord() {
        let english = Dictionary(uniqueKeysWithValues: Term.allCases.map { ($0.text.chinese, $0.text.english) })
        #expect(english["类型"] == "Type" && english["状态"] == "Status" && english["原因"] == "Reason" && english["金额"] == "Amount")
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QudaoTestSupport
import Testing

/// Chinese readers never meet an English sentence: every page of the demo that HQ, a
/// distributor and a store can reach by following links is read in Chinese, as a person sees it
/// (text, placeholders, titles and labels), and any Latin-script sentence fails the test.
@Suite("Chinese pages")
struct ChineseTextTests {
    /// At most this many pages per account, and two per page shape (path with ids, query keys),
    /// so that paging and filters do not make the crawl endless.
    static let maximumPagesPerAccount = 300
    static let maximumPagesPerShape = 2

    @Test("no Chinese page of the demo shows an English sentence")
    func noEnglishOnChinesePages() async throws {
        try await TestApp.run { app in
            var findings: [String] = []
            var visitedCount = 0
            for (username, start) in [("hq-admin", "/hq"), ("D-GD01", "/portal"), ("S-GZ001", "/portal"), ("hq-viewer", "/hq")] {
                let crawl = try await Self.crawl(app, username: username, start: start)
                findings += crawl.findings
                visitedCount += crawl.visited
            }
            #expect(visitedCount > 100, "the crawl reached \(visitedCount) pages")
            // the same reading finds the sentences of an English page, so an empty finding means something
            var english = PageSession(app)
            _ = try await english.signIn("hq-admin")
            let overview = try await english.get("/hq?lang=en")
            #expect(!LatinText.sentences(in: Self.visibleText(overview.text)).isEmpty)
            #expect(findings.isEmpty, "\(findings.count) English sentences:\n\(Set(findings).sorted().joined(separator: "\n"))")
        }
    }

    /// Signs in and follows every link within the console, breadth first, within the limits.
    static func crawl(_ app: TestApp.Client, username: String, start: String) async throws -> (findings: [String], visited: Int) {
        var session = PageSession(app)
        _ = try await session.signIn(username)
        var queue = [start]
        var seen: Set<String> = [start]
        var shapes: [String: Int] = [:]
        var visited = 0
        var findings: [String] = []
        while !queue.isEmpty && visited < maximumPagesPerAccount {
            let uri = queue.removeFirst()
            let page = try await session.get(uri)
            guard page.status == .ok, page.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
            visited += 1
            let html = page.text
            for sentence in LatinText.sentences(in: visibleText(html)) { findings.append("\(username) \(uri): \(sentence)") }
            for link in links(in: html, under: start) where !seen.contains(link) {
                seen.insert(link)
                let linkShape = shape(link)
                guard shapes[linkShape, default: 0] < maximumPagesPerShape else { continue }
                shapes[linkShape, default: 0] += 1
                queue.append(link)
            }
        }
        return (findings, visited)
    }

    /// What a person reads: text outside tags, scripts and styles, plus placeholders, titles and labels.
    static func visibleText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"<script[\s\S]*?</script>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<style[\s\S]*?</style>"#, with: " ", options: .regularExpression)
        var attributes: [String] = []
        if let expression = try? NSRegularExpression(pattern: #"(?:placeholder|title|aria-label|alt)="([^"]*)""#) {
            for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { attributes.append(String(text[range])) }
            }
        }
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: "\n", options: .regularExpression)
        let joined = ([text] + attributes).joined(separator: "\n")
        return joined.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    }

    /// The pages a link on this page leads to within the same console, without downloads or the language switch.
    static func links(in html: String, under start: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: ##"href="(/[^"#]*)""##) else { return [] }
        return expression.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            guard let range = Range(match.range(at: 1), in: html) else { return nil }
            let link = String(html[range]).replacingOccurrences(of: "&amp;", with: "&")
            guard link.hasPrefix(start) else { return nil }
            let refused = ["lang=", "format=", "export", "download", "/files/", ".xlsx", ".csv", ".pdf", "template", "logout", "/image"]
            return refused.contains { link.contains($0) } ? nil : link
        }
    }

    /// A link's shape: ids and numbers replaced, query values dropped.
    static func shape(_ link: String) -> String {
        let parts = link.split(separator: "?", maxSplits: 1)
        let path = parts[0].split(separator: "/").map { segment in
            segment.contains(where: \.isNumber) || segment.contains("_") ? "{id}" : String(segment)
        }.joined(separator: "/")
        let keys = parts.count > 1 ? parts[1].split(separator: "&").map { $0.split(separator: "=")[0] }.sorted().joined(separator: "&") : ""
        return path + "?" + keys
    }
}

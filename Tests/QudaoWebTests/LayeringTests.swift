import Foundation
import QudaoTestSupport
import Testing

/// The layers of `Package.swift`, checked where the compiler is lenient: SwiftPM lets a target
/// import a module that was built for another target even when it does not depend on it.
@Suite("Layering")
struct LayeringTests {
    @Test("the web layer reaches the database only through the use cases: no file imports QudaoStore")
    func webDoesNotImportTheStore() throws {
        let files = try SourceFiles.swiftFiles(under: "Sources/QudaoWeb")
        #expect(files.count > 50)
        let offenders = files.filter { $0.text.contains("import QudaoStore") }.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        #expect(offenders.isEmpty, "\(offenders)")
        let manifest = try String(contentsOf: SourceFiles.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let web = manifest.components(separatedBy: "name: \"QudaoWeb\",").dropFirst().first?.components(separatedBy: "),").first ?? ""
        #expect(!web.isEmpty && !web.contains("QudaoStore"))
    }
}

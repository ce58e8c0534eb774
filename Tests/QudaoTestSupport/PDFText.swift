import Foundation

/// Why a PDF could not be read back.
public struct PDFTextError: Error, CustomStringConvertible {
    public let description: String
}

/// Reads a PDF back as text with Poppler's `pdftotext`, a real reader (`-layout` keeps a table's
/// rows on one line), and splits it into pages (pdftotext ends each with a form feed).
public func pdfText(_ data: Data) throws -> (text: String, pages: [String]) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("report.pdf")
    try data.write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
    process.arguments = ["-layout", file.path, "-"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let bytes = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw PDFTextError(description: "pdftotext exited with \(process.terminationStatus)") }
    let text = String(decoding: bytes, as: UTF8.self)
    return (text, text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
}

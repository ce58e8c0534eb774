import Foundation

/// The repository's Swift sources, for tests that check rules the compiler does not (which
/// module a layer may import, where glossary terms are written).
public enum SourceFiles {
    /// The repository root, found from this file's place in it.
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every Swift file under a folder of the repository, with its text.
    public static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            files.append((url.path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }
}

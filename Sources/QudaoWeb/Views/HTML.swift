/// A fragment of HTML. Literal text in an `HTML` string is markup; every `String` interpolated into
/// it is escaped, so user data can never become markup. Nested `HTML` values are inserted as they are.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var rendered: String

    /// Markup from a trusted literal.
    public init(stringLiteral value: String) {
        rendered = value
    }

    public init(stringInterpolation: StringInterpolation) {
        rendered = stringInterpolation.output
    }

    /// Markup that is already safe (built by this module).
    init(trusted: String) {
        rendered = trusted
    }

    /// No markup.
    public static let empty = HTML(trusted: "")

    public var description: String { rendered }

    /// Joins fragments.
    public static func join(_ fragments: [HTML], separator: HTML = .empty) -> HTML {
        HTML(trusted: fragments.map(\.rendered).joined(separator: separator.rendered))
    }

    /// Builds the interpolated markup.
    public struct StringInterpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) {
            output += literal
        }

        /// Text, escaped.
        public mutating func appendInterpolation(_ text: String) {
            output += HTML.escape(text)
        }

        /// Optional text, escaped; nothing for nil.
        public mutating func appendInterpolation(_ text: String?) {
            if let text { output += HTML.escape(text) }
        }

        /// A number.
        public mutating func appendInterpolation<Number: BinaryInteger>(_ number: Number) {
            output += String(number)
        }

        /// Nested markup.
        public mutating func appendInterpolation(_ html: HTML) {
            output += html.rendered
        }

        /// A list of fragments.
        public mutating func appendInterpolation(_ fragments: [HTML]) {
            for fragment in fragments { output += fragment.rendered }
        }
    }

    /// Escapes text for element content and double-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension Sequence {
    /// Maps each element to markup and concatenates it.
    func html(_ transform: (Element) throws -> HTML) rethrows -> HTML {
        HTML.join(try map(transform))
    }
}

/// What is wrong with one input field. The web layer turns it into a localized message;
/// the `field` name is the same in the HTML form and the JSON API.
public struct FieldError: Error, Sendable, Hashable, Codable {
    /// The input field's name as the API and the form spell it, e.g. `parentId` or `listPriceFen`.
    public let field: String
    /// The problem with the field's value.
    public let problem: Problem

    /// Creates the error for one field.
    public init(field: String, problem: Problem) {
        self.field = field
        self.problem = problem
    }

    /// The kinds of problem an input can have, with what a message needs to explain it.
    public enum Problem: Sendable, Hashable, Codable {
        case required
        case tooLong(maximumCharacters: Int)
        case tooShort(minimumCharacters: Int)
        case invalidFormat(expected: FormatExpectation)
        case notOneOf(allowed: [String])
        case outOfRange(minimum: Int64, maximum: Int64)
        case notWholeFen
        case duplicate
        case notFound
        case depthExceeded(maximumLevels: Int, resultingLevel: Int)
        case cycle
        case notAllowed(reason: Reason)
        case mismatch
        /// An amount outside a range, said in yuan because that is what people type.
        case amountOutOfRange(minimumFen: Int64, maximumFen: Int64)
        /// A rate outside a range, said as percentages because that is what people type.
        case rateOutOfRange(minimumBasisPoints: Int64, maximumBasisPoints: Int64)
        /// An upload larger than the limit.
        case fileTooLarge(maximumBytes: Int64)
    }
}

/// Thrown when input is invalid; it carries every field's problem at once so a form can show all of them.
public struct ValidationFailure: Error, Sendable, Hashable {
    /// The problems, in the order the fields were checked.
    public let errors: [FieldError]

    /// Creates a failure from one or more field errors.
    public init(_ errors: [FieldError]) {
        precondition(!errors.isEmpty, "a validation failure needs at least one field error")
        self.errors = errors
    }

    /// Creates a failure for a single field.
    public init(field: String, problem: FieldError.Problem) {
        self.init([FieldError(field: field, problem: problem)])
    }
}

/// Collects field errors while input is checked, then throws them together.
public struct Validator: Sendable {
    /// The errors found so far.
    public private(set) var errors: [FieldError] = []

    /// Creates an empty validator.
    public init() {}

    /// Records a problem with a field.
    public mutating func add(_ field: String, _ problem: FieldError.Problem) {
        errors.append(FieldError(field: field, problem: problem))
    }

    /// Whether a field already has a problem (later checks on it are then skipped).
    public func hasError(for field: String) -> Bool {
        errors.contains { $0.field == field }
    }

    /// Trims a text field and checks its length and characters. Returns the trimmed text,
    /// or nil when it is empty and optional. Control characters are refused because they
    /// corrupt exports and logs.
    @discardableResult
    public mutating func text(
        _ field: String, _ value: String?, required: Bool = true, maximumCharacters: Int, minimumCharacters: Int = 1
    ) -> String? {
        let trimmed = (value ?? "").trimmingWhitespace()
        if trimmed.isEmpty {
            if required { add(field, .required) }
            return nil
        }
        if trimmed.count > maximumCharacters {
            add(field, .tooLong(maximumCharacters: maximumCharacters))
            return nil
        }
        if trimmed.count < minimumCharacters {
            add(field, .tooShort(minimumCharacters: minimumCharacters))
            return nil
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            add(field, .invalidFormat(expected: .plainText))
            return nil
        }
        return trimmed
    }

    /// Checks that a value is one of the allowed raw values of an enumeration.
    public mutating func oneOf<Value: RawRepresentable & CaseIterable>(
        _ field: String, _ value: String?, as type: Value.Type, required: Bool = true
    ) -> Value? where Value.RawValue == String {
        let trimmed = (value ?? "").trimmingWhitespace()
        if trimmed.isEmpty {
            if required { add(field, .required) }
            return nil
        }
        guard let parsed = Value(rawValue: trimmed) else {
            add(field, .notOneOf(allowed: Value.allCases.map(\.rawValue)))
            return nil
        }
        return parsed
    }

    /// Checks that an integer lies in a range.
    public mutating func integer(_ field: String, _ value: Int64?, in range: ClosedRange<Int64>, required: Bool = true) -> Int64? {
        guard let value else {
            if required { add(field, .required) }
            return nil
        }
        guard range.contains(value) else {
            add(field, .outOfRange(minimum: range.lowerBound, maximum: range.upperBound))
            return nil
        }
        return value
    }

    /// Throws the collected errors, if any.
    public func throwIfInvalid() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

extension String {
    /// The string without leading and trailing white space (including full-width spaces).
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

/// A whole number as a client sent it, keeping enough of what was wrong to explain it:
/// the API says `listPriceFen: 12.5` is not a whole number of fen rather than failing to decode.
public enum IntegerInput: Sendable, Hashable, Decodable {
    case missing
    case integer(Int64)
    /// A number with a fractional part, such as 12.5.
    case notWhole
    /// Text or another value that is not a number at all.
    case notANumber
}

extension IntegerInput {
    /// A whole number typed in a form: blank is `.missing`, `12` an integer, `12.5` (digits, one
    /// dot, digits) `.notWhole`, anything else `.notANumber`. Parsed without floating point.
    public init(text: String?) {
        let trimmed = (text ?? "").trimmingWhitespace()
        if trimmed.isEmpty {
            self = .missing
        } else if let value = Int64(trimmed) {
            self = .integer(value)
        } else {
            let unsigned = trimmed.hasPrefix("-") ? String(trimmed.dropFirst()) : trimmed
            if !unsigned.isEmpty && unsigned.allSatisfy({ $0.isASCII && $0.isNumber }) {
                // A whole number too large for 64 bits: saturate, so the range check reports it as out of range.
                self = .integer(trimmed.hasPrefix("-") ? .min : .max)
                return
            }
            let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
            let isDecimal = parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
            self = isDecimal ? .notWhole : .notANumber
        }
    }
}

/// An amount of money as a client sent it: fen as an integer from the API, or yuan as typed in a form.
public enum AmountInput: Sendable, Hashable {
    case fen(IntegerInput)
    case yuanText(String?)
}

/// A rate as a client sent it: basis points as an integer from the API or a template, or a
/// percentage as typed in a form (`5`, `2.5`, `0.25%`).
public enum RateInput: Sendable, Hashable {
    case basisPoints(IntegerInput)
    case percentText(String?)

    /// Nothing sent.
    public static let missing = RateInput.basisPoints(.missing)

    /// Whether nothing (or only blanks) was sent.
    public var isMissing: Bool {
        switch self {
        case .basisPoints(let input): input == .missing
        case .percentText(let text): (text ?? "").trimmingWhitespace().isEmpty
        }
    }
}

extension Validator {
    /// Checks a rate in `range` (basis points), saying any problem as a percentage: what a person
    /// typed in a form is never answered in basis points.
    public mutating func rate(
        _ field: String, _ input: RateInput, in range: ClosedRange<Int64> = 0...Rate.maximumBasisPoints, required: Bool = true
    ) -> Rate? {
        let basisPoints: Int64
        switch input {
        case .basisPoints(.missing), .percentText(.none):
            if required { add(field, .required) }
            return nil
        case .basisPoints(.integer(let value)):
            basisPoints = value
        case .basisPoints(.notWhole), .basisPoints(.notANumber):
            add(field, .invalidFormat(expected: .wholeBasisPoints))
            return nil
        case .percentText(.some(let text)):
            if text.trimmingWhitespace().isEmpty {
                if required { add(field, .required) }
                return nil
            }
            guard let rate = Rate.parsePercent(text) else {
                if text.trimmingWhitespace().hasPrefix("-") {
                    add(field, .rateOutOfRange(minimumBasisPoints: range.lowerBound, maximumBasisPoints: range.upperBound))
                } else {
                    add(field, .invalidFormat(expected: .percentage))
                }
                return nil
            }
            basisPoints = rate.basisPoints
        }
        guard range.contains(basisPoints) else {
            add(field, .rateOutOfRange(minimumBasisPoints: range.lowerBound, maximumBasisPoints: range.upperBound))
            return nil
        }
        return Rate(basisPoints: basisPoints)
    }

    /// Checks a whole number in a range.
    public mutating func integer(_ field: String, _ input: IntegerInput, in range: ClosedRange<Int64>, required: Bool = true) -> Int64? {
        switch input {
        case .missing:
            if required { add(field, .required) }
            return nil
        case .notWhole:
            add(field, .notWholeFen)
            return nil
        case .notANumber:
            add(field, .invalidFormat(expected: .wholeNumber))
            return nil
        case .integer(let value):
            return integer(field, value, in: range, required: required)
        }
    }

    /// Checks an amount of money: whole fen from the API, at most two decimals of yuan from a form,
    /// never negative unless the range allows it.
    public mutating func amount(_ field: String, _ input: AmountInput, in range: ClosedRange<Int64>, required: Bool = true) -> Money? {
        switch input {
        case .fen(let integerInput):
            guard case .integer(let fen) = integerInput else {
                return integer(field, integerInput, in: range, required: required).map(Money.init(fen:))
            }
            return amountInRange(field, fen, range)
        case .yuanText(let text):
            let trimmed = (text ?? "").trimmingWhitespace()
            if trimmed.isEmpty {
                if required { add(field, .required) }
                return nil
            }
            guard let money = Money.parseYuan(trimmed, allowNegative: range.lowerBound < 0) else {
                if trimmed.hasPrefix("-") {
                    add(field, .amountOutOfRange(minimumFen: range.lowerBound, maximumFen: range.upperBound))
                } else {
                    add(field, .invalidFormat(expected: .yuanAmount))
                }
                return nil
            }
            return amountInRange(field, money.fen, range)
        }
    }

    /// The amount when it lies in `range`; otherwise the problem, said in yuan.
    private mutating func amountInRange(_ field: String, _ fen: Int64, _ range: ClosedRange<Int64>) -> Money? {
        guard range.contains(fen) else {
            add(field, .amountOutOfRange(minimumFen: range.lowerBound, maximumFen: range.upperBound))
            return nil
        }
        return Money(fen: fen)
    }
}

extension IntegerInput {
    /// Decodes a JSON number, keeping what was wrong: a fraction (12.5) or a number too large for
    /// 64 bits decodes as `.notWhole`, text, a Boolean or a container as `.notANumber`, null as `.missing`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .missing
            return
        }
        if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if (try? container.decode(String.self)) != nil || (try? container.decode(Bool.self)) != nil {
            self = .notANumber
        } else if (try? container.decode([String: Int].self)) != nil || (try? container.decode([Int].self)) != nil {
            self = .notANumber
        } else {
            // What is left is a JSON number that is not a 64-bit integer: it has a fraction or is
            // out of range. Classifying it this way needs no floating-point decoding.
            self = .notWhole
        }
    }
}

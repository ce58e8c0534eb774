/// The payment password (支付密码) a partner owner sets: six digits, as people know it from
/// Alipay and their banks, so it can be typed on a phone's number pad. Six digits are a small
/// space, which is why it is stored as a slow bcrypt hash and throttled after a few wrong tries;
/// the patterns guessers try first (one digit repeated, runs, a repeated pair or triple, the
/// well-known lucky numbers) are refused.
public enum PaymentPasswordPolicy {
    /// The digits a payment password has.
    public static let digits = 6

    /// The problem with `password`, if any.
    public static func problem(with password: String) -> FieldError.Problem? {
        if password.isEmpty { return .required }
        let digitValues = password.unicodeScalars.compactMap { scalar -> Int? in
            ("0"..."9").contains(scalar) ? Int(scalar.value) - 48 : nil
        }
        guard digitValues.count == password.unicodeScalars.count, digitValues.count == digits else {
            return .invalidFormat(expected: .paymentPassword)
        }
        if isGuessable(digitValues) || commonlyChosen.contains(password) { return .notAllowed(reason: .paymentPasswordTooSimple) }
        return nil
    }

    /// One digit repeated, an ascending or descending run (wrapping 9 to 0 too), or a pair or triple repeated.
    static func isGuessable(_ values: [Int]) -> Bool {
        let steps = zip(values.dropFirst(), values).map { ($0 - $1 + 10) % 10 }
        if Set(steps).count == 1 && [0, 1, 9].contains(steps[0]) { return true }
        for period in [2, 3] where values.indices.allSatisfy({ values[$0] == values[$0 % period] }) { return true }
        return false
    }

    /// Six-digit codes leading the leaked lists of Chinese payment and bank PINs.
    static let commonlyChosen: Set<String> = [
        "520520", "520521", "521521", "131420", "201314", "520131", "147258", "258369", "159357", "147369", "123654", "654123",
        "112233", "332211", "110110", "111222", "666888", "888666", "168168", "518518", "100200", "123321", "654456", "000111",
    ]
}

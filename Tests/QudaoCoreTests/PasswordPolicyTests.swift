import PropertyBased
import QudaoCore
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    @Test(
        "passwords a guesser tries first, the login name and more than bcrypt reads are refused; long unusual ones, Chinese included, pass",
        arguments: [
            ("12345678", nil, FieldError.Problem.tooShort(minimumCharacters: 12)),
            ("password", nil, .tooShort(minimumCharacters: 12)),
            ("qudao-demo", nil, .tooShort(minimumCharacters: 12)),
            ("qudao-demo-2026", nil, .notAllowed(reason: .passwordTooCommon)),
            ("Password1234", nil, .notAllowed(reason: .passwordTooCommon)),
            ("password!2026", nil, .notAllowed(reason: .passwordTooCommon)),
            ("123456789012", nil, .notAllowed(reason: .passwordTooCommon)),
            ("1q2w3e4r5t6y", nil, .notAllowed(reason: .passwordTooCommon)),
            ("aaaaaaaaaaaa", nil, .notAllowed(reason: .passwordTooCommon)),
            ("121212121212", nil, .notAllowed(reason: .passwordTooCommon)),
            ("hq-admin-rocks-2026", "hq-admin", .notAllowed(reason: .passwordContainsLoginName)),
            ("my S-GZ001 shop key", "s-gz001", .notAllowed(reason: .passwordContainsLoginName)),
            (String(repeating: "渠", count: 25), nil, .notAllowed(reason: .passwordTooManyBytes(maximumBytes: 72))),
            (String(repeating: "x1", count: 37), nil, .notAllowed(reason: .passwordTooManyBytes(maximumBytes: 72))),
            ("correct horse battery staple", "hq-admin", nil),
            ("春眠不觉晓处处闻啼鸟夜来风雨声", nil, nil),
            ("store-password-1", "s-gz001", nil),
            (String(repeating: "渠道", count: 12), nil, .notAllowed(reason: .passwordTooCommon)),
            ("春眠不觉晓处处闻啼鸟夜来风雨声花落知多少床前明月", nil, nil),
        ] as [(String, String?, FieldError.Problem?)])
    func policy(password: String, loginName: String?, expected: FieldError.Problem?) {
        #expect(PasswordPolicy.problem(with: password, loginName: loginName) == expected, "\(password)")
    }
}

@Suite("Payment password policy")
struct PaymentPasswordPolicyTests {
    @Test(
        "six digits, not a repeated digit, a run, a repeated pair or triple, or a lucky number",
        arguments: [
            ("135790", nil), ("246813", nil), ("908172", nil), ("", FieldError.Problem.required),
            ("12345", .invalidFormat(expected: .paymentPassword)), ("1357902", .invalidFormat(expected: .paymentPassword)),
            ("13579a", .invalidFormat(expected: .paymentPassword)), (" 135790", .invalidFormat(expected: .paymentPassword)),
            ("１３５７９０", .invalidFormat(expected: .paymentPassword)), ("١٣٥٧٩٠", .invalidFormat(expected: .paymentPassword)),
            ("000000", .notAllowed(reason: .paymentPasswordTooSimple)), ("888888", .notAllowed(reason: .paymentPasswordTooSimple)),
            ("123456", .notAllowed(reason: .paymentPasswordTooSimple)), ("654321", .notAllowed(reason: .paymentPasswordTooSimple)),
            ("890123", .notAllowed(reason: .paymentPasswordTooSimple)), ("121212", .notAllowed(reason: .paymentPasswordTooSimple)),
            ("123123", .notAllowed(reason: .paymentPasswordTooSimple)), ("520520", .notAllowed(reason: .paymentPasswordTooSimple)),
            ("112233", .notAllowed(reason: .paymentPasswordTooSimple)), ("147258", .notAllowed(reason: .paymentPasswordTooSimple)),
        ] as [(String, FieldError.Problem?)])
    func policy(password: String, expected: FieldError.Problem?) {
        #expect(PaymentPasswordPolicy.problem(with: password) == expected, "\(password)")
    }

    @Test("whatever is accepted is exactly six ASCII digits, and every run of six is refused")
    func onlySixDigitsPass() async {
        await propertyCheck(input: Gen.int(in: 0...999_999), Gen.int(in: 0...9), Gen.int(in: -1...1)) { number, start, step in
            let text = String(number).leftPadded(toLength: 6)
            if PaymentPasswordPolicy.problem(with: text) == nil {
                #expect(text.utf8.count == 6 && text.utf8.allSatisfy { (48...57).contains($0) })
            }
            let run = (0..<6).map { String((start + 10 + $0 * step) % 10) }.joined()
            #expect(PaymentPasswordPolicy.problem(with: run) == .notAllowed(reason: .paymentPasswordTooSimple), "\(run)")
        }
    }
}

extension String {
    fileprivate func leftPadded(toLength length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}

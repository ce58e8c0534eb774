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

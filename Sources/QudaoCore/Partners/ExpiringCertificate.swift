import Foundation

/// An active certificate with the partner it belongs to, for HQ's list of expiring ones.
public struct ExpiringCertificate: Sendable, Hashable {
    public let certificate: PartnerCertificate
    public let partnerCode: String
    public let partnerName: String

    /// Creates the value.
    public init(certificate: PartnerCertificate, partnerCode: String, partnerName: String) {
        self.certificate = certificate
        self.partnerCode = partnerCode
        self.partnerName = partnerName
    }
}

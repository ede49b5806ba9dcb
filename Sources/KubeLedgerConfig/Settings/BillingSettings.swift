import Foundation

/// How billing periods are cut and who issues the invoice.
public struct BillingSettings: Sendable, Equatable {
    public static let defaultTimezone = "UTC"
    public static let defaultProviderName = "Cloud Temple"

    /// IANA time zone identifier whose calendar months are the billing periods (cost-model.md §1).
    ///
    /// Kept as the identifier the user wrote; the loader has checked that Foundation knows it.
    public var timezone: String
    /// Written to the FOCUS columns InvoiceIssuerName, ProviderName and PublisherName.
    public var providerName: String

    public init(timezone: String = BillingSettings.defaultTimezone, providerName: String = BillingSettings.defaultProviderName) {
        self.timezone = timezone
        self.providerName = providerName
    }

    /// The billing time zone; falls back to UTC only for an identifier the loader would have refused.
    public var timeZone: TimeZone {
        TimeZone(identifier: timezone) ?? .gmt
    }
}

extension BillingSettings {
    static let keys = ["timezone", "provider_name"]

    static func read(_ node: NodeReader) -> BillingSettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let timezone = map.optional("timezone").map { $0.timezone() } ?? defaultTimezone
        let provider = map.optional("provider_name").map { $0.nonEmptyString() } ?? defaultProviderName
        guard let timezone, let provider else { return nil }
        return BillingSettings(timezone: timezone, providerName: provider)
    }
}

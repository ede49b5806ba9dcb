/// The billing account a cluster's costs are invoiced to (FOCUS BillingAccountId and BillingAccountName).
public struct ClusterBillingSettings: Sendable, Equatable {
    public var accountID: String
    public var accountName: String

    public init(accountID: String, accountName: String) {
        self.accountID = accountID
        self.accountName = accountName
    }
}

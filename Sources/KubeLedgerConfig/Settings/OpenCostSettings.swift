import Foundation

/// An OpenCost or Kubecost allocation API, read as a second opinion (inputs.md §3).
public struct OpenCostSettings: Sendable, Equatable {
    public var url: URL
    /// `opencost` unless the file says `kubecost`.
    public var kind: OpenCostKind
    /// Not in the spec's example; added for a Kubecost behind authentication. Default none.
    public var auth: SourceAuth

    public init(url: URL, kind: OpenCostKind = .opencost, auth: SourceAuth = .none) {
        self.url = url
        self.kind = kind
        self.auth = auth
    }
}

import Foundation

/// Where a cluster's VM records come from, with what each kind of source needs.
///
/// An enum rather than optional fields so a connector cannot meet a file source without a
/// path or a Xen Orchestra source without its storage-repository map.
public enum IaaSSource: Sendable, Equatable {
    /// Cloud Temple console metrics (inputs.md §2a), usually with Basic auth from a personal access token.
    case cloudTempleMetrics(url: URL, auth: SourceAuth)
    /// Xen Orchestra REST API (inputs.md §2b).
    ///
    /// - `srClasses`: storage repository (`$SR` name or id) to storage class.
    /// - `osDiskPosition`: the VBD position of the OS disk, 0 by default.
    case xenOrchestra(url: URL, auth: SourceAuth, srClasses: [String: String], osDiskPosition: Int)
    /// A CSV or JSON Lines file (inputs.md §2c); an absolute path.
    case file(path: String)

    public var kind: IaaSKind {
        switch self {
        case .cloudTempleMetrics: .cloudTempleMetrics
        case .xenOrchestra: .xenOrchestra
        case .file: .file
        }
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A failed request as one readable line naming the URL, instead of Foundation's
/// `Error Domain=NSURLErrorDomain Code=-1004 "(null)" UserInfo={…}` dump, which is what an
/// operator would otherwise read in the CLI, the logs and the job status.
enum TransportFailure {
    static func error(_ error: any Error, url: String) -> SourceError {
        guard let code = urlErrorCode(error) else { return .transport(url: url, reason: String(describing: error)) }
        switch code {
        case .cannotConnectToHost: return .connection(url: url, reason: "connection refused")
        case .cannotFindHost, .dnsLookupFailed: return .connection(url: url, reason: "host not found")
        case .notConnectedToInternet: return .connection(url: url, reason: "no network")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
            return .connection(url: url, reason: "TLS handshake failed")
        case .networkConnectionLost: return .transport(url: url, reason: "the connection was lost before the answer ended")
        case .badServerResponse: return .transport(url: url, reason: "the server sent an invalid HTTP answer")
        case .badURL, .unsupportedURL: return .transport(url: url, reason: "not a URL the client can fetch")
        default: return .transport(url: url, reason: "request failed (URL error \(code.rawValue))")
        }
    }

    /// The URL error code, from a `URLError` or an `NSError` of its domain (libcurl's
    /// Foundation hands either).
    static func urlErrorCode(_ error: any Error) -> URLError.Code? {
        if let error = error as? URLError { return error.code }
        let error = error as NSError
        return error.domain == NSURLErrorDomain ? URLError.Code(rawValue: error.code) : nil
    }
}

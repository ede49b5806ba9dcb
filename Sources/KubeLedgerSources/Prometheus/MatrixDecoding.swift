import Foundation

/// The two matrix decodings side by side, for the decode benchmark and the tests that
/// hold them to the same result.
public enum MatrixDecoding {
    public static func scanner(_ data: Data) throws -> [MatrixSeries] {
        guard let series = MatrixScanner.scan(data) else { throw SourceError.malformed(url: "", reason: "the scanner refused it") }
        return series
    }

    public static func foundation(_ data: Data) throws -> [MatrixSeries] {
        try MatrixResponse.decodeWithFoundation(data, url: "")
    }
}

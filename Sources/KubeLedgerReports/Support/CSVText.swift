import CSV
import Foundation

/// RFC 4180 text with CRLF line ends, a header row and a closing CRLF: the one way every
/// CSV of the project (invoices, right-sizing, reconciliation) is written.
enum CSVText {
    static func render(header: [String], rows: [[String]]) -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        // Writing to memory cannot fail: the errors CSVWriter declares are those of a stream.
        let writer = try! CSVWriter(stream: stream, newline: .crlf)
        try! writer.write(row: header)
        for row in rows { try! writer.write(row: row) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }
}

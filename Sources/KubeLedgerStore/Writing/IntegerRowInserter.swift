import GRDB
import GRDBSQLite

/// Appends rows of integer columns to a table through multi-row `INSERT`s whose values are
/// bound straight to SQLite. Pricing writes millions of such rows a month, and building
/// GRDB arguments (a boxed value each) cost more than SQLite's own insert.
struct IntegerRowInserter {
    private let db: Database
    private let sql: (Int) -> String
    private let columns: Int
    private let rowsPerStatement: Int
    private var values: [Int64] = []

    /// - Parameter into: The table and its columns, as in `INSERT INTO costHour (a, b)`.
    init(db: Database, into table: String, columns: [String], rowsPerStatement: Int = 64) {
        self.db = db
        self.columns = columns.count
        self.rowsPerStatement = rowsPerStatement
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        sql = { count in head + Array(repeating: row, count: count).joined(separator: ",") }
        values.reserveCapacity(rowsPerStatement * columns.count)
    }

    /// Adds the next value of the current row (values one at a time: no array per row).
    mutating func append(_ value: Int64) {
        values.append(value)
    }

    /// Ends the current row, written once enough rows are waiting.
    mutating func endRow() throws {
        precondition(values.count % columns == 0, "a row of \(values.count % columns) values for \(columns) columns")
        if values.count == rowsPerStatement * columns { try flush() }
    }

    /// Writes the rows not written yet.
    mutating func flush() throws {
        guard !values.isEmpty else { return }
        let statement = try db.cachedStatement(sql: sql(values.count / columns))
        // Empty unchecked arguments reset the statement and mark it bound, so that
        // `execute()` steps it with the values bound below.
        statement.setUncheckedArguments(StatementArguments())
        let handle = statement.sqliteStatement
        for (index, value) in values.enumerated() {
            let code = sqlite3_bind_int64(handle, Int32(index + 1), value)
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            }
        }
        try statement.execute()
        values.removeAll(keepingCapacity: true)
    }
}

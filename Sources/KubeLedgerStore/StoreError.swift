/// What can go wrong in the store, each case saying where, so a caller can name it to the user.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A fact in a batch breaks an invariant; nothing of the batch was written.
    case invalidFact(kind: String, key: String, field: String, reason: String)
    /// A stored raw chunk does not decode.
    case corruptChunk(day: Int64, reason: String)
    /// A stored inventory snapshot does not decode.
    case corruptInventory(cluster: String, takenAt: Int64, reason: String)
    /// The database file cannot be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// The month's invoice is already closed and cannot be closed again.
    case alreadyClosed(cluster: String, month: String)

    public var description: String {
        switch self {
        case let .invalidFact(kind, key, field, reason): "invalid \(kind) \(key): \(field) \(reason); nothing of the batch was written"
        case let .corruptChunk(day, reason): "raw sample chunk of day \(day) is corrupt: \(reason)"
        case let .corruptInventory(cluster, takenAt, reason): "inventory snapshot of \(cluster) taken at \(takenAt) is corrupt: \(reason)"
        case let .cannotOpen(path, reason): "cannot open store \(path): \(reason)"
        case let .alreadyClosed(cluster, month): "the invoice of \(cluster) for \(month) is already closed; a closed month never changes"
        }
    }
}

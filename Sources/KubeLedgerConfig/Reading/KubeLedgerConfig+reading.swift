import Yams

extension KubeLedgerConfig {
    static let keys = [
        "store", "catalog", "billing", "sharing", "namespaces", "storage_classes", "clusters", "ingest", "server", "capacity",
    ]
    static let clustersExpected = "a list of at least one cluster"

    /// Reads the root mapping; nil when anything was reported. Sections are read even after
    /// one fails, so the context ends up holding every problem of the file.
    static func read(root: Node?, context: LoadContext) -> KubeLedgerConfig? {
        guard let root else {
            // An empty file: say what the least configuration needs.
            context.report(.missingKey(file: context.file, keyPath: "store", expected: "a mapping with path"), at: nil)
            context.report(.missingKey(file: context.file, keyPath: "clusters", expected: clustersExpected), at: nil)
            return nil
        }
        let rootReader = NodeReader(node: root, keyPath: "", context: context)
        guard let map = rootReader.mapping(known: keys, expected: "a mapping of settings such as store and clusters") else { return nil }

        let store = map.required("store", expected: "a mapping with path").flatMap(StoreSettings.read)
        let catalog: String?? = map.optional("catalog").map { $0.path(expected: "the path of a price catalog") }
        context.catalog = catalog.map { $0.map(LoadContext.CatalogKey.path) ?? .invalid } ?? .absent
        let billing = map.optional("billing").map(BillingSettings.read) ?? BillingSettings()
        let sharing = map.optional("sharing").map(SharingSettings.read) ?? SharingSettings()
        let namespaces = map.optional("namespaces").map(NamespaceSettings.read) ?? NamespaceSettings()
        let storageClasses = map.optional("storage_classes").map(StorageClassSettings.read) ?? StorageClassSettings()
        let clusters = map.required("clusters", expected: clustersExpected).flatMap(readClusters)
        let ingest = map.optional("ingest").map(IngestSettings.read) ?? IngestSettings()
        let server = map.optional("server").map(ServerSettings.read) ?? ServerSettings()
        let capacity = map.optional("capacity").map(CapacitySettings.read) ?? CapacitySettings()

        checkWindow(capacity: capacity, store: store, map: map)
        guard context.isClean, let store, let billing, let sharing, let namespaces, let storageClasses, let clusters,
            let ingest, let server, let capacity
        else { return nil }
        return KubeLedgerConfig(
            store: store,
            catalog: catalog ?? nil,
            billing: billing,
            sharing: sharing,
            namespaces: namespaces,
            storageClasses: storageClasses,
            clusters: clusters,
            ingest: ingest,
            server: server,
            capacity: capacity
        )
    }

    private static func readClusters(_ node: NodeReader) -> [ClusterSettings]? {
        guard let items = node.list(expected: clustersExpected) else { return nil }
        guard !items.isEmpty else {
            node.invalid(expected: clustersExpected, found: "an empty list")
            return nil
        }
        let read = items.map(ClusterSettings.read)
        UniquenessCheck.check(items, key: "name", what: "cluster name")
        let valid = read.compactMap { $0 }
        return valid.count == read.count ? valid : nil
    }

    /// Right-sizing reads 5-minute samples, which the store drops after `raw_retention_days`.
    private static func checkWindow(capacity: CapacitySettings?, store: StoreSettings?, map: MappingReader) {
        guard let capacity, let store, capacity.windowDays > store.rawRetentionDays else { return }
        let keyPath = KeyPath.appending("window_days", to: KeyPath.appending("capacity", to: map.keyPath))
        map.context.report(
            .invalidValue(
                file: map.context.file,
                keyPath: keyPath,
                expected: "at most store.raw_retention_days (\(store.rawRetentionDays)), since older 5-minute samples are gone",
                found: "\(capacity.windowDays)"
            ),
            at: map.optional("capacity")?.node["window_days"]
        )
    }
}

extension OSDiskSettings {
    static let keys = ["size_gib", "class"]

    static func read(_ node: NodeReader) -> OSDiskSettings? {
        guard let map = node.mapping(known: keys, expected: "a mapping with size_gib and class") else { return nil }
        let size = map.optional("size_gib").map { $0.int(expected: "an integer >= 1") { $0 >= 1 } } ?? defaultSizeGiB
        let storageClass = map.optional("class").map { $0.nonEmptyString(expected: "a storage class name") } ?? defaultStorageClass
        guard let size, let storageClass else { return nil }
        return OSDiskSettings(sizeGiB: size, storageClass: storageClass)
    }
}

import Foundation

extension IaaSSettings {
    static let keys = [
        "type", "url", "path", "auth", "os_disk", "data_disk_class", "node_name", "sr_classes", "os_disk_position",
    ]
    static let nodeNameExpected = "a pattern containing {vm_name}, such as {vm_name} or k8s-{vm_name}"

    /// Reads every key whatever the type, so a bad URL is reported even when the type is also wrong,
    /// then checks which keys the type uses.
    static func read(_ node: NodeReader) -> IaaSSettings? {
        guard let map = node.mapping(known: keys, expected: "a mapping with type") else { return nil }
        let kind = map.required("type", expected: "cloudtemple-metrics, xen-orchestra or file").flatMap { $0.choice(IaaSKind.self) }
        let osDisk = map.optional("os_disk").map(OSDiskSettings.read) ?? OSDiskSettings()
        let dataDiskClass =
            map.optional("data_disk_class").map { $0.nonEmptyString(expected: "a storage class name") }
            ?? defaultDataDiskClass
        let nodeName = map.optional("node_name").map(readNodeNamePattern) ?? defaultNodeNamePattern
        guard let kind else {
            _ = readURLSource(map, needed: false)
            _ = map.optional("path").map { $0.path() }
            return nil
        }
        let source: IaaSSource?
        switch kind {
        case .cloudTempleMetrics:
            rejectXenOrchestraKeys(map, kind: kind)
            map.reject("path", reason: "not used with type cloudtemple-metrics (it reads url)")
            source = readURLSource(map, needed: true).map { .cloudTempleMetrics(url: $0.url, auth: $0.auth) }
        case .xenOrchestra:
            map.reject("path", reason: "not used with type xen-orchestra (it reads url)")
            let endpoint = readURLSource(map, needed: true)
            let srClasses =
                map.optional("sr_classes").map {
                    $0.dictionary(expected: "a mapping of storage repository to storage class") {
                        $0.nonEmptyString(expected: "a storage class name")
                    }
                } ?? [:]
            let position = map.optional("os_disk_position").map { $0.int(expected: "an integer >= 0") { $0 >= 0 } } ?? 0
            if let endpoint, let srClasses, let position {
                source = .xenOrchestra(url: endpoint.url, auth: endpoint.auth, srClasses: srClasses, osDiskPosition: position)
            } else {
                source = nil
            }
        case .file:
            rejectXenOrchestraKeys(map, kind: kind)
            for key in ["url", "auth"] { map.reject(key, reason: "not used with type file (it reads path)") }
            source = map.required("path", expected: "the path of a CSV or JSON Lines file").flatMap { $0.path() }.map { .file(path: $0) }
        }
        guard let source, let osDisk, let dataDiskClass, let nodeName else { return nil }
        return IaaSSettings(source: source, osDisk: osDisk, dataDiskClass: dataDiskClass, nodeNamePattern: nodeName)
    }

    private static func rejectXenOrchestraKeys(_ map: MappingReader, kind: IaaSKind) {
        for key in ["sr_classes", "os_disk_position"] {
            map.reject(key, reason: "only used with type xen-orchestra, not \(kind.rawValue)")
        }
    }

    private static func readURLSource(_ map: MappingReader, needed: Bool) -> (url: URL, auth: SourceAuth)? {
        let urlNode = needed ? map.required("url", expected: NodeReader.urlExpected) : map.optional("url")
        let url = urlNode.flatMap { $0.url() }
        let auth = map.optional("auth").map(SourceAuth.read) ?? SourceAuth.none
        guard let url, let auth else { return nil }
        return (url, auth)
    }

    private static func readNodeNamePattern(_ node: NodeReader) -> String? {
        guard let text = node.string(expected: nodeNameExpected) else { return nil }
        let withoutPlaceholder = text.replacingOccurrences(of: vmNamePlaceholder, with: "")
        guard text.contains(vmNamePlaceholder), !withoutPlaceholder.contains("{"), !withoutPlaceholder.contains("}") else {
            node.invalid(expected: nodeNameExpected, found: NodeReader.quoted(text))
            return nil
        }
        return text
    }
}

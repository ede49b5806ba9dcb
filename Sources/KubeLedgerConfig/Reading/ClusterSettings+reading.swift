import KubeLedgerCore

extension ClusterSettings {
    static let keys = ["name", "architecture", "region", "billing", "prometheus", "iaas", "opencost"]
    static let nameExpected = "a cluster name of letters, digits, '.', '_' and '-'"

    static func read(_ node: NodeReader) -> ClusterSettings? {
        guard let map = node.mapping(known: keys, expected: "a mapping with name, architecture, prometheus and iaas") else { return nil }
        let name = map.required("name", expected: nameExpected).flatMap { nameNode -> String? in
            guard let text = nameNode.string(expected: nameExpected) else { return nil }
            guard isClusterName(text) else {
                nameNode.invalid(expected: nameExpected, found: NodeReader.quoted(text))
                return nil
            }
            return text
        }
        let architecture = map.required("architecture", expected: "devtest or production").flatMap { $0.choice(Architecture.self) }
        let region = map.optional("region").map { $0.nonEmptyString(expected: "a region such as FR1") } ?? defaultRegion
        let billing: ClusterBillingSettings?? = map.optional("billing").map { ClusterBillingSettings.read($0, clusterName: name ?? "") }
        let prometheus = map.required("prometheus", expected: "a mapping with url").flatMap(PrometheusSettings.read)
        let iaas = map.required("iaas", expected: "a mapping with type").flatMap(IaaSSettings.read)
        let opencost: OpenCostSettings?? = map.optional("opencost").map(OpenCostSettings.read)
        if case .some(.none) = billing { return nil }
        if case .some(.none) = opencost { return nil }
        guard let name, let architecture, let region, let prometheus, let iaas else { return nil }
        return ClusterSettings(
            name: name,
            architecture: architecture,
            region: region,
            billing: billing ?? nil,
            prometheus: prometheus,
            iaas: iaas,
            opencost: opencost ?? nil
        )
    }

    /// Names appear in URLs and on the command line, so no spaces or slashes.
    static func isClusterName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 63 else { return false }
        func alphanumeric(_ s: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
        }
        return alphanumeric(first) && text.unicodeScalars.allSatisfy { alphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }
}

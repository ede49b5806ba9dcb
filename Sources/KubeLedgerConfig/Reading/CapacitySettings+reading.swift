import KubeLedgerCore

extension CapacitySettings {
    static let keys = ["basis", "horizon_days", "window_days", "exclude", "rightsizing", "system_reserve", "osd_reserve", "worker_flavours",
                       "devtest", "production"]

    static func read(_ node: NodeReader) -> CapacitySettings? {
        guard let map = node.mapping(known: keys) else { return nil }
        let basis = map.optional("basis").map { $0.choice(CapacityBasis.self) } ?? .recommended
        let horizon = map.optional("horizon_days").map { $0.int(expected: "an integer >= 1") { $0 >= 1 } } ?? defaultHorizonDays
        let window = map.optional("window_days").map { $0.int(expected: "an integer >= 1") { $0 >= 1 } } ?? defaultWindowDays
        let exclude = map.optional("exclude").map {
            $0.stringList(expected: "a list of namespaces or namespace/workload names", element: "a namespace or namespace/workload name")
        } ?? []
        let rightSizing = map.optional("rightsizing").map(RightSizingOverrides.read) ?? RightSizingOverrides()
        let systemReserve = map.optional("system_reserve").map(NodeReserve.read)
        let osdReserve = map.optional("osd_reserve").map(NodeReserve.read)
        let flavours = map.optional("worker_flavours").map(FlavourSize.readList)
        var architectures: [Architecture: ArchitectureOverrides] = [:]
        var rulesRead = true
        for architecture in Architecture.allCases {
            guard let rules = map.optional(architecture.rawValue) else { continue }
            if let read = ArchitectureOverrides.read(rules) { architectures[architecture] = read } else { rulesRead = false }
        }
        /// A key that was given but did not read (its problem is reported already).
        func failed<Value>(_ value: Value??) -> Bool {
            if case .some(.none) = value { return true }
            return false
        }
        guard let basis, let horizon, let window, let exclude, let rightSizing, !failed(systemReserve), !failed(osdReserve), !failed(flavours),
              rulesRead else { return nil }
        var settings = CapacitySettings(basis: basis, horizonDays: horizon, windowDays: window, exclude: exclude)
        settings.rightSizing = rightSizing
        settings.systemReserve = systemReserve ?? nil
        settings.osdReserve = osdReserve ?? nil
        settings.workerFlavours = flavours ?? nil
        settings.architectures = architectures
        return settings
    }
}

extension RightSizingOverrides {
    static let keys = ["cpu_percentile", "memory_headroom_percent", "minimum_cpu_millicores", "minimum_memory_mib", "minimum_points"]

    static func read(_ node: NodeReader) -> RightSizingOverrides? {
        guard let map = node.mapping(known: keys) else { return nil }
        var result = RightSizingOverrides()
        let read = [
            map.override("cpu_percentile", into: &result, \.cpuPercentile) { $0.int(expected: "an integer from 1 to 100") { (1...100).contains($0) } },
            map.override("memory_headroom_percent", into: &result, \.memoryHeadroomPercent) { $0.int(expected: "an integer >= 0") { $0 >= 0 } },
            map.override("minimum_cpu_millicores", into: &result, \.minimumCPUMillicores) { $0.int(expected: "an integer >= 1") { $0 >= 1 } },
            map.override("minimum_memory_mib", into: &result, \.minimumMemoryMiB) { $0.int(expected: "an integer >= 1") { $0 >= 1 } },
            map.override("minimum_points", into: &result, \.minimumPoints) { $0.int(expected: "an integer >= 1") { $0 >= 1 } },
        ]
        return read.allSatisfy { $0 } ? result : nil
    }
}

extension NodeReserve {
    static let keys = ["vcpus", "memory_gib"]

    static func read(_ node: NodeReader) -> NodeReserve? {
        guard let map = node.mapping(known: keys, expected: "a mapping with vcpus and memory_gib") else { return nil }
        let cpu = map.required("vcpus", expected: "a number of vCPUs >= 0").map { $0.number(expected: "a number of vCPUs >= 0") { $0 >= 0 && $0 <= 1024 } }
        let memory = map.required("memory_gib", expected: "a number of GiB >= 0").map { $0.number(expected: "a number of GiB >= 0") { $0 >= 0 && $0 <= 65_536 } }
        guard let cpu = cpu ?? nil, let memory = memory ?? nil else { return nil }
        return NodeReserve(cpuNanocores: Int64((cpu * 1e9).rounded()), memoryBytes: Int64((memory * Double(ByteSize.gib)).rounded()))
    }
}

extension FlavourSize {
    static let expected = "a flavour written vCPU/GiB, such as 16/32"

    static func readList(_ node: NodeReader) -> [FlavourSize]? {
        guard let items = node.list(expected: "a non-empty list of flavours written vCPU/GiB, such as [\"16/32\", \"32/64\"]") else { return nil }
        let flavours = items.map { item -> FlavourSize? in
            guard let text = item.string(expected: expected) else { return nil }
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let vcpus = Int(parts[0]), let memory = Int(parts[1]), vcpus >= 1, memory >= 1 else {
                item.invalid(expected: expected, found: NodeReader.quoted(text))
                return nil
            }
            return FlavourSize(vcpus: vcpus, memoryGiB: memory)
        }
        let present = flavours.compactMap { $0 }
        guard present.count == flavours.count else { return nil }
        guard !present.isEmpty else {
            node.invalid(expected: "at least one flavour", found: "an empty list")
            return nil
        }
        return present
    }
}

extension ArchitectureOverrides {
    static let keys = ["target_utilisation", "minimum_workers", "maximum_workers", "pods_per_node", "ceph_fill", "minimum_data_disk_gib",
                       "data_disk_step_gib"]

    static func read(_ node: NodeReader) -> ArchitectureOverrides? {
        guard let map = node.mapping(known: keys) else { return nil }
        var result = ArchitectureOverrides()
        let count = { (node: NodeReader) in node.int(expected: "an integer >= 1") { $0 >= 1 } }
        let fraction = { (node: NodeReader) in node.number(expected: "a fraction above 0 and at most 1, such as 0.75") { $0 > 0 && $0 <= 1 } }
        let read = [
            map.override("target_utilisation", into: &result, \.targetUtilisation, fraction),
            map.override("minimum_workers", into: &result, \.minimumWorkers, count),
            map.override("maximum_workers", into: &result, \.maximumWorkers, count),
            map.override("pods_per_node", into: &result, \.podsPerNode, count),
            map.override("ceph_fill", into: &result, \.cephFill, fraction),
            map.override("minimum_data_disk_gib", into: &result, \.minimumDataDiskGiB, count),
            map.override("data_disk_step_gib", into: &result, \.dataDiskStepGiB, count),
        ]
        var ok = read.allSatisfy { $0 }
        if ok, let low = result.minimumWorkers, let high = result.maximumWorkers, low > high {
            map.optional("maximum_workers")?.invalid(expected: "at least minimum_workers (\(low))", found: String(high))
            ok = false
        }
        return ok ? result : nil
    }
}

extension MappingReader {
    /// Reads `key`, when given, into `target[keyPath: path]` with `read`; false when it was
    /// given and wrong (the problem is reported already), so every key is still read.
    func override<Target, Value>(_ key: String, into target: inout Target, _ path: WritableKeyPath<Target, Value?>,
                                 _ read: (NodeReader) -> Value?) -> Bool {
        guard let node = optional(key) else { return true }
        guard let value = read(node) else { return false }
        target[keyPath: path] = value
        return true
    }
}

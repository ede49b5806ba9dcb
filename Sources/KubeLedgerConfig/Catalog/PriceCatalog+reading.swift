import KubeLedgerCore
import Yams

extension PriceCatalog {
    static let keys = ["currency", "hours_per_month", "note", "versions"]
    static let versionKeys = ["effective_from", "compute", "storage_gib_month", "service_fees_month"]
    static let moneyExpected = "a decimal price such as \"0.0300\" (at most 15 decimals, not negative)"

    static func read(root: NodeReader, source: String) -> PriceCatalog? {
        guard let map = root.mapping(known: keys) else { return nil }
        let currency = map.required("currency", expected: "a three-letter ISO 4217 code such as EUR").flatMap { node -> String? in
            guard let text = node.string(), text.count == 3, text.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                node.invalid(expected: "a three-letter ISO 4217 code such as EUR", found: node.found)
                return nil
            }
            return text
        }
        let hours = map.optional("hours_per_month").map(readHours) ?? .calendar
        let note = map.optional("note").map { $0.string() } ?? nil
        let versions = map.required("versions", expected: "a list of price versions").flatMap { node -> [PriceVersion]? in
            guard let items = node.list(expected: "a list of price versions") else { return nil }
            guard !items.isEmpty else {
                node.invalid(expected: "at least one price version", found: "an empty list")
                return nil
            }
            let read = items.map(readVersion)
            var seen: [Int64: String] = [:]
            for (item, version) in zip(items, read) {
                guard let version else { continue }
                if let earlier = seen[version.effectiveFrom] {
                    item.invalid(expected: "an effective_from no other version has (\(earlier) has it)", found: UTCTime.format(version.effectiveFrom))
                }
                seen[version.effectiveFrom] = item.keyPath
            }
            let present = read.compactMap { $0 }
            return present.count == read.count ? present : nil
        }
        guard let currency, let hours, let versions else { return nil }
        return PriceCatalog(currency: currency, hoursPerMonth: hours, versions: versions, note: note, source: source)
    }

    static func readHours(_ node: NodeReader) -> HoursPerMonth? {
        let expected = "calendar, or a whole number of hours such as 730"
        if case .scalar(let scalar) = node.node, scalar.string == "calendar" { return .calendar }
        return node.int(expected: expected) { (1...1000).contains($0) }.map(HoursPerMonth.fixed)
    }

    static func readVersion(_ node: NodeReader) -> PriceVersion? {
        guard let map = node.mapping(known: versionKeys) else { return nil }
        let from = map.required("effective_from", expected: NodeReader.timeExpected)?.time()
        let compute = map.required("compute", expected: "vcpu_hour and ram_gib_hour").flatMap { node -> (Money, Money)? in
            guard let compute = node.mapping(known: ["vcpu_hour", "ram_gib_hour"]) else { return nil }
            let cpu = compute.required("vcpu_hour", expected: moneyExpected)?.money()
            let ram = compute.required("ram_gib_hour", expected: moneyExpected)?.money()
            guard let cpu, let ram else { return nil }
            return (cpu, ram)
        }
        let storage = map.required("storage_gib_month", expected: "a price per storage class")?
            .dictionary(expected: "a price per storage class") { $0.money() }
        let fees = map.required("service_fees_month", expected: "a fee per architecture (production, devtest)").flatMap { node -> [Architecture: ServiceFee]? in
            guard let byName = node.mapping(known: Architecture.allCases.map(\.rawValue)) else { return nil }
            var fees: [Architecture: ServiceFee] = [:]
            var failed = false
            for entry in byName.entries {
                guard let fee = readFee(entry.reader) else {
                    failed = true
                    continue
                }
                fees[Architecture(rawValue: entry.key)!] = fee
            }
            return failed ? nil : fees
        }
        guard let from, let compute, let storage, let fees else { return nil }
        return PriceVersion(effectiveFrom: from, vcpuHour: compute.0, ramGiBHour: compute.1, storageGiBMonth: storage, serviceFees: fees)
    }

    static func readFee(_ node: NodeReader) -> ServiceFee? {
        guard let map = node.mapping(known: ["cluster", "included_workers", "extra_worker"]) else { return nil }
        let cluster = map.required("cluster", expected: moneyExpected)?.money()
        let included = map.required("included_workers", expected: "a whole number of workers (0 or more)")?
            .int(expected: "a whole number of workers (0 or more)") { $0 >= 0 }
        let extra = map.required("extra_worker", expected: moneyExpected)?.money()
        guard let cluster, let included, let extra else { return nil }
        return ServiceFee(cluster: cluster, includedWorkers: included, extraWorker: extra)
    }
}

extension NodeReader {
    /// An exact decimal price, quoted (as the spec writes them) or not: the text is read
    /// digit by digit, never through a floating-point number.
    func money() -> Money? {
        guard case .scalar(let scalar) = node, !isNull else {
            wrongType(expected: PriceCatalog.moneyExpected)
            return nil
        }
        guard let value = Money(scalar.string), value >= .zero else {
            invalid(expected: PriceCatalog.moneyExpected, found: found)
            return nil
        }
        return value
    }
}

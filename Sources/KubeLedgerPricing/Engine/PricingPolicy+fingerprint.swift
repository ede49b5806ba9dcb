import Foundation
import KubeLedgerConfig
import KubeLedgerCore

extension PricingPolicy {
    /// A digest of everything in the policy that changes an hour's rows, so hours priced
    /// under another catalog or namespace list are found and repriced. Not a security hash.
    public func fingerprint(architecture: Architecture) -> String {
        var text = "v1|\(architecture.rawValue)|\(catalog.currency)|\(timeZone.identifier)|"
        switch catalog.hoursPerMonth {
        case .calendar: text += "calendar|"
        case let .fixed(hours): text += "\(hours)|"
        }
        for version in catalog.versions {
            text += "\(version.effectiveFrom):\(version.vcpuHour):\(version.ramGiBHour):"
            text += version.storageGiBMonth.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            text += version.serviceFees.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue)=\($0.value.cluster)/\($0.value.includedWorkers)/\($0.value.extraWorker)" }.joined(separator: ",") + "|"
        }
        text += namespaces.storage.joined(separator: ",") + "|" + namespaces.platform.joined(separator: ",") + "|"
        text += storageClasses.replicas.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        text += "|\(storageClasses.defaultReplicas)"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Deterministic randomness: the same seed gives the same cluster, byte for byte.
///
/// Sequential draws (``SimRandom``) build the cluster's shape; stateless hashes
/// (``SimRandom/hash(_:_:_:_:)``) give the value at any step without generating the steps
/// before it, so a day can be produced on its own and in any order.
struct SimRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A draw in `[0, 1)`.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Lower-case letters and digits as Kubernetes uses in generated names.
    mutating func suffix(_ length: Int) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0, _ d: UInt64 = 0) -> UInt64 {
        mix(mix(mix(mix(a) ^ b) ^ c) ^ d)
    }

    /// A stateless draw in `[0, 1)` for the given coordinates.
    static func unit(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0, _ d: UInt64 = 0) -> Double {
        Double(hash(a, b, c, d) >> 11) * 0x1.0p-53
    }
}

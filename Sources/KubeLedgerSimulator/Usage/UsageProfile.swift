import Foundation
import KubeLedgerCore

/// How much a container uses at a step: a deterministic function of the step, so any day
/// can be computed alone.
///
/// Usage is the request (or a nominal 50m / 64 MiB without one) times a level, shaped by a
/// daily cycle peaking mid-afternoon UTC, quieter weekends, slow growth from the start of
/// the simulation and a little noise. Over-provisioned containers sit far below their
/// request; under-provisioned ones above it.
struct UsageProfile: Sendable, Hashable {
    var cpuReference: Double
    var cpuLevel: Double
    var memoryReference: Double
    var memoryLevel: Double
    var dailyAmplitude: Double
    var weekendDrop: Double
    var growthPerDay: Double
    var noise: Double
    var seed: UInt64

    /// CPU nanocores at a step.
    func cpu(at step: Int64, origin: Int64) -> Int64 {
        let level = cpuReference * cpuLevel * cycle(step, amplitude: dailyAmplitude) * growth(step, origin: origin)
        let jitter = 1 + noise * (2 * SimRandom.unit(seed, UInt64(bitPattern: step), 1) - 1)
        return max(0, Int64((level * jitter).rounded()))
    }

    /// Working-set bytes at a step: smoother than CPU, the same cycle at a third of its swing.
    func memory(at step: Int64, origin: Int64) -> Int64 {
        let level = memoryReference * memoryLevel * cycle(step, amplitude: dailyAmplitude / 3) * growth(step, origin: origin)
        let jitter = 1 + 0.02 * (2 * SimRandom.unit(seed, UInt64(bitPattern: step), 2) - 1)
        return max(0, Int64((level * jitter).rounded()))
    }

    private func cycle(_ step: Int64, amplitude: Double) -> Double {
        let hourOfDay = Double(step % 86_400) / 3600
        let daily = 1 + amplitude * sin(2 * Double.pi * (hourOfDay - 8) / 24)
        let weekday = (step / 86_400 + 3) % 7  // 0 is Monday; 1970-01-01 was a Thursday
        return weekday >= 5 ? daily * (1 - weekendDrop) : daily
    }

    private func growth(_ step: Int64, origin: Int64) -> Double {
        1 + growthPerDay * Double(step - origin) / 86_400
    }
}

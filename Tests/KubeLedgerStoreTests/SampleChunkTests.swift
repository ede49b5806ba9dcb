import Testing
@testable import KubeLedgerStore

@Suite struct SampleChunkTests {
    let day: Int64 = 1_793_577_600

    @Test("a chunk with gaps decodes to the same samples")
    func roundTrip() throws {
        var chunk = SampleChunk(day: day)
        var expected: [(Int64, Int64)] = []
        for index in [0, 1, 2, 10, 11, 200, 287] {
            let step = day + Int64(index + 1) * 300
            let value = Int64(index * 1_234_567) - 5_000_000
            chunk.set(step: step, value: value)
            expected.append((step, value))
        }
        let decoded = try SampleChunk(day: day, bytes: chunk.encoded())
        #expect(decoded == chunk)
        #expect(decoded.samples.map(\.step) == expected.map(\.0))
        #expect(decoded.samples.map(\.value) == expected.map(\.1))
        #expect(decoded.count == 7)
    }

    @Test("the last step of a day belongs to that day, the first step after midnight to the next")
    func dayBoundaries() {
        #expect(SampleChunk.day(of: day + 86_400) == day)
        #expect(SampleChunk.day(of: day + 86_400 + 300) == day + 86_400)
        #expect(SampleChunk.day(of: day + 300) == day)
    }

    @Test("a full day of slowly varying values costs about three bytes a sample")
    func compact() {
        var chunk = SampleChunk(day: day)
        for index in 0..<288 { chunk.set(step: day + Int64(index + 1) * 300, value: 400_000_000 + Int64(index % 17) * 1_000_000) }
        let bytes = chunk.encoded().count
        #expect(bytes <= 288 * 4)
        #expect(bytes > 288)
    }

    @Test("extreme values survive the zigzag deltas")
    func extremes() throws {
        var chunk = SampleChunk(day: day)
        chunk.set(step: day + 300, value: .max)
        chunk.set(step: day + 600, value: .min)
        chunk.set(step: day + 900, value: 0)
        #expect(try SampleChunk(day: day, bytes: chunk.encoded()) == chunk)
    }

    @Test("a truncated or foreign blob is reported, not read as zeros", arguments: [[UInt8](), [2, 0], [1, 1, 0, 5, 2]])
    func corrupt(bytes: [UInt8]) {
        #expect(throws: StoreError.self) { try SampleChunk(day: day, bytes: bytes) }
    }

    @Test("removing steps before a cutoff keeps the rest")
    func trim() {
        var chunk = SampleChunk(day: day)
        for index in 0..<288 { chunk.set(step: day + Int64(index + 1) * 300, value: Int64(index)) }
        chunk.removeSteps(before: day + 3600)
        #expect(chunk.count == 288 - 11)
        #expect(chunk.samples.first?.step == day + 3600)
    }
}

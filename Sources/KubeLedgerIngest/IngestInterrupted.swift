/// Why a job stopped before its window's end when its task was cancelled (a graceful
/// shutdown of `serve`): the days written before stay, with the watermark at the last one,
/// and the next run resumes from there.
public struct IngestInterrupted: Error, CustomStringConvertible, Sendable {
    public init() {}

    public var description: String {
        "interrupted by shutdown; the days written before stay, and the next run resumes from the watermark"
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A URLSession task that a Swift task's cancellation can stop, whichever comes first:
/// the cancellation handler may run before the task exists (then it never starts) or while
/// it runs (then it is cancelled, and its completion reports `URLError.cancelled`).
///
/// It exists because a request to an upstream that accepts and never answers would
/// otherwise hold a shutting-down `serve` until the request's time-out.
final class CancellableDataTask: Sendable {
    private struct State {
        var task: URLSessionDataTask?
        var cancelled = false
    }

    private let state = Mutex(State())

    /// Resumes `task`, or cancels it at once when cancellation came first.
    func start(_ task: URLSessionDataTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() } else { task.resume() }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}

import Foundation
import Hummingbird

/// Answers a request that runs past its time limit with a JSON 503, Hummingbird's own
/// errors (an unknown route's 404) in JSON too, and any error that is not already an HTTP
/// answer with a JSON 500, so every failure keeps outputs.md §2's error shape.
///
/// The route runs as a child task that the deadline cancels; the long loops (a cost
/// report's buckets) check for cancellation, so the work stops soon after the deadline
/// instead of holding a thread.
struct ServiceMiddleware<Context: RequestContext>: RouterMiddleware {
    let timeLimit: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = timeLimit
        do {
            return try await withoutActuallyEscaping(next) { route in
                // The group awaits its children before returning, so `route` never outlives this call.
                nonisolated(unsafe) let route = route
                return try await withThrowingTaskGroup(of: Response?.self) { group in
                    group.addTask { try await route(request, context) }
                    group.addTask {
                        try await Task.sleep(for: limit)
                        return nil
                    }
                    defer { group.cancelAll() }
                    guard let response = try await group.next()! else {
                        throw APIError(.serviceUnavailable, "timeout", "the request took longer than \(limit); narrow its range or try again")
                    }
                    return response
                }
            }
        } catch let error as HTTPError {
            // Hummingbird's own answers (no route for the path, a body it cannot read) in
            // the same JSON shape as ours, their headers (such as Allow) kept.
            let code = error.status == .notFound ? "not_found" : error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            let message = error.body.flatMap { $0.isEmpty ? nil : $0 }
                ?? (error.status == .notFound ? "no such route: \(request.method) \(request.uri.path)" : error.status.reasonPhrase)
            throw APIError(error.status, code, message, headers: error.headers)
        } catch let error as any HTTPResponseError {
            throw error
        } catch is CancellationError {
            throw APIError(.serviceUnavailable, "timeout", "the request took longer than \(limit); narrow its range or try again")
        } catch {
            throw APIError(.internalServerError, "internal", "internal error: \(error)")
        }
    }
}

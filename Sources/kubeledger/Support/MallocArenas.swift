#if canImport(Glibc)
import Glibc

/// glibc's `mallopt`, which the Glibc module map leaves out with the rest of `malloc.h`.
@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Caps glibc's malloc arenas at two, as `MALLOC_ARENA_MAX=2` would, unless that variable
/// is set: then glibc reads it and this leaves it alone.
///
/// glibc gives each thread that allocates its own arena, up to eight per core, and keeps
/// what a day's answers freed in them. The ingest decodes on the task pool while another
/// thread writes, so without a cap its peak memory grew with the window (497 → 635 MiB
/// for 2 → 7 days, against 432 → 546 MiB capped, and no slower: `docs/benchmarks.md`).
/// It must run before a second thread allocates: glibc fixes the limit when it first needs it.
enum MallocArenas {
    static func cap() {
        #if canImport(Glibc)
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        _ = glibcMallopt(arenaMax, 2)
        #endif
    }
}

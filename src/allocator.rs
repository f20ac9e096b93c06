//! How the process allocates memory.
//!
//! glibc's allocator gives threads their own arenas, up to eight per core, and each keeps what
//! was freed in it. Praxis runs many threads (the async executor's, the blocking pool's, the
//! database writer, the index writer's): backfilling 100,000 items, a new city peaked at 152 to
//! 260 MiB with the default and at 122 MiB with four arenas, as fast (docs/PERFORMANCE.md). Two
//! arenas saved a little more and made it a quarter slower. An operator's own `MALLOC_ARENA_MAX`
//! wins.

/// Arenas the process allocates from, when the environment does not say.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const ARENAS: libc::c_int = 4;

/// Bounds the allocator's arenas; call it first in `main`, before other threads start.
pub fn bound_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets a tuning parameter of the allocator; it is called before the
        // process has other threads.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, ARENAS);
        }
    }
}

//! The `folio` binary: parses the command line and hands it to the library.

fn main() -> std::process::ExitCode {
    map_large_allocations_apart();
    match folio::Cli::parse_or_explain() {
        Ok(cli) => folio::run(cli),
        Err(code) => code,
    }
}

/// glibc gives an allocation of 128 KB or more a mapping of its own, but once such a one is
/// freed (a worker's 8 MB buffer, say) it raises that bound as far as 32 MB: later large arrays
/// come from the heap, and one grown by moving it (the interface's list of articles, 6 MB)
/// leaves its old place behind as a hole that stays resident. A bound that stays put keeps
/// them mapped, grown without a copy and given back when freed: some 5 MB of the interface's
/// peak of 100 on the generated corpus.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn map_large_allocations_apart() {
    // SAFETY: mallopt only sets a tunable of the allocator, before any thread is started.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn map_large_allocations_apart() {}

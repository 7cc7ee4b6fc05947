//! The `seatdesk` binary: all behaviour lives in the library; this only hands over to the CLI.

/// mimalloc instead of the system allocator: a page of licenses makes a few thousand small
/// allocations (decoded strings, JSON), and glibc's malloc/free took ~9 % of the server's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    seatdesk::cli::run()
}

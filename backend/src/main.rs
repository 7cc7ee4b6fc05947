//! The `seatdesk` binary: all behaviour lives in the library; this only hands over to the CLI.

fn main() -> anyhow::Result<()> {
    seatdesk::cli::run()
}

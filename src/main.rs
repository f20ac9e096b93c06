use std::process::ExitCode;

use clap::Parser;
use praxis::{
    cli::{Cli, Command, run_with},
    federation::config::prepare_process,
};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    praxis::allocator::bound_arenas();
    let cli = Cli::parse();
    // The server logs what it does; one-shot commands print their result and only warnings.
    let default_filter = match cli.command {
        Command::Serve => "info,actix_server=warn",
        _ => "warn",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("PRAXIS_LOG").unwrap_or_else(|_| EnvFilter::new(default_filter)),
        )
        .with_writer(std::io::stderr)
        .init();
    let settings = match cli.settings() {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(settings) = &settings {
        // SAFETY: the runtime has not started; this is the only thread.
        unsafe { prepare_process(settings) };
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run_with(cli, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

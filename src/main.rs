use std::process::ExitCode;

use clap::Parser;
use memhook::commands;
use memhook::configuration::{Cli, Command};
use memhook::signals::StopSignals;
use memhook::startup::Application;

/// sled copies nodes and every request allocates; glibc's allocator was a fifth of the
/// server's samples under load (README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The service logs what it does; the integrators' tools print their own output instead.
    let quiet = matches!(cli.command, Some(Command::Listen(_) | Command::Replay(_)));
    let default_level = if quiet { "warn" } else { "info" };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(default_level))
        .init();
    let result = match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(settings) => actix_web::rt::System::new().block_on(async move {
            let signals =
                StopSignals::listen().map_err(|e| format!("cannot catch signals: {e}"))?;
            let app = Application::build(settings).map_err(|e| e.to_string())?;
            app.run_until_signalled(signals)
                .await
                .map_err(|e| e.to_string())
        }),
        Command::Listen(args) => actix_web::rt::System::new().block_on(commands::listen::run(args)),
        Command::Replay(args) => actix_web::rt::System::new().block_on(commands::replay::run(args)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::error!("{e}");
            ExitCode::FAILURE
        }
    }
}

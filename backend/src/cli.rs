//! The `seatdesk` command line: `serve`, `migrate`, `seed-demo`, `seed-large`, `bench-sql`, `openapi`.

use clap::{Parser, Subcommand};

use crate::config::{redact_url, Settings};
use crate::startup::Application;
use crate::storage;

#[derive(Parser)]
#[command(name = "seatdesk", version, about = "Seatdesk: the Live Reports license desk")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, then serve the API and the portal (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Write the demo accounts (Acme Corp, Globex Inc) into an empty database.
    SeedDemo,
    /// Add a large benchmark account ("Bench Corp …") beside whatever is there.
    SeedLarge {
        #[arg(long, default_value_t = 1_000_000)]
        licenses: i64,
        #[arg(long, default_value_t = 200_000)]
        users: i64,
        #[arg(long, default_value_t = 50)]
        cost_centers: i64,
    },
    /// Print, as JSON, the statements one API request sends (list page, get, assign,
    /// unassign) with their binds, for the benchmark to replay bare (bench/bench.py).
    BenchSql {
        #[arg(long)]
        account: uuid::Uuid,
        /// The member the audit events name.
        #[arg(long)]
        member: uuid::Uuid,
        #[arg(long)]
        q: String,
        #[arg(long = "cost-center")]
        cost_centers: Vec<uuid::Uuid>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// A free license and a user without one, for the assign/unassign transactions.
        #[arg(long)]
        license: uuid::Uuid,
        #[arg(long)]
        user: uuid::Uuid,
    },
    /// Print the OpenAPI document (or write it to a file).
    Openapi {
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Some(Command::Openapi { out }) = &cli.command {
        let json = crate::openapi::spec_json();
        match out {
            Some(path) => std::fs::write(path, json)?,
            None => print!("{json}"),
        }
        return Ok(());
    }
    let settings = Settings::load()?;
    crate::telemetry::init(&settings.log_level, &settings.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(settings).await,
            Command::Migrate => {
                let db = storage::connect(&settings.database_url, 2).await?;
                db.migrate().await?;
                println!("migrated {}", redact_url(&settings.database_url));
                Ok(())
            }
            Command::SeedDemo => {
                let db = storage::connect(&settings.database_url, 2).await?;
                db.migrate().await?;
                if storage::accounts::count(&db).await? > 0 {
                    anyhow::bail!("the database already has accounts; seed-demo only writes into an empty one");
                }
                crate::seed::demo::seed(&db).await?;
                println!("seeded the demo data into {}", redact_url(&settings.database_url));
                Ok(())
            }
            Command::SeedLarge { licenses, users, cost_centers } => {
                let db = storage::connect(&settings.database_url, 2).await?;
                db.migrate().await?;
                let started = std::time::Instant::now();
                let opts = crate::seed::large::LargeSeed { licenses, users, cost_centers };
                let seeded = crate::seed::large::seed(&db, &opts).await?;
                println!(
                    "seeded {licenses} licenses, {users} users, {cost_centers} cost centers into account {} in {:.1}s; \
                     sign in as {} / {}",
                    seeded.account,
                    started.elapsed().as_secs_f64(),
                    seeded.owner_email,
                    crate::seed::demo::DEMO_PASSWORD
                );
                Ok(())
            }
            Command::BenchSql { account, member, q, cost_centers, limit, license, user } => {
                let db = storage::connect(&settings.database_url, 2).await?;
                let args = crate::bench_sql::BenchSqlArgs { account, member, q, cost_centers, limit, license, user };
                println!("{}", serde_json::to_string_pretty(&crate::bench_sql::requests(&db, &args).await?)?);
                Ok(())
            }
            Command::Openapi { .. } => unreachable!("handled above"),
        }
    })
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    tracing::info!(settings = ?settings, "starting");
    let started = std::time::Instant::now();
    let seed_demo = settings.seed_demo;
    let host = settings.host.clone();
    let app = Application::build(settings).await?;
    let shown_host = if host == "0.0.0.0" { "localhost" } else { host.as_str() };
    println!("Seatdesk is running at http://{shown_host}:{}/  (API docs: /api/docs/)", app.port());
    if seed_demo {
        println!("Demo sign-in: owner@acme.example / seatdesk-demo");
    }
    tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, "ready");
    app.run_until_stopped().await?;
    Ok(())
}

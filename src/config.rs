//! Settings from the command line and the environment.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "thidua", version, about = "Cổng thông tin cụm, khối thi đua")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal (the default when no command is given).
    Serve(ServeArgs),
    /// Create the database if missing and apply pending migrations.
    Migrate(DatabaseArgs),
    /// Benchmark reference: serve one fixed in-memory response of the given
    /// size with the same server settings (scripts/bench.sh).
    #[command(hide = true)]
    Ceiling(CeilingArgs),
}

#[derive(Debug, Clone, Args)]
pub struct CeilingArgs {
    #[arg(long, default_value = "127.0.0.1:8091")]
    pub bind: String,
    /// Size of the response body in bytes.
    #[arg(long, default_value_t = 16384)]
    pub bytes: usize,
    #[arg(long)]
    pub workers: Option<usize>,
}

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// SQLite database file; created when missing.
    #[arg(
        long = "database",
        env = "DATABASE_URL",
        default_value = "./data/thidua.db"
    )]
    pub database: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "THIDUA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    #[command(flatten)]
    pub db: DatabaseArgs,

    /// Do not load the demo data into a new, empty database.
    #[arg(long)]
    pub no_demo: bool,

    /// Folder of the CSS and other static files.
    #[arg(long, env = "THIDUA_STATIC_DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/static"))]
    pub static_dir: PathBuf,

    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "THIDUA_WORKERS")]
    pub workers: Option<usize>,
}

impl ServeArgs {
    /// The defaults `thidua` uses with no subcommand, still read from the
    /// environment.
    pub fn from_env() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            serve: ServeArgs,
        }
        Only::parse_from(["thidua"]).serve
    }
}

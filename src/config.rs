//! Settings from the command line and the environment.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "thidua", version, about = "Cổng thông tin cụm, khối thi đua")]
pub struct Cli {
    /// Log lines as plain text or as one JSON object each (for log shippers).
    #[arg(long, global = true, env = "THIDUA_LOG_FORMAT", value_enum, ignore_case = true, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal (the default when no command is given).
    Serve(ServeArgs),
    /// Create the database if missing and apply pending migrations.
    Migrate(DatabaseArgs),
    /// Write a consistent copy of the database (attachments included) while
    /// the server keeps serving, and check it.
    Backup(BackupArgs),
    /// Replace the database of a stopped deployment with a checked backup.
    Restore(RestoreArgs),
    /// Write a national-scale test database (3,505 units, 585 clusters,
    /// 2005–2025) into a new file; the same seed gives the same data.
    Generate(GenerateArgs),
    /// Manage accounts (passwords are read from THIDUA_PASSWORD or standard input).
    User(UserArgs),
    /// Add administrative units from the built-in official list.
    Units(UnitsArgs),
    /// Import units, clusters, memberships, an award catalogue, a year's
    /// tables or past years from an Excel (.xlsx) or CSV file: a preview
    /// by default, written only with --apply.
    Import(ImportArgs),
    /// Copy every record from one database into a new one, SQLite or
    /// PostgreSQL either way, and check that every page reads the same.
    Copy(CopyArgs),
    /// Read a conference's press report (.txt, .docx or .pdf) and print
    /// the meeting-form values it gives as JSON, each with its sentence.
    Prefill(PrefillArgs),
    /// Benchmark reference: serve one fixed in-memory response of the given
    /// size with the same server settings (scripts/bench.sh).
    #[command(hide = true)]
    Ceiling(CeilingArgs),
}

#[derive(Debug, Clone, Args)]
pub struct PrefillArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// The report: a .txt, .docx or .pdf file.
    pub file: PathBuf,
    /// The cluster's id: its members and award kinds are matched by name.
    #[arg(long)]
    pub cluster: Option<i32>,
    /// The record's year (the year a summary reviews); read from the
    /// report when not given.
    #[arg(long)]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// The .xlsx or .csv file.
    pub file: PathBuf,
    /// What the file holds (units, clusters, memberships, awards: an
    /// issuer's catalogue, years: past years' awards with their chair and
    /// conference, tables: a cluster-year's indicators, scores and ranks,
    /// figures: a year's indicators one per row);
    /// read from its headers when not given.
    #[arg(long, value_parser = ["units", "clusters", "memberships", "awards", "years", "tables", "figures"])]
    pub kind: Option<String>,
    /// The cluster (id or name) of a table of indicators, scores and ranks
    /// that does not name it in a column or its title.
    #[arg(long)]
    pub cluster: Option<String>,
    /// The year of such a table.
    #[arg(long)]
    pub year: Option<i32>,
    /// The unit meant by a name that fits several: NAME=ID, as the
    /// preview lists them; repeat for each name.
    #[arg(long)]
    pub choose: Vec<String>,
    /// Write what the preview shows, in one transaction.
    #[arg(long)]
    pub apply: bool,
}

#[derive(Debug, Clone, Args)]
pub struct UnitsArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    #[command(subcommand)]
    pub command: UnitsCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum UnitsCommand {
    /// Add a province (by name or official code) with its communes, wards
    /// and special zones; units already there are matched, not repeated.
    AddProvince { name_or_code: String },
    /// List the provinces of the official list with their codes.
    Provinces,
}

#[derive(Debug, Clone, Args)]
pub struct UserArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Add {
        name: String,
        #[arg(long, value_parser = ["admin", "clerk"])]
        role: String,
        /// A cluster the clerk may edit, by number or name (repeatable).
        #[arg(long = "cluster")]
        clusters: Vec<String>,
    },
    /// Set a new password; ends the account's sessions.
    Passwd { name: String },
    /// Disable an account; ends its sessions.
    Disable { name: String },
    /// Enable a disabled account.
    Enable { name: String },
    /// List accounts with their role and clusters.
    List,
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// The backup file to write, refused if it exists unless --force; or a
    /// folder, where a file named thidua-YYYYMMDD-HHMMSS.db is written.
    pub file: PathBuf,
    /// Replace an existing backup file.
    #[arg(long)]
    pub force: bool,
    /// Writing into a folder: keep only the newest N backups there.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub keep: Option<u32>,
}

#[derive(Debug, Clone, Args)]
pub struct CopyArgs {
    /// The database copied: a SQLite file or a `postgres://` URL.
    #[arg(long, value_parser = parse_location)]
    pub from: crate::db::Location,
    /// The new database: it must hold no records yet.
    #[arg(long, value_parser = parse_location)]
    pub to: crate::db::Location,
}

#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// The backup file to restore (written by `thidua backup`).
    pub file: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Seed of the generated data: the same seed gives the same database.
    #[arg(long)]
    pub seed: u64,
    /// The new database file (refused if it exists and is not empty).
    #[arg(long)]
    pub database: PathBuf,
    /// Fraction of the national size to generate (e.g. 0.01 for tests).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
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
    /// SQLite database file (created when missing), or a PostgreSQL
    /// database's `postgres://` URL.
    #[arg(
        long = "database",
        env = "DATABASE_URL",
        default_value = "./data/thidua.db",
        value_parser = parse_location
    )]
    pub database: crate::db::Location,
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

    /// Serve the CSS and other static files from this folder instead of the
    /// copies built into the binary (for working on them).
    #[arg(long, env = "THIDUA_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,

    /// Mark cookies Secure with a `__Host-` name (set to 1 behind HTTPS).
    #[arg(long, env = "THIDUA_SECURE_COOKIES", value_parser = clap::builder::BoolishValueParser::new(), default_value = "false")]
    pub secure_cookies: bool,

    /// Reverse proxies whose X-Forwarded-For names the client (comma-separated
    /// addresses and CIDR ranges, e.g. "127.0.0.1,10.0.0.0/8"); from any other
    /// peer the header is ignored. Default: none.
    #[arg(long, env = "THIDUA_TRUSTED_PROXIES", default_value = "", value_parser = crate::auth::TrustedProxies::parse)]
    pub trusted_proxies: crate::auth::TrustedProxies,

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

fn parse_location(text: &str) -> Result<crate::db::Location, String> {
    Ok(crate::db::Location::parse(text))
}
